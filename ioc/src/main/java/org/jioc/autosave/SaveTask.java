package org.jioc.autosave;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The save thread (autosave's save_restore task): one thread runs every set's ticks, triggers and manual saves,
 * so no two writers ever touch a file of this process. Stopping it makes a last save of every changed set.
 */
final class SaveTask {
    private static final Logger LOG = Logger.getLogger(SaveTask.class.getName());

    private final AutosaveConfig config;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "autosave");
        t.setDaemon(true);
        return t;
    });
    private final Map<SaveSet, ScheduledFuture<?>> sets = new IdentityHashMap<>();
    private final List<SaveSet> order = new ArrayList<>();

    SaveTask(AutosaveConfig config) {
        this.config = config;
    }

    /** Start servicing a connected set. */
    synchronized void add(SaveSet s) {
        ScheduledFuture<?> f = null;
        if (s.method == SaveMethod.MONITOR || s.method == SaveMethod.PERIODIC) {
            long ms = s.periodSeconds * 1000L;
            f = thread.scheduleAtFixedRate(() -> run(() -> s.tick(config, System.currentTimeMillis())), ms, ms,
                    TimeUnit.MILLISECONDS);
        }
        sets.put(s, f);
        order.add(s);
    }

    /** Stop servicing a set (it is replaced); waits until no tick of it runs. */
    void remove(SaveSet s) {
        ScheduledFuture<?> f;
        synchronized (this) {
            f = sets.remove(s);
            order.remove(s);
        }
        if (f != null) f.cancel(false);
        await(thread.submit(s::disconnect), "remove " + s.requestName);
    }

    synchronized List<SaveSet> sets() { return List.copyOf(order); }

    /** A trigger PV posted: save soon, on the save thread. */
    void trigger(SaveSet s) {
        try {
            thread.execute(() -> run(() -> s.saveNow(config)));
        } catch (RejectedExecutionException e) {
            // stopping
        }
    }

    /** manual_save: write now and say whether it worked. */
    boolean saveNow(SaveSet s) {
        Future<Boolean> f = thread.submit(() -> s.saveNow(config));
        Boolean ok = await(f, "manual save of " + s.requestName);
        return ok != null && ok;
    }

    /** Last save of every changed set, then stop the thread and release the files. */
    void shutdown() {
        List<SaveSet> all = sets();
        synchronized (this) {
            for (ScheduledFuture<?> f : sets.values()) if (f != null) f.cancel(false);
        }
        try {
            await(thread.submit(() -> {
                for (SaveSet s : all) run(() -> s.finalSave(config));
                for (SaveSet s : all) s.disconnect();
            }), "final save");
        } catch (RejectedExecutionException e) {
            // already stopped
        }
        thread.shutdownNow();
    }

    /** Start-up failed: release the sets' files without writing anything. */
    void shutdownWithoutSaving() {
        List<SaveSet> all = sets();
        thread.shutdownNow();
        for (SaveSet s : all) s.disconnect();
    }

    private static void run(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "autosave: " + e, e);
        }
    }

    private static <T> T await(Future<T> f, String what) {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warning("autosave: " + what + " did not finish: " + e);
        }
        return null;
    }
}
