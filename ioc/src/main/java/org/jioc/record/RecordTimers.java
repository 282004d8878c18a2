package org.jioc.record;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.db.LockSet;
import org.jioc.db.Record;

/**
 * Delayed callbacks for records (callbackRequestDelayed): calcout ODLY, seq DLYn, busy HIGH. Each task runs on a
 * timer thread; tasks that touch a record take its lock set themselves.
 */
final class RecordTimers {
    private static final Logger LOG = Logger.getLogger(RecordTimers.class.getName());
    private static final ScheduledExecutorService TIMER = create();

    private RecordTimers() { }

    private static ScheduledExecutorService create() {
        ScheduledThreadPoolExecutor ex = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "record-timer");
            t.setDaemon(true);
            return t;
        });
        ex.setRemoveOnCancelPolicy(true);
        return ex;
    }

    /** Run task after seconds (0 or less: as soon as possible, but never on the caller's stack). */
    static ScheduledFuture<?> after(double seconds, Runnable task) {
        long nanos = seconds > 0 ? (long) Math.min(seconds * 1e9, 1e18) : 0;
        return TIMER.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "record timer task failed: " + e, e);
            }
        }, nanos, TimeUnit.NANOSECONDS);
    }

    /** Run task with the record's lock set held, after seconds. */
    static ScheduledFuture<?> lockedAfter(Record r, double seconds, Runnable task) {
        return after(seconds, () -> {
            try (LockSet.Guard g = r.database().lock(r)) {
                task.run();
            }
        });
    }
}
