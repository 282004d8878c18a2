package org.jioc.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.catalog.CatalogException;
import org.jioc.catalog.ExitStatus;
import org.jioc.catalog.RunCatalog;
import org.jioc.catalog.RunFile;
import org.jioc.catalog.RunHandle;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.NumberFormat;
import org.jioc.procedure.Condition;
import org.jioc.procedure.GateExpression;

/**
 * One run of a plan, on the calling thread: the checks before anything moves (every PV there, the run gate, every
 * target within its motor's limits), then the run as bluesky's scan_nd + StepScan take it:
 *
 * <ol>
 *   <li>open the run in the catalog (uid, scan_id), read the extra PVs, writer.start, pre-scan actions;</li>
 *   <li>per point: pause/abort checkpoint; move the motors whose target changed, together, with completion;
 *       settle; fire every trigger with completion; read the readbacks and detectors; a trigger that completed in
 *       less than 0.8 × dwell or a reading failing the point check redoes the point (up to retries times);
 *       at a breakpoint read the extra PVs, writer.breakpoint, run the at-break actions; count: delay;</li>
 *   <li>whatever the ending: relative plans return their motors, post-scan actions, writer.finish, the run is
 *       closed in the catalog with bluesky's exit_status and reason.</li>
 * </ol>
 *
 * Abort (from any thread) ends every wait at once and STOPs the motors being moved.
 */
final class PlanRun {
    private static final Logger LOG = Logger.getLogger(PlanRun.class.getName());
    /** StepScan: a trigger that took less than this fraction of the dwell completed too early. */
    static final double EARLY_FRACTION = 0.8;
    /** How long the end of a run waits for motors asked to stop, and for returns and post-scan actions. */
    static final double END_TIMEOUT = 120;

    /** What the run reports as it goes (the Plan PVs, a queue task). Called on the run's thread. */
    interface Listener {
        void state(PlanState s);

        void message(String text);

        void opened(long scanId, String uid);

        void progress(int done, int total, double etaSeconds);
    }

    /** How it ended. status null: refused before anything moved (nothing recorded). */
    record Outcome(ExitStatus status, String message, long scanId, String uid, long events) { }

    private final Channels pvs;
    private final PlanRequest req;
    private final Supplier<RunCatalog> catalog;
    private final RunWriter writer;
    private final Listener out;
    private final Object signal = new Object();
    private volatile String abortReason;
    private volatile boolean paused;
    private final Set<FieldAddress> moving = new LinkedHashSet<>(); // guarded by signal

