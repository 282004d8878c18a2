package org.jioc.catalog;

import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The IOC's queue runner (epicsscan's server loop): claims the next requested command, runs its handler on this
 * thread, and sets its final status — finished with the handler's output, or aborted with "aborted: why" (canceled
 * while running, IOC stopping) or "error: why" (unknown command, bad arguments, the handler failed). Polls every
 * 250 ms, so rows other clients insert with SQL are picked up; a submit through this IOC wakes it at once. While a
 * command runs, its status is watched: a cancel from any client (status aborting) aborts it.
 */
public final class QueueRunner {
    private static final Logger LOG = Logger.getLogger(QueueRunner.class.getName());
    static final long POLL_MS = 250;
    private static final long STOP_WAIT_MS = 5000;

    /** Told about every change of the current command and every queue message. */
    public interface Listener {
        void current(QueuedCommand running);

        void message(String text);

        void ended(QueuedCommand command, CommandStatus status, String output);
    }

    private final CommandQueue queue;
    private final QueueHandlers handlers;
    private final String claimer;
    private final BooleanSupplier ready;
    private final Listener listener;
    private final Object wake = new Object();
    private final ScheduledExecutorService watcher;
    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile QueuedCommand current;
    private volatile QueueTask currentTask;

    /** ready: may the runner claim now (the database is connected)? */
    public QueueRunner(CommandQueue queue, QueueHandlers handlers, String claimer, BooleanSupplier ready,
                       Listener listener) {
        this.queue = queue;
        this.handlers = handlers;
        this.claimer = claimer;
        this.ready = ready;
        this.listener = listener;
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "catalog-queue-watch");
            t.setDaemon(true);
            return t;
        });
    }

    public synchronized void start() {
        if (thread != null) return;
        Thread t = new Thread(this::loop, "catalog-queue");
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Look for work now (a command was just submitted here). */
    public void wake() {
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    public QueuedCommand current() { return current; }

    /** Abort the running command, wait for its final status to be written, stop. */
    public void stop() {
        stopping = true;
        QueueTask t = currentTask;
        if (t != null) t.abort("IOC shutdown");
        wake();
        Thread th = thread;
        if (th != null) {
            try {
                th.join(STOP_WAIT_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (th.isAlive()) LOG.warning("queue runner: " + current + " did not end within " + STOP_WAIT_MS + " ms");
        }
        watcher.shutdownNow();
    }

    private void loop() {
        while (!stopping) {
            Optional<QueuedCommand> next = Optional.empty();
            if (ready.getAsBoolean()) {
                try {
                    next = queue.claimNext(claimer);
                } catch (CatalogException e) {
                    LOG.fine(() -> "queue runner: claim failed: " + e.getMessage());
                }
            }
            if (next.isPresent()) {
                try {
                    run(next.get());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "queue runner: " + next.get() + " failed", e);
                }
            } else {
                synchronized (wake) {
                    if (stopping) break;
                    try {
                        wake.wait(POLL_MS);
                    } catch (InterruptedException e) {
                        break;
                    }
                }
            }
        }
    }

    private void run(QueuedCommand cmd) {
        QueueHandler handler = handlers.get(cmd.command());
        if (handler == null) {
            end(cmd, CommandStatus.ABORTED, "error: unknown command '" + cmd.command() + "' (known: "
                    + String.join(", ", handlers.names().stream().sorted().toList()) + ")", null);
            return;
        }
        JsonNode args;
        try {
            args = RunStore.JSON.readTree(cmd.arguments() == null || cmd.arguments().isBlank() ? "{}" : cmd.arguments());
        } catch (JsonProcessingException e) {
            end(cmd, CommandStatus.ABORTED, "error: arguments are not valid JSON: " + e.getOriginalMessage(), null);
            return;
        }
        try {
            if (!queue.transition(cmd.id(), CommandStatus.STARTING, CommandStatus.RUNNING)) {
                end(cmd, CommandStatus.ABORTED, "aborted: canceled before it started", null);
                return;
            }
        } catch (CatalogException e) {
            end(cmd, CommandStatus.ABORTED, "error: " + e.getMessage(), null);
            return;
        }
        QueueTask task = new QueueTask(cmd, listener::message);
        currentTask = task;
        current = cmd;
        listener.current(cmd);
        listener.message(cmd + ": running");
        if (stopping) task.abort("IOC shutdown");
        ScheduledFuture<?> watch = watcher.scheduleWithFixedDelay(() -> watchCancel(cmd, task), POLL_MS, POLL_MS,
                TimeUnit.MILLISECONDS);
        CommandStatus status;
        String output;
        try {
            output = handler.run(args, task);
            if (task.abortRequested()) {
                status = CommandStatus.ABORTED;
                output = "aborted: " + task.abortReason() + (output == null ? "" : " (" + output + ")");
            } else {
                status = CommandStatus.FINISHED;
            }
        } catch (QueueAbortedException e) {
            status = CommandStatus.ABORTED;
            output = "aborted: " + e.getMessage();
        } catch (Exception e) {
            status = CommandStatus.ABORTED;
            output = "error: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            if (e instanceof RuntimeException && !(e instanceof IllegalArgumentException))
                LOG.log(Level.WARNING, "queue runner: " + cmd + " failed", e);
        } finally {
            watch.cancel(false);
        }
        end(cmd, status, output, task.outputFile());
        currentTask = null;
        current = null;
        listener.current(null);
    }

    /** A cancel from any client sets status aborting: abort the handler. */
    private void watchCancel(QueuedCommand cmd, QueueTask task) {
        try {
            if (queue.status(cmd.id()) == CommandStatus.ABORTING) task.abort("canceled");
        } catch (CatalogException e) {
            LOG.fine(() -> "queue runner: cannot read the status of " + cmd + ": " + e.getMessage());
        }
    }

    /** Write the final status, retrying while the database is unreachable (until the IOC stops). */
    private void end(QueuedCommand cmd, CommandStatus status, String output, String outputFile) {
        while (true) {
            try {
                queue.finish(cmd.id(), status, output, outputFile);
                break;
            } catch (CatalogException e) {
                if (!e.connectionLost() || stopping) {
                    LOG.warning("queue runner: cannot record " + cmd + " " + status.sql() + " (" + output + "): "
                            + e.getMessage());
                    break;
                }
                synchronized (wake) {
                    try {
                        wake.wait(1000);
                    } catch (InterruptedException ie) {
                        break;
                    }
                }
            }
        }
        listener.ended(cmd, status, output);
        String out = output == null ? "" : output;
        listener.message(cmd + ": " + (out.startsWith(status.sql()) ? out : status.sql() + (out.isEmpty() ? "" : ": " + out)));
    }
}
