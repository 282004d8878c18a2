package org.jioc.catalog;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.IocService;
import org.jioc.db.Database;
import org.jioc.db.Record;
import org.jioc.load.DbModel;
import org.jioc.load.RecordDecl;

/**
 * The run catalog of one IOC: the database (runCatalogConfigure, else embedded H2 under
 * $(JIOC_HOME)/var/catalog), the runs API for plans ({@link #runs()}), the command queue and its runner, and the
 * Queue/Catalog PVs of db-templates/catalog.template.
 *
 * <p>A database that cannot be reached does not stop the IOC: iocInit prints one line saying why, Catalog:Status
 * reads Disconnected with the reason in Catalog:Message, the connection is retried every 5 s, runs opened
 * meanwhile are kept and written when it is back, and the queue waits (its rows live in the database). Scans must
 * not stop because a catalog server is down; the catalog catches up.
 *
 * <p>An IOC that neither loads catalog.template nor calls runCatalogConfigure leaves the catalog dormant: no
 * connection and no queue runner at iocInit; the database is opened by the first run a plan records.
 */
public final class RunCatalogService implements IocService {
    private static final Logger LOG = Logger.getLogger(RunCatalogService.class.getName());
    static final long RETRY_MS = 5000;
    private static final long REFRESH_MS = 1000;

    private final DbModel model;
    private final QueueHandlers handlers = new QueueHandlers();
    private final List<CatalogPvs> pvSets = new CopyOnWriteArrayList<>();
    private volatile CatalogConfig config;
    private volatile boolean configured;
    private volatile boolean active;
    private volatile CatalogDatabase db;
    private volatile Database database;
    private volatile RunCatalog runs;
    private volatile CommandQueue queue;
    private volatile QueueRunner runner;
    private volatile ScheduledExecutorService executor;
    private volatile String state = "not started";
    private volatile long lastAttempt;
    private volatile boolean connectedShown;
    private volatile int lastLength = -1;

    public RunCatalogService() { this(null); }

    /** With the database model, PV-set errors at iocInit name the file and line of the record. */
    public RunCatalogService(DbModel model) {
        this.model = model;
        handlers.register("snapshot", new SnapshotCommand(() -> database, () -> runs));
    }

    @Override
    public String name() { return "run catalog"; }

    /** Use this database instead of the embedded default; only before iocInit. */
    public void configure(CatalogConfig c) {
        if (db != null) throw new IllegalStateException("the run catalog is already open (configure it before iocInit)");
        config = c;
        configured = true;
    }

    /** The commands the queue runner knows; the plan layer registers its own ("scan", "count", ...). */
    public QueueHandlers handlers() { return handlers; }

    /** The runs API (after iocInit). */
    public RunCatalog runs() { return runs; }

    /** The command queue (after iocInit). */
    public CommandQueue queue() { return queue; }

    public QueueRunner runner() { return runner; }

    public CatalogConfig config() { return config; }

    public boolean isConnected() { return db != null && db.isConnected(); }

    /** "connected", or why not. */
    public String state() { return state; }

    public List<String> pvPrefixes() { return pvSets.stream().map(p -> p.prefix).toList(); }

    // ---------------------------------------------------------------------------------------------------------------
    // IocService

    @Override
    public void beforeInit(Database database, Map<String, String> env) throws CatalogException {
        if (config == null) config = embedded(env);
        List<String> errors = new ArrayList<>();
        for (Record r : database.records()) {
            if (r.info(CatalogPvs.INFO_TAG) == null) continue;
            try {
                pvSets.add(CatalogPvs.bind(database, r));
            } catch (CatalogException e) {
                errors.add(where(r) + r.name() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            pvSets.clear();
            throw new CatalogException(String.join("\n", errors));
        }
    }

    /** The default database: embedded H2 in $(JIOC_HOME)/var/catalog. */
    static CatalogConfig embedded(Map<String, String> env) {
        return CatalogConfig.embedded(home(env).resolve("var").resolve("catalog"));
    }

    private static Path home(Map<String, String> env) {
        String h = env.get("JIOC_HOME");
        return h == null || h.isBlank() ? Path.of("").toAbsolutePath() : Path.of(h);
    }

    private String where(Record r) {
        if (model == null) return "";
        RecordDecl d = model.record(r.name());
        return d == null ? "" : d.where() + ": ";
    }

    @Override
    public void start(Database database, Map<String, String> env) {
        this.database = database;
        db = new CatalogDatabase(config);
        runs = new RunCatalog(db, home(env).resolve("var").resolve("catalog"));
        queue = new CommandQueue(db);
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog");
            t.setDaemon(true);
            return t;
        });
        runner = new QueueRunner(queue, handlers, claimer(), db::isConnected, new RunnerReports());
        runs.addListener(() -> {
            long sid = runs.lastScanId();
            String uid = runs.lastUid();
            for (CatalogPvs p : pvSets) p.lastRun(sid, uid);
        });
        active = configured || !pvSets.isEmpty();
        if (!active) {
            state = "dormant (no catalog.template, no runCatalogConfigure): opened by the first run recorded";
            return;
        }
        for (CatalogPvs p : pvSets) {
            p.url(config.safeUrl());
            p.queueStatus(2);
            p.current(null);
            p.attach(new PvRequests());
        }
        tryConnect(true);
        executor.scheduleWithFixedDelay(this::refresh, REFRESH_MS, REFRESH_MS, TimeUnit.MILLISECONDS);
        runner.start();
    }

