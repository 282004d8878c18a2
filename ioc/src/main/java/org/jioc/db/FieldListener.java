package org.jioc.db;

/**
 * Receives (field, mask) events posted by a record after processing or a put. Called on the processing thread with
 * the record's lock set held: snapshot what you need and return quickly.
 */
@FunctionalInterface
public interface FieldListener {
    /** Event mask bits as in caeventmask.h. */
    int DBE_VALUE = 1, DBE_LOG = 2, DBE_ALARM = 4, DBE_PROPERTY = 8;

    void posted(Record record, FieldDef field, int mask);
}
