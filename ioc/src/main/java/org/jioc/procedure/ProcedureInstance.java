package org.jioc.procedure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.db.FieldAddress;
import org.jioc.db.FieldListener;
import org.jioc.db.PutOrigin;

/**
 * One procedure bound to its PV set: reacts to Start and Abort, runs the procedure on its own thread, and keeps
 * Status, Message, Step and Precheck up to date. Whatever happens, a run ends by writing Message and Status and
 * then Start = 0 (Done), which completes the put-callbacks waiting on Start.
 *
 * <p>Listeners on Start and Abort run on the writer's thread with the record locked; they only note who wrote
 * and which run was current, and hand the rest to the service's control thread.
 */
final class ProcedureInstance implements ProcedureInfo {
    private static final Logger LOG = Logger.getLogger(ProcedureInstance.class.getName());

    private final String implementation;
    private final Procedure procedure;
    private final ProcedureArgs args;
    private final List<Precondition> preconditions;
    private final ProcedurePvs pvs;
    private final ProcedureService service;
    private final List<AutoCloseable> watches = new ArrayList<>();
    private final AtomicBoolean precheckQueued = new AtomicBoolean();

    // guarded by this
    private ProcedureRun current;
    private boolean finishing;
    private String pendingStart;
    /** Starts written so far (counted in the writer's thread, under Start's lock) and the newest one a run covers. */
    private final java.util.concurrent.atomic.AtomicLong startsWritten = new java.util.concurrent.atomic.AtomicLong();
    private volatile long coveredStarts;
    private volatile String lastStartBy = "";

    private volatile ProcedureRun visibleRun;
    private volatile Thread startWriter;
    private volatile ProcedureStatus status = ProcedureStatus.IDLE;

    ProcedureInstance(String implementation, Procedure procedure, ProcedureArgs args,
                      List<Precondition> preconditions, ProcedurePvs pvs, ProcedureService service) {
        this.implementation = implementation;
        this.procedure = procedure;
        this.args = args;
        this.preconditions = List.copyOf(preconditions);
        this.pvs = pvs;
        this.service = service;
    }

    @Override
    public String name() { return pvs.base; }

    @Override
    public String implementation() { return implementation; }

    @Override
    public Set<String> resources() { return procedure.resources(); }

    @Override
    public ProcedureStatus status() { return status; }

    /** What :Message shows now. */
    String message() {
        try (var g = pvs.message.lock()) {
            return pvs.message.record.getString(pvs.message.field);
        }
    }

    List<Precondition> preconditions() { return preconditions; }

    ProcedureArgs args() { return args; }

    synchronized String currentStep() { return current == null ? "" : current.currentStep(); }

    // ---------------------------------------------------------------------------------------------------------------
    // Life cycle

    /** After iocInit: Idle, nothing pending, and listening to Start, Abort, Precheck.PROC and the preconditions. */
    void attach() {
        if (pvs.startValue() != 0) pvs.start(0);
        if (pvs.abortValue() != 0) pvs.abort(0);
        pvs.status(ProcedureStatus.IDLE);
        pvs.message("");
        pvs.step("", 0);
        listen(pvs.start, this::startPosted);
        listen(pvs.abort, this::abortPosted);
        listen(pvs.precheckProc, (v, who) -> precheckSoon());
        for (Precondition p : preconditions) {
            try {
                watches.add(service.pvs().get(p.condition().pv()).watch(v -> precheckSoon()));
            } catch (ProcedureFailure e) {
                LOG.warning(name() + ": precondition " + p.condition() + ": " + e.getMessage());
            }
        }
        precheckNow(); // clients see the real answer from the start
        precheckSoon(); // and the control thread has the last word over anything that changed meanwhile
    }

    /** At IOC stop: abort a running procedure and stop listening. */
    void detach(String why) {
        abortRun(visibleRun, why);
        for (AutoCloseable w : watches) {
            try {
                w.close();
            } catch (Exception e) {
                LOG.log(Level.FINE, "closing a watch", e);
            }
        }
        watches.clear();
    }

    /** Is a run going on (including its last writes)? */
    synchronized boolean isRunning() { return current != null; }

    /** Is a run going on that has not reached its last writes? (What :Precheck calls "running".) */
    private synchronized boolean isBusy() { return current != null && !finishing; }

    private interface Posted {
        void posted(long value, String who);
    }