    /** Is the queue runner on (catalog.template loaded or runCatalogConfigure called)? */
    public boolean isActive() { return active; }

    @Override
    public void stop() {
        QueueRunner r = runner;
        if (r != null) r.stop();
        ScheduledExecutorService ex = executor;
        if (ex != null) {
            ex.shutdown();
            try {
                ex.awaitTermination(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (CatalogPvs p : pvSets) p.detach();
        RunCatalog rc = runs;
        if (rc != null && rc.backlogSize() > 0 && db.isConnected()) rc.flushBacklog();
        if (rc != null && rc.backlogSize() > 0)
            LOG.warning("run catalog: " + rc.backlogSize() + " write(s) never reached " + config.safeUrl()
                    + " and are lost");
        if (db != null) db.close();
    }

    /** Who claims commands: host, process id, so a row says which IOC ran it. */
    private static String claimer() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return "jioc@" + host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Connection and PV refresh (catalog thread)

    private void tryConnect(boolean atInit) {
        lastAttempt = System.currentTimeMillis();
        try {
            db.connect();
            runs.refreshLastScanId();
        } catch (CatalogException e) {
            state = e.getMessage();
            if (atInit || connectedShown) {
                String line = "runCatalog: " + e.getMessage() + "; retrying every " + RETRY_MS / 1000
                        + " s (runs are kept until it is back)";
                if (atInit) System.err.println(line);
                else LOG.warning(line);
            }
            connectedShown = false;
            showCatalog(false, "Disconnected: " + e.getMessage());
            return;
        }
        boolean more = runs.flushBacklog();
        state = "connected";
        if (!connectedShown) LOG.info("run catalog: connected to " + config.safeUrl());
        connectedShown = true;
        showCatalog(true, more ? "Connected; writing runs kept while disconnected" : "Connected");
        long sid = runs.lastScanId();
        for (CatalogPvs p : pvSets) p.lastRun(sid, runs.lastUid());
        runner.wake();
    }

    private void refresh() {
        try {
            if (!db.isConnected()) {
                if (connectedShown) {
                    connectedShown = false;
                    showCatalog(false, "Disconnected: connection lost; retrying");
                }
                if (System.currentTimeMillis() - lastAttempt >= RETRY_MS) tryConnect(false);
                return;
            }
            if (runs.backlogSize() > 0 && !runs.flushBacklog()) showCatalog(true, "Connected");
            int n = queue.length();
            if (n != lastLength) {
                lastLength = n;
                for (CatalogPvs p : pvSets) p.queueLength(n);
            }
            if (runner.current() == null) for (CatalogPvs p : pvSets) p.queueStatus(0);
        } catch (CatalogException e) {
            LOG.fine(() -> "run catalog refresh: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "run catalog refresh failed", e);
        }
    }

    private void showCatalog(boolean connected, String message) {
        for (CatalogPvs p : pvSets) {
            p.catalog(connected, message);
            if (!connected) p.queueStatus(2);
        }
    }

    private void later(Runnable task) {
        try {
            executor.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "run catalog task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine("run catalog stopped; request dropped");
        }
    }

    private void queueMessage(String text) {
        for (CatalogPvs p : pvSets) p.queueMessage(text);
    }

    /** Requests from the PVs: noted on the writer's thread, done on the catalog thread. */
    private final class PvRequests implements CatalogPvs.Requests {
        @Override
        public void submit(CatalogPvs set, String command, String arguments, String who) {
            later(() -> {
                long id = 0;
                try {
                    id = queue.submit(command, arguments, null, who.isEmpty() ? "database" : who, null);
                    queueMessage("submitted #" + id + " " + command.trim() + (who.isEmpty() ? "" : " (" + who + ")"));
                    runner.wake();
                } catch (CatalogException e) {
                    queueMessage("submit refused: " + e.getMessage());
                }
                set.submitDone(id);
                refresh();
            });
        }

        @Override
        public void cancel(CatalogPvs set, long id, String who) {
            later(() -> {
                try {
                    CommandStatus s = queue.cancel(id);
                    queueMessage("cancel #" + id + ": " + (s == CommandStatus.CANCELED || s == CommandStatus.ABORTING
                            ? s.sql() : "it is already " + s.sql()) + (who.isEmpty() ? "" : " (" + who + ")"));
                } catch (CatalogException e) {
                    queueMessage("cancel #" + id + " refused: " + e.getMessage());
                }
                set.cancelDone();
                refresh();
            });
        }

        @Override
        public void resubmit(CatalogPvs set, long id, String who) {
            later(() -> {
                try {
                    queue.resubmit(id);
                    queueMessage("resubmitted #" + id + (who.isEmpty() ? "" : " (" + who + ")"));
                    runner.wake();
                } catch (CatalogException e) {
                    queueMessage("resubmit #" + id + " refused: " + e.getMessage());
                }
                set.resubmitDone();
                refresh();
            });
        }
    }

    /** The runner's reports, mirrored to every PV set. */
    private final class RunnerReports implements QueueRunner.Listener {
        @Override
        public void current(QueuedCommand running) {
            for (CatalogPvs p : pvSets) {
                p.current(running);
                p.queueStatus(running == null ? 0 : 1);
            }
            later(RunCatalogService.this::refresh);
        }

        @Override
        public void message(String text) { queueMessage(text); }

        @Override
        public void ended(QueuedCommand command, CommandStatus status, String output) {
            LOG.info("queue: " + command + " " + status.sql() + (output == null ? "" : ": " + output));
        }
    }
}
