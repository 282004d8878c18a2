package org.jioc.db;

/**
 * A link field's value: constant, DB link, remote (CA) link, or hardware address. Input links read into a record,
 * output links write from it, forward links process another record. Failures raise a LINK alarm on the owner and
 * leave the caller's value as it was (the fallback), as dbGetLink/dbPutLink do.
 */
public abstract class Link {
    /** The empty link every link field starts with. */
    public static final Link EMPTY = new ConstantLink("");

    private final String text;

    protected Link(String text) { this.text = text; }

    /** The link as written in the database (what clients read from the field). */
    public final String text() { return text; }

    /** Constant (including empty) links are read once at init, never at run time (dbConst lset). */
    public boolean isConstant() { return false; }

    /** The record this link joins into its owner's lock set, or null. */
    public Record lockTarget() { return null; }

    /** Is the other end there (DB links always; CA links when connected)? */
    public boolean isConnected() { return true; }

    public double readDouble(Record owner, double fallback) { return fallback; }

    public long readLong(Record owner, long fallback) { return fallback; }

    public String readString(Record owner, String fallback) { return fallback; }

    /** Read up to capacity elements into dst (a primitive array of the owner's FTVL); returns count, or -1 if none. */
    public int readArray(Record owner, Object dst, int capacity) { return -1; }

    /** Number of elements available at the source (dbGetNelements). */
    public int sourceCount() { return 1; }

    public boolean writeDouble(Record owner, double v) { return false; }

    public boolean writeLong(Record owner, long v) { return false; }

    public boolean writeString(Record owner, String v) { return false; }

    public boolean writeArray(Record owner, Object src, int n) { return false; }

    /**
     * Write, then call done when the target's processing completes (dbPutLinkAsync, for "Async Soft Channel" and
     * calcout/busy chains). Returns false if the link cannot do that; then the caller writes synchronously.
     */
    public boolean writeDoubleAsync(Record owner, double v, Runnable done) { return false; }

    /** Process the target of a forward link (dbScanFwdLink). */
    public void forward(Record owner) { }

    /** TSEL links to a .TIME field copy the source record's timestamp. */
    public boolean copiesTime() { return false; }

    public boolean copyTimeInto(Record owner) { return false; }

    /** recGblInitConstantLink: load a constant into a scalar field at init; true if a value was loaded. */
    public boolean loadConstant(Record owner, FieldDef f) { return false; }

    /** Load a constant array at init; returns the element count loaded, or -1. */
    public int loadConstantArray(Record owner, Object dst, int capacity) { return -1; }

    /** Called when the link is replaced or the IOC stops: drop subscriptions. */
    public void close() { }

    /** A link field as loaded, before iocInit resolves it. */
    public static final class Unresolved extends Link {
        public Unresolved(String text) { super(text); }
    }

    @Override
    public String toString() { return text; }
}
