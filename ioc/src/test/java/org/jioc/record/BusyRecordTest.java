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

class BusyRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    @Test
    void putCallbackOfOneCompletesOnlyWhenSomeoneWritesZero() throws Exception {
        db = newDb();
        rec(db, "busy", "b", "OUT", "mirror PP");
        rec(db, "ao", "mirror");
        db.init();
        assertEquals("Done", str(db, "b.ZNAM"));
        assertEquals("Busy", str(db, "b.ONAM"));
        CompletableFuture<String> done = putNotify(db, "b", 1);
        Thread.sleep(300);
        assertFalse(done.isDone(), "busy: the put-callback stays open");
        assertEquals("Busy", str(db, "b"));
        assertEquals(1.0, num(db, "mirror"), "OUT written");
        put(db, "b", 1); // writing 1 again while busy changes nothing
        Thread.sleep(100);
        assertFalse(done.isDone());
        put(db, "b", 0);
        assertEquals("done", done.get(2, TimeUnit.SECONDS));
        assertEquals("Done", str(db, "b"));
        assertEquals(0.0, num(db, "mirror"));
    }

    @Test
    void putCallbackOfZeroCompletesAtOnceAndForwardLinkOnlyWhenDone() throws Exception {
        db = newDb();
        rec(db, "busy", "b", "FLNK", "cnt");
        rec(db, "calc", "cnt", "CALC", "VAL+1");
        db.init();
        assertEquals("done", putNotify(db, "b", 0).get(2, TimeUnit.SECONDS));
        assertEquals(1.0, num(db, "cnt"));
        put(db, "b", 1);
        assertEquals(1.0, num(db, "cnt"), "no forward link while busy");
        put(db, "b", 0);
        assertEquals(2.0, num(db, "cnt"));
    }

    @Test
    void highDropsBackToZeroAndCompletesThePut() throws Exception {
        db = newDb();
        rec(db, "busy", "b", "HIGH", "0.3");
        db.init();
        long t0 = System.nanoTime();
        assertEquals("done", putNotify(db, "b", 1).get(3, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 300);
        assertEquals(0.0, num(db, "b"));
    }

    @Test
    void aNewCommandRestartsTheHighCountdown() throws Exception {
        db = newDb();
        rec(db, "busy", "b", "HIGH", "0.6");
        db.init();
        put(db, "b", 1);     // first command: its countdown would end at 0.6 s
        Thread.sleep(300);
        put(db, "b", 0);     // done early by hand
        long t0 = System.nanoTime();
        CompletableFuture<String> second = putNotify(db, "b", 1); // second command at 0.3 s
        Thread.sleep(450);   // past the first command's 0.6 s
        assertEquals(1.0, num(db, "b"), "the earlier command's timer did not end the later one");
        assertEquals("done", second.get(3, TimeUnit.SECONDS));
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 600, "the later one ran its full HIGH");
    }

    @Test
    void stateAndChangeOfStateAlarms() throws Exception {
        db = newDb();
        rec(db, "busy", "b", "OSV", "MINOR", "COSV", "MAJOR");
        db.init();
        put(db, "b", 1);
        assertEquals("MAJOR", str(db, "b.SEVR"));
        assertEquals("COS", str(db, "b.STAT"));
        put(db, "b", 1);
        assertEquals("MINOR", str(db, "b.SEVR"));
        assertEquals("STATE", str(db, "b.STAT"));
        put(db, "b", 0);
        assertEquals("MAJOR", str(db, "b.SEVR"));
    }
}
