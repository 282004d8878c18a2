package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.Link;
import org.jioc.db.LockSet;
import org.jioc.db.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalcoutRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    /** Feed A = 0,1,1,0,0,2 (each put processes) and count outputs (OUT writes cnt.PROC). */
    @ParameterizedTest
    @CsvSource({"Every Time,6", "On Change,3", "When Zero,3", "When Non-zero,3", "Transition To Zero,1",
            "Transition To Non-zero,2"})
    void ooptModes(String oopt, int expectedOutputs) throws Exception {
        db = newDb();
        rec(db, "calcout", "co", "CALC", "A", "OOPT", oopt, "OUT", "cnt.PROC");
        rec(db, "calc", "cnt", "CALC", "VAL+1");
        db.init();
        for (double a : new double[] {0, 1, 1, 0, 0, 2}) put(db, "co.A", a);
        assertEquals(expectedOutputs, num(db, "cnt"), oopt);
        assertEquals(2.0, num(db, "co.PVAL"));
    }

    @Test
    void doptUseOcalWritesOcalResult() throws Exception {
        db = newDb();
        rec(db, "calcout", "co", "CALC", "A+1", "OCAL", "A*10", "DOPT", "Use OCAL", "OUT", "t PP");
        rec(db, "ao", "t");
        db.init();
        put(db, "co.A", 4);
        assertEquals(5.0, num(db, "co"));
        assertEquals(40.0, num(db, "co.OVAL"));
        assertEquals(40.0, num(db, "t"));
        putStr(db, "co.DOPT", "Use CALC");
        put(db, "co.A", 2);
        assertEquals(3.0, num(db, "t"));
    }

    @Test
    void odlyKeepsRecordActiveAndPutCallbackWaitsForTheDelayedOutput() throws Exception {
        db = newDb();
        rec(db, "calcout", "co", "CALC", "A*2", "ODLY", "0.4", "OUT", "t PP");
        rec(db, "ao", "t");
        db.init();
        List<Integer> dlya = events(db, "co.DLYA");
        long t0 = System.nanoTime();
        CompletableFuture<String> done = putNotify(db, "co.A", 21);
        Thread.sleep(100);
        assertFalse(done.isDone(), "put-callback must wait for the delayed output");
        assertEquals(1.0, num(db, "co.PACT"));
        assertEquals(1.0, num(db, "co.DLYA"));
        assertEquals(0.0, num(db, "t"), "output not written yet");
        assertEquals(42.0, num(db, "co"), "VAL computed at once");
        assertEquals("done", done.get(5, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 400, "completed after " + ms + " ms, before ODLY");
        assertEquals(42.0, num(db, "t"));
        assertEquals(0.0, num(db, "co.PACT"));
        assertEquals(0.0, num(db, "co.DLYA"));
        assertEquals(2, dlya.size(), "DLYA posted 1 then 0");
    }

    /** A link that completes asynchronously, like a CA put-callback link. */
    static final class SlowLink extends Link {
        final AtomicInteger writes = new AtomicInteger();
        volatile double last = Double.NaN;

        SlowLink() { super("slow"); }

        @Override
        public boolean writeDoubleAsync(Record owner, double v, Runnable done) {
            last = v;
            writes.incrementAndGet();
            RecordTimers.after(0.3, done);
            return true;
        }

        @Override
        public boolean writeDouble(Record owner, double v) {
            last = v;
            writes.incrementAndGet();
            return true;
        }
    }

    @Test
    void asyncSoftChannelCompletesWhenTargetFinishes() throws Exception {
        db = newDb();
        Record co = rec(db, "calcout", "co", "DTYP", "Async Soft Channel", "CALC", "A+0.5", "OUT", "t");
        rec(db, "ao", "t");
        db.init();
        SlowLink slow = new SlowLink();
        try (LockSet.Guard g = db.lock(co)) {
            co.o[CalcoutRecord.OUT] = slow;
        }
        long t0 = System.nanoTime();
        CompletableFuture<String> done = putNotify(db, "co.A", 1);
        Thread.sleep(100);
        assertFalse(done.isDone());
        assertEquals(1.0, num(db, "co.PACT"), "active while the target works");
        assertEquals("done", done.get(5, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
        assertEquals(1.5, slow.last);
        assertEquals(1, slow.writes.get());
        assertEquals(0.0, num(db, "co.PACT"));
    }

    @Test
    void asyncSoftChannelOnDbLinkWritesSynchronously() throws Exception {
        db = newDb();
        rec(db, "calcout", "co", "DTYP", "Async Soft Channel", "CALC", "A", "OUT", "t PP");
        rec(db, "ao", "t");
        db.init();
        assertEquals("done", putNotify(db, "co.A", 7).get(5, TimeUnit.SECONDS));
        assertEquals(7.0, num(db, "t"));
    }

    @Test
    void ivoaOnInvalidResult() throws Exception {
        db = newDb();
        rec(db, "calcout", "dont", "CALC", "A/B", "OUT", "t1 PP", "IVOA", "Don't drive outputs");
        rec(db, "calcout", "ivov", "CALC", "A/B", "OUT", "t2 PP", "IVOA", "Set output to IVOV", "IVOV", "7");
        rec(db, "ao", "t1", "VAL", "-1");
        rec(db, "ao", "t2");
        db.init();
        process(db, "dont");
        process(db, "ivov");
        assertEquals("INVALID", str(db, "dont.SEVR"));
        assertEquals(-1.0, num(db, "t1"), "not driven");
        assertEquals(7.0, num(db, "t2"));
        assertEquals(7.0, num(db, "ivov.OVAL"));
    }

    @Test
    void oevtPostsEventOnOutput() throws Exception {
        db = newDb();
        rec(db, "calcout", "co", "CALC", "A", "OOPT", "When Non-zero", "OEVT", "coEvent");
        rec(db, "calc", "ev", "SCAN", "Event", "EVNT", "coEvent", "CALC", "VAL+1");
        db.init();
        put(db, "co.A", 0);
        Thread.sleep(100);
        assertEquals(0.0, num(db, "ev"), "no output, no event");
        put(db, "co.A", 1);
        waitFor("event record to process", 2000, () -> num(db, "ev") == 1.0);
    }

    @Test
    void linkStatusFields() throws Exception {
        db = newDb();
        rec(db, "calcout", "co", "CALC", "A+B", "INPA", "3", "INPB", "src", "OUT", "src.A");
        rec(db, "calc", "src", "CALC", "A");
        db.init();
        assertEquals("Constant", str(db, "co.INAV"));
        assertEquals("Local PV", str(db, "co.INBV"));
        assertEquals("Constant", str(db, "co.INCV"));
        assertEquals("Local PV", str(db, "co.OUTV"));
        assertEquals(3.0, num(db, "co.A"), "constant INPA loaded at init");
        putStr(db, "co.INPC", "5");
        assertEquals(5.0, num(db, "co.C"));
        assertEquals("Constant", str(db, "co.INCV"));
        putStr(db, "co.INPC", "src");
        assertEquals("Local PV", str(db, "co.INCV"));
        assertThrows(DbException.class, () -> put(db, "co.INAV", 0));
    }

    @Test
    void badExpressionsRefusedAndOcalOnlyCheckedWhenUsed() throws Exception {
        db = newDb();
        rec(db, "calcout", "co", "CALC", "A", "OCAL", "((", "DOPT", "Use CALC");
        db.init(); // a bad OCAL does not matter while DOPT is Use CALC
        assertEquals(-1.0, num(db, "co.OCLV"));
        assertThrows(DbException.class, () -> putStr(db, "co.CALC", "A+"));
        assertEquals("A", str(db, "co.CALC"));
        assertThrows(DbException.class, () -> putStr(db, "co.OCAL", "1+"));
        putStr(db, "co.OCAL", "A*3");
        assertEquals(0.0, num(db, "co.OCLV"));
        Database db2 = newDb();
        rec(db2, "calcout", "co2", "CALC", "A", "OCAL", "((", "DOPT", "Use OCAL");
        DbException e = assertThrows(DbException.class, db2::init);
        assertTrue(e.getMessage().contains("co2.OCAL"), e.getMessage());
    }
}