    PlanRun(Channels pvs, PlanRequest req, Supplier<RunCatalog> catalog, RunWriter writer, Listener out) {
        this.pvs = pvs;
        this.req = req;
        this.catalog = catalog;
        this.writer = writer;
        this.out = out;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Control (any thread)

    void abort(String reason) {
        List<FieldAddress> stop;
        synchronized (signal) {
            if (abortReason != null) return;
            abortReason = reason;
            stop = new ArrayList<>(moving);
            signal.notifyAll();
        }
        for (FieldAddress m : stop) {
            FieldAddress s = pvs.stopField(m);
            if (s == null) continue;
            try {
                pvs.putNoWait(s, 1);
            } catch (DbException | RuntimeException e) {
                LOG.warning("plan: stopping " + m.record.name() + " failed: " + e.getMessage());
            }
        }
    }

    void pause() {
        paused = true;
    }

    void resume() {
        synchronized (signal) {
            paused = false;
            signal.notifyAll();
        }
    }

    boolean isPaused() { return paused; }

    // -----------------------------------------------------------------------------------------------------------
    // The run

    private List<FieldAddress> motors, readbacks, triggers, detectors, extras;
    private PlanPoints points;
    private Condition check;
    private FieldAddress checkPv;
    private RunData data;
    private RunHandle handle;
    private final Set<String> filesRecorded = new LinkedHashSet<>();

    Outcome run() {
        out.state(PlanState.RUNNING);
        out.message("Checking " + req.kind().planName());
        double[] origin;
        try {
            prepare();
            origin = origins();
            if (req.kind().relative()) points = points.shifted(origin);
            checkLimits();
            checkFiles();
        } catch (PlanFailure e) {
            String msg = "Refused: " + e.getMessage() + " (nothing moved)";
            out.message(msg);
            out.state(PlanState.FAILED);
            return new Outcome(null, msg, 0, "", 0);
        }
        ObjectNode start = StartDocument.build(req, points);
        if (req.kind().relative()) {
            var origins = start.putObject("jioc_origin");
            for (int m = 0; m < motors.size(); m++) origins.put(req.axes().get(m).motor(), origin[m]);
        }
        openRun(start, origin);
        out.opened(data.scanId(), data.uid());
        ExitStatus status = ExitStatus.SUCCESS;
        String reason = "";
        try {
            recordExtras(-1);
            files(writer.start(data));
            actions("pre-scan", req.preScan());
            points();
        } catch (PlanAborted e) {
            status = ExitStatus.ABORT;
            reason = e.getMessage();
        } catch (PlanFailure e) {
            status = ExitStatus.FAIL;
            reason = e.getMessage();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "plan " + req.kind().planName() + " failed", e);
            status = ExitStatus.FAIL;
            reason = "internal error: " + e;
        }
        String end = finish(origin, status != ExitStatus.SUCCESS);
        if (end != null && status == ExitStatus.SUCCESS) {
            status = ExitStatus.FAIL;
            reason = end;
        } else if (end != null) {
            reason = reason + "; " + end;
        }
        long n = data.events().size();
        ObjectNode stop = StartDocument.stop(data.uid(), status.sql(), reason, Map.of("primary", n));
        try {
            files(writer.finish(data, stop));
        } catch (Exception e) {
            LOG.log(Level.WARNING, "plan: data file at the end failed", e);
            if (status == ExitStatus.SUCCESS) status = ExitStatus.FAIL;
            reason = (reason.isEmpty() ? "" : reason + "; ") + "writing the data file failed: " + e.getMessage();
        }
        closeRun(status, reason, n);
        String msg = switch (status) {
            case SUCCESS -> "Done: scan " + data.scanId() + ", " + n + " point" + (n == 1 ? "" : "s");
            case ABORT -> "Aborted: " + reason + " (scan " + data.scanId() + ", " + n + " of " + points.size()
                    + " points)";
            default -> "Failed: " + reason + " (scan " + data.scanId() + ")";
        };
        out.message(msg);
        out.state(switch (status) {
            case SUCCESS -> PlanState.DONE;
            case ABORT -> PlanState.ABORTED;
            default -> PlanState.FAILED;
        });
        return new Outcome(status, msg, data.scanId(), data.uid(), n);
    }

    /** Everything checked before anything moves: arguments, PVs, conditions, gate. */
    private void prepare() throws PlanFailure {
        try {
            points = req.points();
        } catch (IllegalArgumentException e) {
            throw PlanFailure.refused(e.getMessage());
        }
        motors = resolve(req.axes().stream().map(Axis::motor).toList());
        readbacks = motors.stream().map(pvs::readback).toList();
        triggers = resolve(req.triggers());
        detectors = resolve(req.detectors());
        extras = resolve(req.extraPvs());
        for (List<PutAction> l : List.of(req.preScan(), req.postScan(), req.atBreak()))
            for (PutAction a : l) pvs.resolve(a.pv());
        if (req.pointCheck() != null) {
            check = condition(req.pointCheck(), "point check");
            checkPv = pvs.resolve(check.pv());
        }
        GateExpression gate;
        try {
            gate = GateExpression.parse(req.gate());
        } catch (IllegalArgumentException e) {
            throw PlanFailure.refused("run gate: " + e.getMessage());
        }
        for (String pv : gate.pvs()) pvs.resolve(pv);
        String closed = gate.failure(pvs::find);
        if (closed != null) throw PlanFailure.refused(closed);
    }

