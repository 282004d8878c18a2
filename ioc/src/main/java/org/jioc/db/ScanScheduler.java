package org.jioc.db;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * dbScan: periodic scan threads (one per rate, records in PHAS order), Event lists, I/O Intr lists, the scanOnce
 * queue, and three callback threads (PRIO LOW/MEDIUM/HIGH) that run I/O Intr, Event and async completions.
 */
public final class ScanScheduler {
    private static final Logger LOG = Logger.getLogger(ScanScheduler.class.getName());
    /** Periods of SCAN menu entries 3..9 in seconds. */
    static final double[] PERIODS = {10, 5, 2, 1, 0.5, 0.2, 0.1};

    private final Database db;
    private final List<PeriodicScan> periodic = new ArrayList<>();
    private final Map<String, CopyOnWriteArrayList<Record>> events = new ConcurrentHashMap<>();
    private final Worker[] callbacks = new Worker[3];
    private final Worker once;
    private volatile boolean running;

    ScanScheduler(Database db) {
        this.db = db;
        String[] names = {"cbLow", "cbMedium", "cbHigh"};
        int[] prios = {Thread.NORM_PRIORITY - 1, Thread.NORM_PRIORITY, Thread.NORM_PRIORITY + 1};
        for (int i = 0; i < 3; i++) callbacks[i] = new Worker(names[i], prios[i]);
        once = new Worker("scanOnce", Thread.NORM_PRIORITY);
        for (int i = 0; i < PERIODS.length; i++) periodic.add(new PeriodicScan(PERIODS[i], Menus.SCAN.choice(i + 3)));
    }

    void start() {
        running = true;
        for (Worker w : callbacks) w.start();
        once.start();
        for (PeriodicScan p : periodic) p.start();
    }

    void stop() {
        running = false;
        for (PeriodicScan p : periodic) p.interrupt();
        for (Worker w : callbacks) w.interrupt();
        once.interrupt();
    }

    /** Put the record on the list its SCAN selects. */
    void add(Record r) {
        int scan = (int) r.l[Record.SCAN];
        if (scan >= 3 && scan < 3 + PERIODS.length) periodic.get(scan - 3).add(r);
        else if (scan == Menus.SCAN_EVENT) {
            events.computeIfAbsent(eventKey(r.str(Record.EVNT)), k -> new CopyOnWriteArrayList<>()).add(r);
        } else if (scan == Menus.SCAN_IO_EVENT) {
            IoScanList io = r.dset == null ? null : r.dset.ioScanList(r);
            if (io == null) {
                // EPICS refuses I/O Intr without device support for it: the record stays unscanned with an error.
                LOG.warning(r.name() + ": SCAN I/O Intr not supported by its device support");
            } else io.add(r);
        }
    }

    void remove(Record r) {
        for (PeriodicScan p : periodic) p.remove(r);
        for (CopyOnWriteArrayList<Record> l : events.values()) l.remove(r);
        if (r.dset != null) {
            IoScanList io = r.dset.ioScanList(r);
            if (io != null) io.remove(r);
        }
    }

    /** Event names: "5" and "5.0" are the same numbered event; other names match exactly. */
    static String eventKey(String name) {
        String t = name == null ? "" : name.trim();
        try {
            double v = Double.parseDouble(t);
            if (v == Math.rint(v)) return Long.toString((long) v);
        } catch (NumberFormatException ignored) {
            // a named event
        }
        return t;
    }

    /** post_event: process every record of this event on its PRIO callback thread. */
    public int postEvent(String name) {
        List<Record> l = events.get(eventKey(name));
        if (l == null) return 0;
        for (Record r : l) queueProcess(r);
        return l.size();
    }

    /** Process (dbProcess) the record on the callback thread of its priority. */
    public void queueProcess(Record r) {
        callbacks[prio(r)].submit(() -> db.processLocked(r));
    }

    void queueAsyncCompletion(Record r) {
        callbacks[prio(r)].submit(() -> db.completeLocked(r));
    }

    void queueOnce(Record r) {
        once.submit(() -> db.processLocked(r));
    }

    void queueTask(Runnable task) { callbacks[1].submit(task); }

    private static int prio(Record r) {
        int p = (int) r.l[Record.PRIO];
        return p < 0 || p > 2 ? 0 : p;
    }

    /** Records on each periodic list, for the shell's scanppl. */
    public List<String> describe() {
        List<String> out = new ArrayList<>();
        for (PeriodicScan p : periodic) {
            StringBuilder b = new StringBuilder("Scan Period " + p.label + ":\n");
            for (Record r : p.members) b.append("    ").append(r.name()).append('\n');
            out.add(b.toString());
        }
        return out;
    }

    /** A single-thread queue. */
    private static final class Worker extends Thread {
        private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

        Worker(String name, int prio) {
            super(name);
            setDaemon(true);
            setPriority(prio);
        }

        void submit(Runnable r) { queue.add(r); }

        @Override
        public void run() {
            while (!isInterrupted()) {
                Runnable task;
                try {
                    task = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, getName() + ": " + e, e);
                }
            }
        }
    }

    /** One SCAN rate: a thread that processes its records in PHAS order every period, on a fixed schedule. */
    private final class PeriodicScan extends Thread {
        final long periodNanos;
        final String label;
        final CopyOnWriteArrayList<Record> members = new CopyOnWriteArrayList<>();

        PeriodicScan(double seconds, String label) {
            super("scan-" + label.trim());
            this.periodNanos = (long) (seconds * 1e9);
            this.label = label;
            setDaemon(true);
            setPriority(Thread.NORM_PRIORITY);
        }

        synchronized void add(Record r) {
            List<Record> l = new ArrayList<>(members);
            l.add(r);
            l.sort(Comparator.comparingLong(x -> x.l[Record.PHAS]));
            members.clear();
            members.addAll(l);
        }

        void remove(Record r) { members.remove(r); }

        @Override
        public void run() {
            long next = System.nanoTime() + periodNanos;
            while (running && !isInterrupted()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                for (Record r : members) {
                    try {
                        db.processLocked(r);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, r.name() + ": " + e, e);
                    }
                }
                next += periodNanos;
                long now = System.nanoTime();
                if (next < now) next = now + periodNanos; // overrun: skip ticks rather than burst
            }
        }
    }

    static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
