package org.jioc.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.Ioc;
import org.jioc.IocService;
import org.jioc.catalog.ExitStatus;
import org.jioc.catalog.QueueAbortedException;
import org.jioc.catalog.RunCatalog;
import org.jioc.catalog.RunCatalogService;
import org.jioc.db.Database;
import org.jioc.db.Record;
import org.jioc.load.RecordDecl;

/**
 * The plan layer of one IOC: binds every plan PV set (db-templates/plans.template) at iocInit, registers the queue
 * commands count, scan, rel_scan, list_scan, grid_scan and rel_grid_scan on the run catalog's queue, and runs one
 * plan at a time (plans drive the same motors, so a second start while one runs is refused).
 *
 * <p>Threads: listeners on Start/Abort/Pause/Resume run on the writer's thread with a record lock held and only
 * hand the request to the "plan-control" thread; runs started from PVs run on "plan-run", queued ones on the queue
 * runner's thread. No record lock and no CA thread ever waits for a plan.
 */
public final class PlanService implements IocService {
    private static final Logger LOG = Logger.getLogger(PlanService.class.getName());

    private final Ioc ioc;
    private final List<PlanPvs> sets = new ArrayList<>();
    private final Set<PlanPvs> starting = ConcurrentHashMap.newKeySet();
    private volatile RunWriter writer = RunWriter.NONE;
    private final Map<PlanPvs, RunWriter> fileWriters = new ConcurrentHashMap<>();
    private volatile Channels channels;
    private volatile ExecutorService runs, control;
    private PlanRun active; // guarded by this
    private PlanPvs activeSet; // guarded by this

    public PlanService(Ioc ioc) { this.ioc = ioc; }

    @Override
    public String name() { return "plans"; }

    /**
     * The data-file hook for every run, instead of the default: each PV set's {@link DataFileWriter} on its file PVs
     * (FilePath, FileName, ...; queued runs use the first set's). {@link RunWriter#NONE} restores the default.
     */
    public void setWriter(RunWriter w) { writer = w == null ? RunWriter.NONE : w; }

    /** The writer of a run shown on set (null: a queued run, on the first set). */
    private RunWriter writerFor(PlanPvs set) {
        if (writer != RunWriter.NONE) return writer;
        PlanPvs s = set != null ? set : sets.isEmpty() ? null : sets.get(0);
        RunWriter w = s == null ? null : fileWriters.get(s);
        return w == null ? RunWriter.NONE : w;
    }