    private void listen(FieldAddress a, Posted handler) {
        FieldListener l = (r, f, mask) -> {
            if ((mask & FieldListener.DBE_VALUE) == 0) return;
            handler.posted(r.getLong(f), PutOrigin.current());
        };
        a.subscribe(l);
        watches.add(() -> a.unsubscribe(l));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Start and abort requests (listener side: record locked, writer's thread)

    private void startPosted(long value, String who) {
        if (Thread.currentThread() == startWriter) return; // our own Start = 0 at the end of a run
        if (value != 0) {
            long seq = startsWritten.incrementAndGet();
            lastStartBy = who;
            service.control(() -> requestStart(who, seq));
        } else {
            ProcedureRun run = visibleRun;
            if (run != null) service.control(() -> abortRun(run, by(who, pvs.start) + " setting it to Done"));
        }
    }

    private void abortPosted(long value, String who) {
        if (value == 0) return;
        ProcedureRun run = visibleRun;
        service.control(() -> {
            abortRun(run, by(who, pvs.abort));
            pvs.abort(0);
        });
    }

    private static String by(String who, FieldAddress pv) {
        String rec = pv.record.name();
        return who.isEmpty() ? rec + " (written by the database)" : who + " via " + rec;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Control thread

    private void requestStart(String who, long seq) {
        synchronized (this) {
            if (seq <= coveredStarts) return; // a run launched since already answers this start
            if (current != null) {
                pendingStart = who; // started again while the last run ends: run once more after it
                return;
            }
            launchLocked(who);
        }
        service.precheckAll();
    }

    private void launchLocked(String who) {
        coveredStarts = startsWritten.get();
        ProcedureRun run = new ProcedureRun(name(), args, service.pvs(), pvs);
        current = run;
        visibleRun = run;
        finishing = false;
        status = ProcedureStatus.RUNNING;
        try {
            service.runner().execute(() -> execute(run, who));
        } catch (RejectedExecutionException e) {
            current = null;
            visibleRun = null;
            status = ProcedureStatus.IDLE;
            LOG.warning(name() + ": not started, the IOC is stopping");
        }
    }

    /** Abort run if it is still the current one and not already ending. */
    void abortRun(ProcedureRun run, String who) {
        if (run == null) return;
        synchronized (this) {
            if (run != current || finishing) return;
        }
        LOG.info(name() + ": abort requested by " + who);
        run.abort(who);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The run (procedure thread)

    private void execute(ProcedureRun run, String startedBy) {
        Thread t = Thread.currentThread();
        String threadName = t.getName();
        t.setName("procedure " + name());
        run.bindThread(t);
        ProcedureStatus outcome;
        String message;
        boolean acquired = false;
        try {
            pvs.step("", 0);
            pvs.message(startedBy.isEmpty() ? "Starting" : "Starting (" + startedBy + ")");
            pvs.status(ProcedureStatus.RUNNING);
            LOG.info(name() + ": started" + (startedBy.isEmpty() ? "" : " by " + startedBy));
            String blocked = service.acquire(this);
            if (blocked != null) throw new PreconditionFailure(blocked);
            acquired = true;
            if (run.abortRequested()) throw new ProcedureAborted("aborted");
            procedure.run(run);
            if (run.abortRequested()) throw new ProcedureAborted("aborted");
            outcome = ProcedureStatus.DONE;
            message = run.resultMessage() == null ? "Done" : "Done: " + run.resultMessage();
        } catch (ProcedureException | RuntimeException | Error e) {
            if (run.abortRequested()) {
                outcome = ProcedureStatus.ABORTED;
                message = abortMessage(run);
            } else if (!acquired && e instanceof PreconditionFailure) {
                outcome = ProcedureStatus.FAILED;
                message = "Not started: " + e.getMessage();
            } else {
                outcome = ProcedureStatus.FAILED;
                String why = e instanceof ProcedureException ? e.getMessage() : "internal error: " + e;
                if (!(e instanceof ProcedureException)) LOG.log(Level.WARNING, name() + " failed", e);
                message = "Failed" + inStep(run) + ": " + why;
            }
        } finally {
            if (acquired) service.release(this);
        }
        try {
            finish(outcome, message);
        } finally {
            t.setName(threadName);
        }
    }

    private static String inStep(ProcedureRun run) {
        String s = run.currentStep();
        return s.isEmpty() ? "" : " in step '" + s + "'";
    }

    private static String abortMessage(ProcedureRun run) {
        String m = "Aborted by " + run.abortedBy() + inStep(run);
        List<String> hookFailures = run.hookFailures();
        if (!hookFailures.isEmpty()) m += "; stopping failed: " + String.join("; ", hookFailures);
        return m;
    }

    /** Message, Status, Precheck first (a client woken by Start = 0 reads them), then Start = 0 unless restarted. */
    private void finish(ProcedureStatus outcome, String message) {
        synchronized (this) {
            finishing = true;
        }
        status = outcome;
        pvs.message(message); // before Status: a client that sees the new Status reads the final message
        pvs.status(outcome);
        precheckNow(); // a client woken by Start = 0 sees whether it may start again
        LOG.info(name() + ": " + message);
        String next;
        synchronized (this) {
            next = pendingStart;
            pendingStart = null;
        }
        if (next == null) {
            startWriter = Thread.currentThread();
            boolean cleared;
            try {
                cleared = pvs.finishStart(() -> startsWritten.get() > coveredStarts);
            } finally {
                startWriter = null;
            }
            // a client wrote Start = 1 again while this run ended: Start stays 1 and the next run answers it
            if (!cleared) next = lastStartBy;
            synchronized (this) {
                if (pendingStart != null) next = pendingStart;
                pendingStart = null;
                if (next == null) {
                    current = null;
                    visibleRun = null;
                    finishing = false;
                }
            }
        }
        if (next != null) {
            synchronized (this) {
                launchLocked(next);
            }
        }
        service.precheckAll();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Precheck

    /** Evaluate :Precheck on the control thread soon (changes in a burst are evaluated once). */
    void precheckSoon() {
        if (!precheckQueued.compareAndSet(false, true)) return;
        service.control(() -> {
            precheckQueued.set(false);
            precheckNow();
        });
    }

    /** Evaluate :Precheck now; on the control thread, or at attach before any request can arrive. */
    private void precheckNow() {
        String why = isBusy() ? "running" : service.blockers(this);
        pvs.precheck(why == null, why == null ? "Ready" : why);
    }
}
