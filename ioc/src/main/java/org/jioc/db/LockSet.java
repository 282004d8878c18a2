package org.jioc.db;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records joined by DB links share one lock (dbLock). Sets are built by union at init and may merge when a link is
 * changed at run time; a record's set reference is re-checked after locking, so a merge never lets two threads in.
 */
public final class LockSet {
    private static final AtomicInteger IDS = new AtomicInteger();

    final int id = IDS.incrementAndGet();
    final ReentrantLock lock = new ReentrantLock();
    final List<Record> members = new ArrayList<>();

    public int id() { return id; }

    public int size() { return members.size(); }

    /** An acquired lock; close() releases it. */
    public static final class Guard implements AutoCloseable {
        private final LockSet set;

        Guard(LockSet set) { this.set = set; }

        @Override
        public void close() { set.lock.unlock(); }
    }

    /** Lock the set the record belongs to now. */
    static Guard lock(Record r) {
        while (true) {
            LockSet s = r.lockSet;
            s.lock.lock();
            if (r.lockSet == s) return new Guard(s);
            s.lock.unlock();
        }
    }

    /** Merge b into a (both unlocked by others for the moment); returns false if b could not be locked in time. */
    static boolean merge(LockSet a, LockSet b) {
        if (a == b) return true;
        try {
            if (!b.lock.tryLock(2, TimeUnit.SECONDS)) return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        try {
            for (Record r : b.members) {
                r.lockSet = a;
                a.members.add(r);
            }
            b.members.clear();
            return true;
        } finally {
            b.lock.unlock();
        }
    }

    /** Union-find at init: every record ends up in the set of its root. */
    static List<LockSet> build(Iterable<Record> records) {
        java.util.Map<Record, Record> parent = new java.util.IdentityHashMap<>();
        for (Record r : records) parent.put(r, r);
        for (Record r : records) {
            for (FieldDef f : r.type().fields()) {
                if (!f.type.isLink()) continue;
                Object v = r.o[f.slot];
                if (!(v instanceof Link)) continue;
                Record t = ((Link) v).lockTarget();
                if (t != null && parent.containsKey(t)) union(parent, r, t);
            }
        }
        java.util.Map<Record, LockSet> sets = new java.util.IdentityHashMap<>();
        List<LockSet> out = new ArrayList<>();
        for (Record r : records) {
            Record root = find(parent, r);
            LockSet s = sets.get(root);
            if (s == null) {
                s = new LockSet();
                sets.put(root, s);
                out.add(s);
            }
            s.members.add(r);
            r.lockSet = s;
        }
        return out;
    }

    private static Record find(java.util.Map<Record, Record> parent, Record r) {
        Record p = parent.get(r);
        while (p != r) {
            Record g = parent.get(p);
            parent.put(r, g);
            r = p;
            p = g;
        }
        return r;
    }

    private static void union(java.util.Map<Record, Record> parent, Record a, Record b) {
        Record ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) parent.put(ra, rb);
    }
}
