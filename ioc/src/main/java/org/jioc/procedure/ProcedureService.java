package org.jioc.procedure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import org.jioc.IocService;
import org.jioc.db.Database;
import org.jioc.db.Record;
import org.jioc.load.DbModel;
import org.jioc.load.RecordDecl;
import org.jioc.procedure.builtin.Builtins;

/**
 * The procedures of one IOC. Before iocInit it finds every busy record with {@code info(procedure, "impl")}, makes
 * the procedure from its registered factory and arguments and checks its PV set (any problem stops iocInit with
 * file:line); after iocInit it listens to the Start and Abort PVs. Procedures run on their own threads; a single
 * control thread handles start and abort requests and evaluates the prechecks, so no record lock and no protocol
 * thread ever waits for a procedure.
 */
public final class ProcedureService implements IocService {
    /** The info tag that binds a Start record to an implementation, and the one with its arguments. */
    public static final String INFO_PROCEDURE = "procedure", INFO_ARGS = "procedureArgs";
    private static final Logger LOG = Logger.getLogger(ProcedureService.class.getName());
    private static final Pattern IMPL_NAME = Pattern.compile("[a-z][a-z0-9_]*");
    /** How long IOC stop waits for aborted procedures to write their last status. */
    private static final long STOP_WAIT_MS = 3000;

    private final DbModel model;
    private final Map<String, ProcedureFactory> factories = Collections.synchronizedMap(new TreeMap<>());
    private final List<RunGate> gates = new CopyOnWriteArrayList<>();
    private final List<ProcedureInstance> instances = new CopyOnWriteArrayList<>();
    private final Map<String, ProcedureInstance> holders = new HashMap<>();
    private final List<AutoCloseable> gateWatches = new CopyOnWriteArrayList<>();
    private volatile Pvs pvs;
    private volatile ExecutorService control;
    private volatile ExecutorService runner;

    /** Without a database model, configuration errors name the record but not its file and line. */
    public ProcedureService() { this(null); }

    public ProcedureService(DbModel model) {
        this.model = model;
        Builtins.register(this);
    }

    @Override
    public String name() { return "procedures"; }

    /** Make an implementation available to info(procedure, "name"); names are snake_case, each once. */
    public void register(String implementation, ProcedureFactory factory) {
        if (!IMPL_NAME.matcher(implementation).matches())
            throw new IllegalArgumentException("procedure name '" + implementation + "' is not snake_case");
        if (factories.putIfAbsent(implementation, factory) != null)
            throw new IllegalArgumentException("procedure '" + implementation + "' is already registered");
    }

    public Set<String> implementations() {
        synchronized (factories) {
            return Set.copyOf(factories.keySet());
        }
    }

    /** Add a rule every start must pass; its watched PVs re-evaluate every :Precheck when they change. */
    public void addGate(RunGate gate) {
        gates.add(gate);
        if (pvs != null && control != null) watchGate(gate);
        precheckAll();
    }

    /** The procedures bound at iocInit. */
    public List<ProcedureInfo> procedures() { return List.copyOf(instances); }

    // ---------------------------------------------------------------------------------------------------------------
    // IocService

