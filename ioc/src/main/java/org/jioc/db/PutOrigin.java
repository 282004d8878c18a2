package org.jioc.db;

/**
 * Who is writing on this thread: the protocol adapters name the client ("ca:user@host", "pva:user@host", "iocsh")
 * around their call into {@link Database#putField} / {@link Database#putFieldNotify}, so code that reacts to the
 * put synchronously (a {@link FieldListener} called while the record processes) can say who did it, e.g. who
 * aborted a procedure. Empty when nobody said (links, scans, held put-callbacks started later).
 */
public final class PutOrigin {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private PutOrigin() { }

    /** The writer on this thread, or "" when unknown. */
    public static String current() {
        String s = CURRENT.get();
        return s == null ? "" : s;
    }

    /** Name the writer until the returned scope is closed (use in try-with-resources); scopes nest. */
    public static Scope enter(String who) {
        String previous = CURRENT.get();
        CURRENT.set(who);
        return () -> {
            if (previous == null) CURRENT.remove();
            else CURRENT.set(previous);
        };
    }

    /** The scope of one named writer. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