    private static Condition condition(String text, String what) throws PlanFailure {
        try {
            return Condition.parse(text);
        } catch (IllegalArgumentException e) {
            throw PlanFailure.refused(what + ": " + e.getMessage());
        }
    }

    private List<FieldAddress> resolve(List<String> names) throws PlanFailure {
        List<FieldAddress> l = new ArrayList<>();
        for (String n : names) l.add(pvs.resolve(n));
        return l;
    }

    private double[] origins() {
        double[] o = new double[motors.size()];
        for (int m = 0; m < o.length; m++) o[m] = Channels.readDouble(readbacks.get(m));
        return o;
    }

    /** Every target of every motor within its limits (none when both are 0, as a motor without soft limits). */
    private void checkLimits() throws PlanFailure {
        for (int m = 0; m < motors.size(); m++) {
            double[] lim = Channels.limits(motors.get(m));
            if (lim[0] == 0 && lim[1] == 0) continue;
            String name = req.axes().get(m).motor();
            for (int i = 0; i < points.size(); i++) {
                double t = points.point(i)[m];
                if (t > lim[1] || t < lim[0])
                    throw PlanFailure.refused(name + " point " + i + " of " + points.size() + ": target " + num(t)
                            + (t > lim[1] ? " is above its high limit " + num(lim[1])
                            : " is below its low limit " + num(lim[0])));
            }
        }
    }

    /** The data files can be written (directory, names): else the plan is refused before anything moves. */
    private void checkFiles() throws PlanFailure {
        try {
            writer.check();
        } catch (Exception e) {
            throw PlanFailure.refused("data files: " + e.getMessage());
        }
    }

    private void openRun(ObjectNode start, double[] origin) {
        RunCatalog c = catalog.get();
        ObjectNode doc = start;
        if (c != null) {
            try {
                handle = c.openRun(start);
                doc = handle.startDoc();
            } catch (CatalogException e) {
                LOG.warning("plan: the run catalog refused the run: " + e.getMessage());
            }
        }
        if (handle == null) {
            doc = start.deepCopy();
            if (!doc.hasNonNull("uid")) doc.put("uid", UUID.randomUUID().toString());
            if (!doc.hasNonNull("time")) doc.put("time", System.currentTimeMillis() / 1000.0);
            if (!doc.hasNonNull("scan_id")) doc.put("scan_id", 0);
        }
        data = new RunData(doc, req.axes().stream().map(Axis::motor).toList(), req.detectors(), points, origin);
    }

    private void files(List<RunFile> files) {
        if (files == null) return;
        for (RunFile f : files) {
            if (!filesRecorded.add(f.path())) continue;
            RunCatalog c = catalog.get();
            if (c == null || handle == null) continue;
            try {
                c.addFile(data.uid(), f);
            } catch (CatalogException e) {
                LOG.warning("plan: recording file " + f.path() + " failed: " + e.getMessage());
            }
        }
    }

    private void closeRun(ExitStatus status, String reason, long events) {
        RunCatalog c = catalog.get();
        if (c == null || handle == null) return;
        try {
            c.closeRun(data.uid(), status, reason, Map.of("primary", events));
        } catch (CatalogException e) {
            LOG.warning("plan: closing run " + data.uid() + " in the catalog failed: " + e.getMessage());
        }
    }

    private void points() throws PlanAborted, PlanFailure, Exception {
        int total = points.size();
        double[] last = null;
        long t0 = System.nanoTime();
        out.progress(0, total, Double.NaN);
        for (int i = 0; i < total; i++) {
            checkpoint(i, total);
            double[] target = points.point(i);
            move(target, last);
            last = target;
            if (req.settle() > 0) sleep(req.settle());
            takePoint(i, target);
            double elapsed = (System.nanoTime() - t0) / 1e9;
            out.progress(i + 1, total, elapsed / (i + 1) * (total - i - 1));
            if (req.breakpoints().contains(i)) breakpoint(i);
            if (req.kind() == PlanKind.COUNT && req.delay() > 0 && i < total - 1) sleep(req.delay());
        }
    }

