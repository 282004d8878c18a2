package org.jioc.procedure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.db.NumberFormat;

/**
 * One run of a procedure, and the step API its code is written with: name a step, put with completion, wait for a
 * condition with a timeout, check a precondition, dwell, say what is happening. Every wait blocks only the
 * procedure's own thread, is woken by the PV's own events (no polling), and ends at once with
 * {@link ProcedureAborted} when the procedure is aborted; the step's abort hooks are told first, so they can stop
 * what the step is driving.
 */
public final class ProcedureRun {
    private static final Logger LOG = Logger.getLogger(ProcedureRun.class.getName());
    /** Longest wait the JDK's timed get takes without overflow; "no timeout" uses the untimed get. */
    private static final Duration MAX_WAIT = Duration.ofDays(365);

    /** Told when the procedure is aborted during the step that registered it; should only ask things to stop. */
    @FunctionalInterface
    public interface AbortHook {
        void stop() throws Exception;
    }

    private final String name;
    private final ProcedureArgs args;
    private final Pvs pvs;
    private final ProcedurePvs out;
    private final List<AbortHook> hooks = new ArrayList<>();
    private volatile Thread thread;
    private volatile String abortedBy;
    private volatile CompletableFuture<?> waiting;
    private volatile String step = "";
    private int stepIndex;
    private volatile String result;
    private final List<String> hookFailures = new ArrayList<>();

    ProcedureRun(String name, ProcedureArgs args, Pvs pvs, ProcedurePvs out) {
        this.name = name;
        this.args = args;
        this.pvs = pvs;
        this.out = out;
    }

    /** The procedure's PV name, e.g. "2bma:MotorHoming". */
    public String name() { return name; }

    public ProcedureArgs args() { return args; }

    /** The current step's name ("" before the first). */
    public String currentStep() { return step; }

    void bindThread(Thread t) { thread = t; }

    // ---------------------------------------------------------------------------------------------------------------
    // Steps and messages

    /** Begin the next step: :Step, :StepIndex and :Message show it, and the previous step's abort hooks are dropped. */
    public void step(String stepName) throws ProcedureAborted { step(stepName, stepName); }

    /** Begin the next step with a message saying what it does. */
    public void step(String stepName, String message) throws ProcedureAborted {
        checkAbort();
        synchronized (this) {
            hooks.clear();
        }
        step = stepName;
        stepIndex++;
        out.step(stepName, stepIndex);
        out.message(message);
        LOG.fine(() -> name + ": step " + stepIndex + " " + stepName);
    }

    /** Show what is happening now (up to 255 characters). */
    public void message(String text) { out.message(text); }

    /** What :Message says after "Done: " when the procedure ends well (default just "Done"). */
    public void result(String text) { result = text; }

    String resultMessage() { return result; }

    /** End the procedure Failed with this reason. */
    public void fail(String reason) throws ProcedureFailure { throw new ProcedureFailure(reason); }

