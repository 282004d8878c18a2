package org.jioc.db;

/** A get or put refused by the database, with the reason a client should see. */
public class DbException extends Exception {
    /** What kind of refusal: adapters map these to protocol status codes. */
    public enum Kind { BAD_FIELD, READ_ONLY, BAD_VALUE, DISABLED, NO_RECORD, BAD_TYPE, FAILED }

    private final Kind kind;

    public DbException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() { return kind; }
}
