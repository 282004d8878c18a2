package org.jioc.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.jioc.Ioc;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.PutOrigin;

/**
 * An IOC running inside a test, reached the way a client reaches it: PV names under one prefix, reads under the
 * record lock, puts and put-callbacks made as a named client ("ca:op@host") makes them. Test IOCs of the procedure,
 * motion, hexapod and energy packages build on it.
 */
public class InProcessIoc implements AutoCloseable {
    public final Ioc ioc;
    public final String prefix;

    protected InProcessIoc(Ioc ioc, String prefix) {
        this.ioc = ioc;
        this.prefix = prefix;
    }

    public FieldAddress addr(String pv) {
        FieldAddress a = ioc.database().resolve(prefix + pv);
        if (a == null) throw new IllegalArgumentException("no PV " + prefix + pv);
        return a;
    }

    public String get(String pv) {
        FieldAddress a = addr(pv);
        try (var g = a.lock()) {
            return a.record.getString(a.field);
        }
    }

    public long getLong(String pv) {
        FieldAddress a = addr(pv);
        try (var g = a.lock()) {
            return a.record.getLong(a.field);
        }
    }

    public double getDouble(String pv) {
        FieldAddress a = addr(pv);
        try (var g = a.lock()) {
            return a.record.getDouble(a.field);
        }
    }

    /** A plain put (ca_put) by the named client. */
    public void put(String who, String pv, String value) throws DbException {
        FieldAddress a = addr(pv);
        try (PutOrigin.Scope s = PutOrigin.enter(who)) {
            ioc.database().putField(a, r -> r.storeString(a.field, value));
        }
    }

    /** A put-callback (ca_put_callback) by the named client: the future completes with the callback. */
    public CompletableFuture<DbException> putCallback(String who, String pv, String value) {
        FieldAddress a = addr(pv);
        CompletableFuture<DbException> done = new CompletableFuture<>();
        try (PutOrigin.Scope s = PutOrigin.enter(who)) {
            ioc.database().putFieldNotify(a, r -> r.storeString(a.field, value), done::complete);
        }
        return done;
    }

    /** Every value posted for pv from now on, to prove it was never touched. */
    public List<String> posts(String pv) {
        List<String> seen = new CopyOnWriteArrayList<>();
        addr(pv).subscribe((r, f, mask) -> seen.add(r.getString(f)));
        return seen;
    }

    /** Test-side polling until cond, for up to 20 s (the code under test never polls). */
    public static void until(String what, BooleanSupplier cond) { until(what, 20, cond); }

    public static void until(String what, double seconds, BooleanSupplier cond) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + seconds + " s waiting for " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    @Override
    public void close() { ioc.stop(); }
}