    @Override
    public void beforeInit(Database db, Map<String, String> env) throws ProcedureConfigException {
        pvs = new Pvs(db);
        List<String> errors = new ArrayList<>();
        for (Record r : db.records()) {
            String impl = r.info(INFO_PROCEDURE);
            if (impl == null) continue;
            try {
                instances.add(bind(db, r, impl.trim()));
            } catch (ProcedureConfigException e) {
                errors.add(where(r) + r.name() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            instances.clear();
            throw new ProcedureConfigException(String.join("\n", errors));
        }
    }

    private ProcedureInstance bind(Database db, Record start, String impl) throws ProcedureConfigException {
        ProcedurePvs set = ProcedurePvs.bind(db, start);
        ProcedureFactory factory = factories.get(impl);
        if (factory == null) throw new ProcedureConfigException("unknown procedure '" + impl + "' in info("
                + INFO_PROCEDURE + ") (known: " + String.join(", ", implementations().stream().sorted().toList())
                + ")");
        ProcedureArgs args = new ProcedureArgs(start.info(INFO_ARGS), pvs);
        List<Precondition> pre = new ArrayList<>(args.require());
        Procedure p;
        try {
            p = factory.create(args);
        } catch (RuntimeException e) {
            throw new ProcedureConfigException("procedure '" + impl + "': " + e);
        }
        if (p == null) throw new ProcedureConfigException("procedure '" + impl + "': its factory made nothing");
        List<String> unused = args.unused();
        if (!unused.isEmpty()) throw new ProcedureConfigException("unknown argument" + (unused.size() > 1 ? "s " : " ")
                + String.join(", ", unused) + " for procedure '" + impl + "'");
        pre.addAll(0, p.preconditions());
        return new ProcedureInstance(impl, p, args, pre, set, this);
    }

    private String where(Record r) {
        if (model == null) return "";
        RecordDecl d = model.record(r.name());
        return d == null ? "" : d.where() + ": ";
    }

    @Override
    public void start(Database db, Map<String, String> env) {
        control = Executors.newSingleThreadExecutor(threads("procedure-control"));
        runner = Executors.newCachedThreadPool(threads("procedure"));
        for (RunGate g : gates) watchGate(g);
        for (ProcedureInstance p : instances) p.attach();
        if (!instances.isEmpty()) LOG.info(instances.size() + " procedure(s) ready");
    }

    @Override
    public void stop() {
        ExecutorService c = control, r = runner;
        for (ProcedureInstance p : instances) p.detach("IOC shutdown");
        for (AutoCloseable w : gateWatches) closeQuietly(w);
        gateWatches.clear();
        if (r != null) {
            r.shutdown();
            try {
                if (!r.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS))
                    LOG.warning("procedures still running at IOC stop: " + running());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (c != null) c.shutdownNow();
        if (pvs != null) pvs.close();
    }

    private List<String> running() {
        List<String> out = new ArrayList<>();
        for (ProcedureInstance p : instances) if (p.isRunning()) out.add(p.name());
        return out;
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // For the instances

    Pvs pvs() { return pvs; }

    ExecutorService runner() { return runner; }

    /** Run on the control thread (dropped when the IOC is stopping). */
    void control(Runnable task) {
        ExecutorService c = control;
        if (c == null) return;
        try {
            c.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "procedure control task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.fine("procedure control stopped; request dropped");
        }
    }

    void precheckAll() {
        for (ProcedureInstance p : instances) p.precheckSoon();
    }

    private void watchGate(RunGate g) {
        for (String pv : g.watchedPvs()) {
            try {
                gateWatches.add(pvs.get(pv).watch(v -> precheckAll()));
            } catch (ProcedureFailure e) {
                LOG.warning("run gate " + g + ": " + e.getMessage());
            }
        }
    }

    /** Why p may not start now (preconditions, gates, resources held by another procedure), or null. */
    String blockers(ProcedureInstance p) {
        List<String> reasons = new ArrayList<>();
        for (Precondition c : p.preconditions()) {
            try {
                String f = c.failure(pvs.get(c.condition().pv()).read());
                if (f != null) reasons.add(f);
            } catch (ProcedureFailure e) {
                reasons.add(e.getMessage());
            }
        }
        for (RunGate g : gates) {
            try {
                String why = g.check(p);
                if (why != null && !why.isEmpty()) reasons.add(why);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "run gate " + g + " failed", e);
                reasons.add("run gate failed: " + e);
            }
        }
        synchronized (holders) {
            for (String res : p.resources()) {
                ProcedureInstance h = holders.get(res);
                if (h != null && h != p) reasons.add(res + " is in use by " + h.name());
            }
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /** Check p's preconditions and gates and take its resources, in one step; null when it may go on, else why not. */
    String acquire(ProcedureInstance p) {
        synchronized (holders) {
            String why = blockers(p);
            if (why != null) return why;
            for (String res : p.resources()) holders.put(res, p);
        }
        if (!p.resources().isEmpty()) precheckAll();
        return null;
    }

    void release(ProcedureInstance p) {
        synchronized (holders) {
            holders.values().removeIf(h -> h == p);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing a watch", e);
        }
    }
}
