package org.jioc.plan;

import java.util.function.Consumer;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.Limits;
import org.jioc.db.Record;
import org.jioc.procedure.PvValue;

/**
 * The PVs a plan drives and reads, fields of this IOC reached as a CA client's channel would be: reads under the
 * record's lock, writes as dbPutField / dbPutField with notify (ca_put_callback: done when every record the put
 * processed has finished, so a motor at DMOV, a busy back at Done).
 */
final class Channels {
    private final Database db;

    Channels(Database db) { this.db = db; }

    /** The field of this IOC with that name, or null. */
    FieldAddress find(String name) { return name == null ? null : db.resolve(name.trim()); }

    FieldAddress resolve(String name) throws PlanFailure {
        FieldAddress a = find(name);
        if (a == null) throw PlanFailure.refused("no PV " + name + " in this IOC");
        return a;
    }

    /** Where a motor's position is read: a motor record's RBV, otherwise the field that is written. */
    FieldAddress readback(FieldAddress target) {
        if (target.record.type().name().equals("motor") && target.field.name.equals("VAL")) {
            FieldAddress rbv = db.resolve(target.record.name() + ".RBV");
            if (rbv != null) return rbv;
        }
        return target;
    }

    /** A record's STOP field (motor records), or null. */
    FieldAddress stopField(FieldAddress target) {
        return target.record.type().name().equals("motor") ? db.resolve(target.record.name() + ".STOP") : null;
    }

    static double readDouble(FieldAddress a) {
        try (var g = a.lock()) {
            return a.record.getDouble(a.field);
        }
    }

    static String readString(FieldAddress a) {
        try (var g = a.lock()) {
            return a.record.getString(a.field);
        }
    }

    static PvValue value(FieldAddress a) {
        try (var g = a.lock()) {
            Record r = a.record;
            return new PvValue(r.getDouble(a.field), r.getString(a.field), (int) r.l[Record.SEVR], true);
        }
    }

    /** The control limits of a field {low, high} (a motor's LLM..HLM); both 0 means none. */
    static double[] limits(FieldAddress a) {
        Limits l = new Limits();
        try (var g = a.lock()) {
            a.record.limits(a.field, l);
        }
        return new double[] {l.controlLow, l.controlHigh};
    }

    void put(FieldAddress a, double value, Consumer<String> done) {
        db.putFieldNotify(a, r -> r.storeDouble(a.field, value),
                err -> done.accept(err == null ? null : "put " + a + " = " + value + " failed: " + err.getMessage()));
    }

    void put(FieldAddress a, String value, Consumer<String> done) {
        db.putFieldNotify(a, r -> r.storeString(a.field, value),
                err -> done.accept(err == null ? null : "put " + a + " = " + value + " failed: " + err.getMessage()));
    }

    void putNoWait(FieldAddress a, long value) throws DbException {
        db.putField(a, r -> r.storeLong(a.field, value));
    }
}