    /** bluesky's checkpoint: hold here while paused; end here when aborted. */
    private void checkpoint(int i, int total) throws PlanAborted {
        checkAbort();
        if (!paused) return;
        out.state(PlanState.PAUSED);
        out.message("Paused before point " + i + " of " + total);
        synchronized (signal) {
            while (paused && abortReason == null) waitSignal(0);
        }
        checkAbort();
        out.state(PlanState.RUNNING);
        out.message("Resumed at point " + i + " of " + total);
    }

    /** Move the motors whose target changed (bluesky's pos_cache), together, and wait for every completion. */
    private void move(double[] target, double[] last) throws PlanAborted, PlanFailure {
        Puts group = new Puts();
        for (int m = 0; m < motors.size(); m++) {
            if (last != null && last[m] == target[m]) continue;
            FieldAddress a = motors.get(m);
            synchronized (signal) {
                moving.add(a);
            }
            group.start();
            pvs.put(a, target[m], err -> {
                synchronized (signal) {
                    moving.remove(a);
                }
                group.done(err);
            });
        }
        await(group, null, "moving the motors");
    }

    private void takePoint(int i, double[] target) throws PlanAborted, PlanFailure {
        int attempt = 0;
        while (true) {
            checkAbort();
            String bad = trigger();
            double[] values = read(target);
            if (bad == null && check != null) {
                var v = Channels.value(checkPv);
                if (!check.test(v)) bad = "point check '" + check + "' failed (" + check.pv() + " is " + v.describe()
                        + ")";
            }
            if (bad == null) {
                data.add(new RunData.Event(data.events().size() + 1, i, System.currentTimeMillis() / 1000.0, values));
                return;
            }
            if (attempt >= req.retries())
                throw new PlanFailure("point " + i + " still bad after " + req.retries() + " retr"
                        + (req.retries() == 1 ? "y" : "ies") + ": " + bad);
            attempt++;
            out.message("Point " + i + ": " + bad + "; retry " + attempt + " of " + req.retries());
            LOG.info("plan scan " + data.scanId() + ": point " + i + " bad (" + bad + "), retry " + attempt);
        }
    }

    /** Fire every trigger with completion and wait; null, or why the point is bad (a trigger done too early). */
    private String trigger() throws PlanAborted, PlanFailure {
        if (triggers.isEmpty()) return null;
        Puts group = new Puts();
        long t0 = System.nanoTime();
        double[] took = new double[triggers.size()];
        for (int k = 0; k < triggers.size(); k++) {
            int kk = k;
            group.start();
            pvs.put(triggers.get(k), "1", err -> {
                took[kk] = (System.nanoTime() - t0) / 1e9;
                group.done(err);
            });
        }
        await(group, null, "triggering the detectors");
        if (req.dwell() <= 0) return null;
        synchronized (signal) {
            for (int k = 0; k < took.length; k++)
                if (took[k] < EARLY_FRACTION * req.dwell())
                    return "trigger " + triggers.get(k) + " completed after " + String.format(Locale.ROOT, "%.3f",
                            took[k]) + " s, before " + EARLY_FRACTION + " x dwell " + num(req.dwell()) + " s";
        }
        return null;
    }

    private double[] read(double[] target) {
        int nm = motors.size();
        double[] v = new double[2 * nm + detectors.size()];
        for (int m = 0; m < nm; m++) {
            v[m] = Channels.readDouble(readbacks.get(m));
            v[nm + m] = target[m];
        }
        for (int d = 0; d < detectors.size(); d++) v[2 * nm + d] = Channels.readDouble(detectors.get(d));
        return v;
    }

    private void breakpoint(int i) throws Exception {
        out.message("Breakpoint after point " + i + ": writing the data so far");
        recordExtras(i);
        files(writer.breakpoint(data, i));
        actions("at-break", req.atBreak());
    }