    @Override
    public void beforeInit(Database db, Map<String, String> env) throws PlanConfigException {
        List<String> errors = new ArrayList<>();
        for (Record r : db.records()) {
            if (r.info(PlanPvs.INFO_TAG) == null) continue;
            try {
                sets.add(PlanPvs.bind(db, r));
            } catch (PlanConfigException e) {
                RecordDecl d = ioc.model() == null ? null : ioc.model().record(r.name());
                errors.add((d == null ? "" : d.where() + ": ") + r.name() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            sets.clear();
            throw new PlanConfigException(String.join("\n", errors));
        }
        RunCatalogService catalog = catalogService();
        if (catalog != null) {
            for (PlanKind k : PlanKind.values()) {
                if (catalog.handlers().names().contains(k.planName())) continue;
                catalog.handlers().register(k.planName(), (args, task) -> queued(k, args, task));
            }
        }
    }

    private RunCatalogService catalogService() {
        try {
            return ioc.service(RunCatalogService.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private RunCatalog catalog() {
        RunCatalogService c = catalogService();
        return c == null ? null : c.runs();
    }

    @Override
    public void start(Database db, Map<String, String> env) {
        channels = new Channels(db);
        runs = Executors.newSingleThreadExecutor(r -> daemon(r, "plan-run"));
        control = Executors.newSingleThreadExecutor(r -> daemon(r, "plan-control"));
        for (PlanPvs p : sets) {
            p.applyGateDefault();
            p.start(0);
            p.state(PlanState.IDLE);
            p.attach(new PvRequests());
            p.files.attach(control);
            fileWriters.put(p, new DataFileWriter(p.files, db));
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void stop() {
        for (PlanPvs p : sets) p.detach();
        synchronized (this) {
            if (active != null) active.abort("IOC shutdown");
        }
        for (ExecutorService e : new ExecutorService[] {control, runs}) {
            if (e == null) continue;
            e.shutdown();
            try {
                e.awaitTermination(3, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The PV sets bound at iocInit. */
    List<PlanPvs> sets() { return sets; }

    // -----------------------------------------------------------------------------------------------------------
    // Running

    /**
     * Run req now on this thread, shown on set (may be null); onRun is given the run before it starts (to hook an
     * abort). Throws IllegalStateException when another plan is running.
     */
    PlanRun.Outcome execute(PlanRequest req, PlanPvs set, Consumer<PlanRun> onRun) {
        PlanRun run;
        synchronized (this) {
            if (active != null)
                throw new IllegalStateException("another plan is running (" + (activeSet == null ? "queued"
                        : activeSet.prefix) + ")");
            run = new PlanRun(channels, req, this::catalog, writerFor(set), listener(set));
            active = run;
            activeSet = set;
        }
        try {
            if (set != null) set.start(1);
            onRun.accept(run);
            return run.run();
        } finally {
            synchronized (this) {
                active = null;
                activeSet = null;
            }
            if (set != null) {
                starting.remove(set);
                set.start(0);
            }
        }
    }

    private static PlanRun.Listener listener(PlanPvs set) {
        if (set == null) return new PlanRun.Listener() {
            public void state(PlanState s) { }

            public void message(String text) { }

            public void opened(long scanId, String uid) { }

            public void progress(int done, int total, double eta) { }
        };
        return new PlanRun.Listener() {
            public void state(PlanState s) { set.state(s); }

            public void message(String text) { set.message(text); }

            public void opened(long scanId, String uid) { set.opened(scanId, uid); }

            public void progress(int done, int total, double eta) { set.progress(done, total, eta); }
        };
    }

    private synchronized PlanRun activeOn(PlanPvs set) { return activeSet == set ? active : null; }

    private void runFromPvs(PlanPvs set, String who) {
        PlanRequest req;
        try {
            req = set.request();
        } catch (IllegalArgumentException e) {
            refuse(set, "Refused: " + e.getMessage() + " (nothing moved)");
            return;
        }
        try {
            execute(req, set, run -> set.message("Starting (" + who + ")"));
        } catch (IllegalStateException e) {
            refuse(set, "Refused: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "plan " + set.prefix + " failed", e);
        }
    }

    private void refuse(PlanPvs set, String message) {
        set.message(message);
        set.state(PlanState.FAILED);
        starting.remove(set);
        set.start(0);
    }

    /** A queued plan command, on the queue runner's thread; shown on the first PV set if there is one. */
    private String queued(PlanKind kind, com.fasterxml.jackson.databind.JsonNode args,
                          org.jioc.catalog.QueueTask task) throws Exception {
        PlanRequest req = PlanQueueCommands.request(kind, args);
        PlanPvs set = sets.isEmpty() ? null : sets.get(0);
        if (set != null && !starting.add(set)) throw new IllegalStateException("a plan is starting on " + set.prefix);
        PlanRun.Outcome o;
        try {
            o = execute(req, set, run -> {
                if (set != null) set.message("Starting (queue command " + task.command().id() + ")");
                task.onAbort(() -> run.abort("canceled from the queue (command " + task.command().id() + ")"));
            });
        } catch (IllegalStateException e) {
            if (set != null) starting.remove(set);
            throw e;
        }
        task.message(o.message());
        if (o.status() == ExitStatus.ABORT) throw new QueueAbortedException(o.message());
        if (o.status() != ExitStatus.SUCCESS) throw new IllegalStateException(o.message());
        return "run " + o.scanId() + " " + o.uid();
    }

    /** Requests from the PVs: noted on the writer's thread, done on plan-control / plan-run. */
    private final class PvRequests implements PlanPvs.Requests {
        @Override
        public void start(PlanPvs set, String who) {
            if (activeOn(set) != null || !starting.add(set)) return; // already running: Start is 1 anyway
            runs.execute(() -> runFromPvs(set, who));
        }

        @Override
        public void stopWritten(PlanPvs set, String who) {
            control.execute(() -> {
                PlanRun r = activeOn(set);
                if (r != null) r.abort("by " + who + " via " + set.prefix + "Start setting it to Done");
            });
        }

        @Override
        public void abort(PlanPvs set, String who) {
            control.execute(() -> {
                PlanRun r = activeOn(set);
                if (r != null) r.abort("by " + who + " via " + set.prefix + "Abort");
                set.clearAbort();
            });
        }

        @Override
        public void pause(PlanPvs set, String who) {
            control.execute(() -> {
                PlanRun r = activeOn(set);
                if (r != null) {
                    r.pause();
                    set.message("Pause requested by " + who + ": holding before the next point");
                }
                set.clearPause();
            });
        }

        @Override
        public void resume(PlanPvs set, String who) {
            control.execute(() -> {
                PlanRun r = activeOn(set);
                if (r != null) r.resume();
                set.clearResume();
            });
        }
    }
}
