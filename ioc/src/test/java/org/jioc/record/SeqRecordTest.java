package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jioc.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeqRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    @Test
    void groupsRunInOrderAfterTheirDelaysAndPutCallbackCompletesAtTheEnd() throws Exception {
        db = newDb();
        rec(db, "seq", "s", "SELM", "All",
                "DLY0", "0.2", "DOL0", "5", "LNK0", "a PP",
                "DLY1", "0.3", "DOL1", "src PP", "LNK1", "b PP",
                "DLY3", "0", "DO3", "9", "LNK3", "c PP");
        rec(db, "calc", "src", "CALC", "42");
        rec(db, "ao", "a");
        rec(db, "ao", "b");
        rec(db, "ao", "c");
        db.init();
        assertEquals(5.0, num(db, "s.DO0"), "constant DOL0 loaded into DO0");
        long t0 = System.nanoTime();
        CompletableFuture<String> done = putNotify(db, "s.PROC", 1);
        Thread.sleep(100);
        assertFalse(done.isDone());
        assertEquals(1.0, num(db, "s.PACT"));
        assertEquals(0.0, num(db, "a"), "DLY0 not over yet");
        assertEquals("done", done.get(5, TimeUnit.SECONDS));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 500, "completed after " + ms + " ms; delays add up to 500");
        assertEquals(5.0, num(db, "a"));
        assertEquals(42.0, num(db, "b"));
        assertEquals(42.0, num(db, "s.DO1"));
        assertEquals(9.0, num(db, "c"));
        assertEquals(0.0, num(db, "s.PACT"));
        assertEquals("NO_ALARM", str(db, "s.SEVR"));
    }

    @Test
    void specifiedAndMaskSelection() throws Exception {
        db = newDb();
        rec(db, "seq", "s", "SELM", "Specified", "SELN", "2",
                "DO0", "10", "LNK0", "t0", "DO1", "11", "LNK1", "t1", "DO2", "12", "LNK2", "t2");
        rec(db, "ao", "t0");
        rec(db, "ao", "t1");
        rec(db, "ao", "t2");
        db.init();
        assertEquals("done", putNotify(db, "s.PROC", 1).get(5, TimeUnit.SECONDS));
        assertEquals(0.0, num(db, "t0"));
        assertEquals(0.0, num(db, "t1"));
        assertEquals(12.0, num(db, "t2"));
        putStr(db, "s.SELM", "Mask");
        put(db, "s.SHFT", 0);
        assertEquals("done", putNotify(db, "s.SELN", 3).get(5, TimeUnit.SECONDS)); // SELN not pp: use PROC next
        assertEquals("done", putNotify(db, "s.PROC", 1).get(5, TimeUnit.SECONDS));
        assertEquals(10.0, num(db, "t0"));
        assertEquals(11.0, num(db, "t1"));
        putStr(db, "s.SELM", "Specified");
        put(db, "s.SELN", 16);
        assertEquals("done", putNotify(db, "s.PROC", 1).get(5, TimeUnit.SECONDS));
        assertEquals("SOFT", str(db, "s.STAT"));
    }

    @Test
    void nothingSelectedFinishesSynchronously() throws Exception {
        db = newDb();
        rec(db, "seq", "s", "SELM", "All");
        db.init();
        process(db, "s");
        assertEquals(0.0, num(db, "s.PACT"));
        assertEquals("NO_ALARM", str(db, "s.SEVR"));
    }
}
