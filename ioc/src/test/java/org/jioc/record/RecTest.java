package org.jioc.record;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DeviceRegistry;
import org.jioc.db.FieldAddress;
import org.jioc.db.LockSet;
import org.jioc.db.Record;

/** Helpers for record tests: build a database programmatically (as CoreSmokeTest does), put, read, wait. */
final class RecTest {
    private RecTest() { }

    static Database newDb() {
        DeviceRegistry dev = new DeviceRegistry();
        StandardRecords.registerDevices(dev);
        return new Database(StandardRecords.types(), dev);
    }

    /** Create a record and set fields before init: rec(db, "calc", "c", "CALC", "A+1", "INPA", "x"). */
    static Record rec(Database db, String type, String name, String... fieldValues) throws DbException {
        Record r = db.create(type, name);
        for (int i = 0; i < fieldValues.length; i += 2) {
            r.storeString(r.type().field(fieldValues[i]), fieldValues[i + 1]);
        }
        return r;
    }

    static FieldAddress addr(Database db, String channel) {
        FieldAddress a = db.resolve(channel);
        assertNotNull(a, channel);
        return a;
    }

    static double num(Database db, String channel) {
        FieldAddress a = addr(db, channel);
        try (LockSet.Guard g = a.lock()) {
            return a.record.getDouble(a.field);
        }
    }

    static String str(Database db, String channel) {
        FieldAddress a = addr(db, channel);
        try (LockSet.Guard g = a.lock()) {
            return a.record.getString(a.field);
        }
    }

    static void put(Database db, String channel, double v) throws DbException {
        FieldAddress a = addr(db, channel);
        db.putField(a, r -> r.storeDouble(a.field, v));
    }

    static void putStr(Database db, String channel, String v) throws DbException {
        FieldAddress a = addr(db, channel);
        db.putField(a, r -> r.storeString(a.field, v));
    }

    static void putArray(Database db, String channel, Object src, int n) throws DbException {
        FieldAddress a = addr(db, channel);
        db.putField(a, r -> r.arrayPut(a.field, src, n));
    }

    /** A put-callback; the future completes (with the error, or a "done" marker) when the core calls back. */
    static CompletableFuture<String> putNotify(Database db, String channel, double v) {
        FieldAddress a = addr(db, channel);
        CompletableFuture<String> f = new CompletableFuture<>();
        db.putFieldNotify(a, r -> r.storeDouble(a.field, v), e -> f.complete(e == null ? "done" : e.getMessage()));
        return f;
    }

    static void process(Database db, String name) {
        db.processLocked(db.record(name));
    }

    static void waitFor(String what, long ms, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + ms * 1_000_000L;
        while (!cond.getAsBoolean()) {
            assertTrue(System.nanoTime() < end, "timed out waiting for " + what);
            Thread.sleep(5);
        }
    }

    /** Events posted on one channel, as "mask" integers. */
    static List<Integer> events(Database db, String channel) {
        List<Integer> out = new CopyOnWriteArrayList<>();
        addr(db, channel).subscribe((rec, f, mask) -> out.add(mask));
        return out;
    }
}
