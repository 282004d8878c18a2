package org.jioc.db;

/**
 * A resolved channel name (dbAddr): the record, the field, and whether the "$" suffix asked for a string or link
 * field as a CHAR array (long strings). The protocol adapters work only through this.
 */
public final class FieldAddress {
    /** Element count of a long-string view of a link field (as base serves link fields with '$'). */
    public static final int LINK_STRING_SIZE = 1024;

    public final Record record;
    public final FieldDef field;
    public final boolean longString;

    FieldAddress(Record record, FieldDef field, boolean longString) {
        this.record = record;
        this.field = field;
        this.longString = longString;
    }

    /** The type a client sees: a string/link field read with '$' is a CHAR array. */
    public DbfType type() {
        if (longString) return DbfType.CHAR;
        return record.fieldType(field);
    }

    /** Native element count (NELM). */
    public int capacity() {
        if (longString) return field.type.isLink() ? LINK_STRING_SIZE : record.stringSize(field);
        return field.isArray() ? record.arrayCapacity(field) : 1;
    }

    /** Current element count (NORD). */
    public int count() {
        if (longString) {
            return Math.min(capacity(), record.getString(field).getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1);
        }
        return field.isArray() ? record.arrayCount(field) : 1;
    }

    public String channelName() {
        return record.name() + "." + field.name + (longString ? "$" : "");
    }

    /** Lock the record's lock set for a consistent read. */
    public LockSet.Guard lock() { return LockSet.lock(record); }

    public void subscribe(FieldListener listener) { record.addListener(field, listener); }

    public void unsubscribe(FieldListener listener) { record.removeListener(field, listener); }

    @Override
    public String toString() { return channelName(); }
}
