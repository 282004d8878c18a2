package org.jioc.record;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DeviceRegistry;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;

/** Test helpers: a database of the standard records, field get/set/put by name, event capture. */
final class Rec {
    private Rec() { }

    static Database newDb() {
        DeviceRegistry dev = new DeviceRegistry();
        StandardRecords.registerDevices(dev);
        return new Database(StandardRecords.types(), dev);
    }

    static Record create(Database db, String type, String name, String... fieldValues) throws DbException {
        Record r = db.create(type, name);
        for (int i = 0; i < fieldValues.length; i += 2) set(r, fieldValues[i], fieldValues[i + 1]);
        return r;
    }

    /** Set a field as a .db file does (before init) or directly. */
    static void set(Record r, String field, String value) throws DbException {
        r.storeString(r.type().field(field), value);
    }

    static String get(Record r, String field) { return r.getString(r.type().field(field)); }

    static long getL(Record r, String field) { return r.getLong(r.type().field(field)); }

    /** dbPutField from a DBR_STRING (processes the record for pp fields). */
    static void put(Database db, String channel, String value) throws DbException {
        FieldAddress a = db.resolve(channel);
        if (a == null) throw new IllegalArgumentException("no channel " + channel);
        db.putField(a, r -> r.storeString(a.field, value));
    }

    static void putL(Database db, String channel, long value) throws DbException {
        FieldAddress a = db.resolve(channel);
        db.putField(a, r -> r.storeLong(a.field, value));
    }

    static String alarm(Record r) { return get(r, "STAT") + "/" + get(r, "SEVR"); }

    /** Masks posted for one channel. */
    static List<Integer> events(Database db, String channel) {
        List<Integer> masks = new CopyOnWriteArrayList<>();
        db.resolve(channel).subscribe((rec, f, mask) -> masks.add(mask));
        return masks;
    }
}
