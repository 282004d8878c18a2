package org.jioc.catalog;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** What a {@link QueueHandler} may ask of the queue while its command runs: abort checks, messages, its output file. */
public final class QueueTask {
    private static final Logger LOG = Logger.getLogger(QueueTask.class.getName());

    private final QueuedCommand command;
    private final Consumer<String> messages;
    private final List<Runnable> abortHooks = new CopyOnWriteArrayList<>();
    private volatile String abortReason;
    private volatile String outputFile;

    QueueTask(QueuedCommand command, Consumer<String> messages) {
        this.command = command;
        this.messages = messages;
    }

    public QueuedCommand command() { return command; }

    public boolean abortRequested() { return abortReason != null; }

    public String abortReason() { return abortReason; }

    public void checkAbort() throws QueueAbortedException {
        String r = abortReason;
        if (r != null) throw new QueueAbortedException(r);
    }

    /** Wait, ending early with QueueAbortedException when the command is canceled. */
    public void sleep(double seconds) throws QueueAbortedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        synchronized (this) {
            while (abortReason == null) {
                long left = end - System.nanoTime();
                if (left <= 0) return;
                try {
                    wait(left / 1_000_000, (int) (left % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new QueueAbortedException("interrupted");
                }
            }
        }
        checkAbort();
    }

    /** Run r when the command is aborted (e.g. stop the scan it started); at once if it already is. */
    public void onAbort(Runnable r) {
        abortHooks.add(r);
        if (abortReason != null && abortHooks.remove(r)) runHook(r);
    }

    /** Show what the command is doing ($(P)Queue:Message). */
    public void message(String text) { messages.accept(command + ": " + text); }

    /** The file the command wrote (the commands.output_file column). */
    public void outputFile(String path) { outputFile = path; }

    String outputFile() { return outputFile; }

    void abort(String reason) {
        synchronized (this) {
            if (abortReason != null) return;
            abortReason = reason;
            notifyAll();
        }
        for (Runnable r : abortHooks) if (abortHooks.remove(r)) runHook(r);
    }

    private void runHook(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, command + ": abort hook failed", e);
        }
    }
}