    /**
     * Tell hook when the procedure is aborted during this step (e.g. put STOP to the motors the step moves). Runs
     * on the procedure control thread, before the step's wait is woken; keep it short.
     */
    public void onAbort(AbortHook hook) throws ProcedureAborted {
        boolean late;
        synchronized (this) {
            late = abortedBy != null;
            if (!late) hooks.add(hook);
        }
        if (late) {
            runHook(hook);
            checkAbort();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading, writing and waiting

    public PvValue get(String pv) throws ProcedureException {
        checkAbort();
        return pvs.get(pv).read();
    }

    public double getDouble(String pv) throws ProcedureException { return get(pv).number(); }

    public String getString(String pv) throws ProcedureException { return get(pv).text(); }

    /** Put with completion and no time limit: returns when every record the put processed has finished. */
    public void put(String pv, Object value) throws ProcedureException { put(pv, value, null); }

    /** Put with completion; fails when it has not completed within timeout (null: no limit). */
    public void put(String pv, Object value, Duration timeout) throws ProcedureException {
        putAll(Map.of(pv, value), timeout);
    }

    /**
     * Puts with completion started together (several motors moving at once); returns when all have completed, fails
     * at the first refused put or when they have not all completed within timeout (null: no limit).
     */
    public void putAll(Map<String, ?> values, Duration timeout) throws ProcedureException {
        checkAbort();
        Map<String, Object> ordered = new LinkedHashMap<>(values);
        List<Pv> targets = new ArrayList<>();
        for (String pv : ordered.keySet()) targets.add(pvs.get(pv));
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger left = new AtomicInteger(targets.size());
        List<String> pending = java.util.Collections.synchronizedList(new ArrayList<>(ordered.keySet()));
        if (targets.isEmpty()) return;
        int i = 0;
        for (Map.Entry<String, Object> e : ordered.entrySet()) {
            Pv target = targets.get(i++);
            target.put(e.getValue(), err -> {
                if (err != null) {
                    all.completeExceptionally(new ProcedureFailure(err));
                    return;
                }
                pending.remove(e.getKey());
                if (left.decrementAndGet() == 0) all.complete(null);
            });
        }
        await(all, timeout, () -> "put " + describe(ordered) + " did not complete within " + seconds(timeout)
                + " (waiting for " + String.join(", ", List.copyOf(pending)) + ")");
    }

    /** Put and go on once processing has started (ca_put); for abort hooks too. */
    public void putNoWait(String pv, Object value) throws ProcedureException {
        checkAbort();
        pvs.get(pv).putNoWait(value);
    }

    /**
     * Wait until the condition holds (at once if it already does); fails after timeout (null: no limit) saying what
     * the PV was. Returns the value that satisfied it.
     */
    public PvValue waitFor(Condition c, Duration timeout) throws ProcedureException {
        checkAbort();
        Pv pv = pvs.get(c.pv());
        CompletableFuture<PvValue> met = new CompletableFuture<>();
        AtomicReference<PvValue> last = new AtomicReference<>(PvValue.DISCONNECTED);
        AutoCloseable watch = pv.watch(v -> {
            last.set(v);
            if (c.test(v)) met.complete(v);
        });
        try {
            PvValue now = pv.read();
            if (c.test(now)) met.complete(now);
            else last.compareAndSet(PvValue.DISCONNECTED, now);
            return await(met, timeout, () -> "timed out after " + seconds(timeout) + " waiting for " + c + " ("
                    + c.pv() + " is " + last.get().describe() + ")");
        } finally {
            close(watch);
        }
    }

    /** Fail now unless the precondition holds (checks in the middle of a procedure). */
    public void require(Precondition p) throws ProcedureException {
        checkAbort();
        String why = p.failure(pvs.get(p.condition().pv()).read());
        if (why != null) throw new ProcedureFailure(why);
    }

    public void require(Condition c, String reason) throws ProcedureException { require(Precondition.of(c, reason)); }

    /** Wait this long (an abort ends it at once). */
    public void dwell(Duration d) throws ProcedureException {
        if (d == null) throw new IllegalArgumentException("dwell needs a duration");
        await(new CompletableFuture<Void>(), d, null);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Abort

    /** Has someone asked this run to stop? */
    public boolean abortRequested() { return abortedBy != null; }

    String abortedBy() { return abortedBy; }

    List<String> hookFailures() {
        synchronized (this) {
            return List.copyOf(hookFailures);
        }
    }

    /** Stop the run: the current step's hooks, then wake whatever it waits for. The first abort wins. */
    void abort(String who) {
        List<AbortHook> toRun;
        synchronized (this) {
            if (abortedBy != null) return;
            abortedBy = who;
            toRun = List.copyOf(hooks);
            hooks.clear();
        }
        for (AbortHook h : toRun) runHook(h);
        CompletableFuture<?> w = waiting;
        if (w != null) w.completeExceptionally(aborted());
    }

    private void runHook(AbortHook h) {
        try {
            h.stop();
        } catch (Exception e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage();
            LOG.log(Level.WARNING, name + ": abort hook of step '" + step + "' failed: " + why);
            synchronized (this) {
                hookFailures.add(why);
            }
        }
    }

    private ProcedureAborted aborted() { return new ProcedureAborted("aborted by " + abortedBy); }

    /** On the procedure's own thread, throw once aborted; hooks (on the control thread) may still put. */
    private void checkAbort() throws ProcedureAborted {
        if (abortedBy != null && Thread.currentThread() == thread) throw aborted();
    }

    /**
     * Block the procedure thread until f completes, the timeout passes (then fail with timeoutMessage, or return
     * null for a dwell) or the run is aborted. The future is published before the abort flag is read, and abort
     * sets the flag before reading the future, so an abort is never missed.
     */
    private <T> T await(CompletableFuture<T> f, Duration timeout, Supplier<String> timeoutMessage)
            throws ProcedureException {
        waiting = f;
        try {
            checkAbort();
            T v;
            if (timeout == null) v = f.get();
            else v = f.get(Math.max(0, timeout.compareTo(MAX_WAIT) > 0 ? MAX_WAIT.toNanos() : timeout.toNanos()),
                    TimeUnit.NANOSECONDS);
            checkAbort();
            return v;
        } catch (TimeoutException e) {
            checkAbort();
            if (timeoutMessage == null) return null;
            throw new ProcedureFailure(timeoutMessage.get());
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ProcedureAborted) throw aborted();
            if (c instanceof ProcedureFailure pf) throw new ProcedureFailure(pf.getMessage());
            throw new ProcedureFailure(String.valueOf(c));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcedureAborted("interrupted");
        } finally {
            waiting = null;
        }
    }

    private static void close(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing a watch", e);
        }
    }

    static String seconds(Duration d) {
        if (d == null) return "ever";
        return NumberFormat.plain(d.toMillis() / 1000.0) + " s";
    }

    private static String describe(Map<String, Object> values) {
        List<String> parts = new ArrayList<>();
        values.forEach((k, v) -> parts.add(k + " = " + v));
        return String.join(", ", parts);
    }
}
