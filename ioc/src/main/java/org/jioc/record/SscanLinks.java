package org.jioc.record;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jioc.db.LockSet;

/**
 * Follows the CA links of sscan records until they connect: every 250 ms the record's NV fields and the metadata
 * of its PVs are refreshed (as sscan's connection callbacks do), and polling stops once all are connected.
 */
final class SscanLinks {
    private static final Set<SscanRecord> WATCHED = ConcurrentHashMap.newKeySet();

    private SscanLinks() { }

    /** Start following rec's links if any is not connected yet (lock set held). */
    static void watch(SscanRecord rec) {
        if (!rec.anyUnconnected() || !WATCHED.add(rec)) return;
        schedule(rec);
    }

    private static void schedule(SscanRecord rec) {
        RecordTimers.after(0.25, () -> {
            boolean again;
            try (LockSet.Guard g = rec.database().lock(rec)) {
                rec.refreshLinks();
                again = rec.anyUnconnected() && rec.database().isRunning();
            }
            if (again) schedule(rec);
            else WATCHED.remove(rec);
        });
    }
}
