package org.jioc.catalog;

/** Thrown by {@link QueueTask} waits when the running command was canceled (or the IOC is stopping). */
public final class QueueAbortedException extends Exception {
    public QueueAbortedException(String reason) { super(reason); }
}
