package org.jioc.procedure;

import java.util.function.Consumer;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Record;

/** A field of this IOC's database, reached through its {@link FieldAddress} as a CA client's channel would be. */
final class LocalPv implements Pv {
    private final FieldAddress addr;

    LocalPv(FieldAddress addr) { this.addr = addr; }

    @Override
    public String name() { return addr.channelName(); }

    @Override
    public PvValue read() {
        try (var g = addr.lock()) {
            return snapshot(addr.record, addr.field);
        }
    }

    /** The value of f; the lock set must be held. */
    static PvValue snapshot(Record r, FieldDef f) {
        return new PvValue(r.getDouble(f), r.getString(f), (int) r.l[Record.SEVR], true);
    }

    @Override
    public AutoCloseable watch(Consumer<PvValue> listener) {
        FieldListener l = (r, f, mask) -> {
            if ((mask & (FieldListener.DBE_VALUE | FieldListener.DBE_ALARM)) != 0) listener.accept(snapshot(r, f));
        };
        addr.subscribe(l);
        return () -> addr.unsubscribe(l);
    }

    @Override
    public void put(Object value, Consumer<String> done) {
        Database.Store store;
        try {
            store = store(value);
        } catch (ProcedureFailure e) {
            done.accept(e.getMessage());
            return;
        }
        addr.record.database().putFieldNotify(addr, store,
                err -> done.accept(err == null ? null
                        : "put " + name() + " = " + value + " failed: " + err.getMessage()));
    }

    @Override
    public void putNoWait(Object value) throws ProcedureFailure {
        try {
            addr.record.database().putField(addr, store(value));
        } catch (DbException e) {
            throw new ProcedureFailure("put " + name() + " = " + value + " failed: " + e.getMessage());
        }
    }

    /** How value is stored: numbers and booleans as numbers, anything else as its string (enum choices too). */
    private Database.Store store(Object value) throws ProcedureFailure {
        FieldDef f = addr.field;
        if (value instanceof Boolean b) return r -> r.storeLong(f, b ? 1 : 0);
        if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            long v = ((Number) value).longValue();
            return r -> r.storeLong(f, v);
        }
        if (value instanceof Number n) {
            double v = n.doubleValue();
            return r -> r.storeDouble(f, v);
        }
        if (value instanceof String s) return r -> r.storeString(f, s);
        throw new ProcedureFailure("cannot put a " + (value == null ? "null" : value.getClass().getSimpleName())
                + " to " + name());
    }

    @Override
    public String toString() { return name(); }
}