    private void recordExtras(int pointIndex) {
        Map<String, String> v = new LinkedHashMap<>();
        for (int k = 0; k < extras.size(); k++) v.put(req.extraPvs().get(k), Channels.readString(extras.get(k)));
        data.addExtras(pointIndex, v);
    }

    /** Puts with completion, one after the other. */
    private void actions(String what, List<PutAction> list) throws PlanAborted, PlanFailure {
        for (PutAction a : list) {
            out.message("Running the " + what + " action " + a);
            Puts group = new Puts();
            group.start();
            pvs.put(pvs.resolve(a.pv()), a.value(), group::done);
            await(group, null, what + " action " + a);
        }
    }

    /**
     * The end, however the run ended: wait for motors still settling from an abort, return a relative plan's
     * motors, run the post-scan actions. Null, or what went wrong.
     */
    private String finish(double[] origin, boolean ended) {
        List<String> problems = new ArrayList<>();
        // Motors asked to STOP call back once they have stopped: wait for that before moving them again.
        waitIdle();
        if (req.kind().relative() && !motors.isEmpty()) {
            out.message("Returning the motors to where they were");
            Puts group = new Puts();
            for (int m = 0; m < motors.size(); m++) {
                group.start();
                pvs.put(motors.get(m), origin[m], group::done);
            }
            try {
                await(group, END_TIMEOUT, "returning the motors");
            } catch (PlanAborted | PlanFailure e) {
                problems.add(e.getMessage());
            }
        }
        for (PutAction a : req.postScan()) {
            Puts group = new Puts();
            group.start();
            try {
                pvs.put(pvs.resolve(a.pv()), a.value(), group::done);
                await(group, END_TIMEOUT, "post-scan action " + a);
            } catch (PlanAborted | PlanFailure e) {
                problems.add(e.getMessage());
            }
        }
        return problems.isEmpty() ? null : String.join("; ", problems);
    }

    /** Wait (bounded) until no motor put of this run is outstanding. */
    private void waitIdle() {
        long end = System.nanoTime() + (long) (END_TIMEOUT * 1e9);
        synchronized (signal) {
            while (!moving.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) return;
                waitSignal(left / 1_000_000 + 1);
            }
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Waiting

    /** Puts with completion started together. */
    private final class Puts {
        private int outstanding;
        private String error;

        void start() {
            synchronized (signal) {
                outstanding++;
            }
        }

        void done(String err) {
            synchronized (signal) {
                outstanding--;
                if (err != null && error == null) error = err;
                signal.notifyAll();
            }
        }
    }

    /**
     * Until every put of the group has completed. During the run (timeout null) an abort ends the wait at once;
     * at the end (timeout given) only the timeout does.
     */
    private void await(Puts g, Double timeout, String what) throws PlanAborted, PlanFailure {
        long end = timeout == null ? Long.MAX_VALUE : System.nanoTime() + (long) (timeout * 1e9);
        synchronized (signal) {
            while (g.outstanding > 0 && g.error == null) {
                if (timeout == null && abortReason != null) throw new PlanAborted(abortReason);
                long left = end - System.nanoTime();
                if (left <= 0) throw new PlanFailure(what + ": timed out after " + num(timeout) + " s");
                waitSignal(timeout == null ? 0 : left / 1_000_000 + 1);
            }
            if (g.error != null) throw new PlanFailure(what + ": " + g.error);
        }
    }

    private void sleep(double seconds) throws PlanAborted {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        synchronized (signal) {
            while (abortReason == null) {
                long left = end - System.nanoTime();
                if (left <= 0) return;
                waitSignal(left / 1_000_000 + 1);
            }
        }
        checkAbort();
    }

    private void checkAbort() throws PlanAborted {
        String r = abortReason;
        if (r != null) throw new PlanAborted(r);
    }

    /** signal.wait; the caller holds signal. */
    private void waitSignal(long ms) {
        try {
            signal.wait(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abortReason = abortReason == null ? "interrupted" : abortReason;
        }
    }

    private static String num(double v) { return NumberFormat.plain(v); }
}
