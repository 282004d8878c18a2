package org.jioc.catalog;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The runs of the catalog, for the plans: open a run with its start document (uid and scan_id filled in when the
 * plan left them out), add the files it writes, close it with a bluesky RunStop exit status.
 *
 * <p>When the database cannot be reached, runs are still opened: scan_id continues from the last one known (the
 * database's or the local file's), and every write waits, in order, in a backlog that is written as soon as the
 * database is back ({@link #flushBacklog}). A backlog is lost if the IOC stops before that (it says so in the log).
 */
public final class RunCatalog {
    private static final Logger LOG = Logger.getLogger(RunCatalog.class.getName());

    private final CatalogDatabase db;
    private final ScanIdFile scanIdFile;
    private final Deque<Deferred> backlog = new ArrayDeque<>(); // guarded by itself
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastScanId;
    private volatile String lastUid = "";

    private record Deferred(String what, SqlWork<Void> work) { }

    /** stateDir holds the local copy of the last scan_id (null: none, e.g. in tests of the database alone). */
    public RunCatalog(CatalogDatabase db, java.nio.file.Path stateDir) {
        this.db = db;
        this.scanIdFile = stateDir == null ? null : new ScanIdFile(stateDir.resolve("last_scan_id"));
        if (scanIdFile != null) lastScanId = scanIdFile.read();
    }

    /** Called after every change of lastScanId/lastUid (for the PVs). */
    public void addListener(Runnable r) { listeners.add(r); }

    public long lastScanId() { return lastScanId; }

    public String lastUid() { return lastUid; }

    /** Read the database's scan_id counter (after connecting). */
    void refreshLastScanId() throws CatalogException {
        long fromDb = db.transaction((c, d) -> RunStore.lastScanId(c));
        noteScanId(fromDb);
    }

    /**
     * Open a run: start gets "uid" (a random UUID) and "scan_id" (previous + 1, allocated atomically in the
     * database) unless it has them, and "time" (now, epoch seconds) unless it has it; then it is recorded with
     * exit_status "running".
     */
    public RunHandle openRun(ObjectNode startDoc) throws CatalogException {
        ObjectNode start = startDoc.deepCopy();
        if (!start.hasNonNull("uid")) start.put("uid", UUID.randomUUID().toString());
        if (!start.hasNonNull("time")) start.put("time", System.currentTimeMillis() / 1000.0);
        if (start.has("scan_id") && !start.get("scan_id").canConvertToLong())
            throw new CatalogException("start document: scan_id must be an integer, not " + start.get("scan_id"));
        boolean given = start.hasNonNull("scan_id");
        boolean deferred = false;
        if (backlogEmpty()) {
            try {
                long id = db.transaction((c, d) -> {
                    long sid = given ? start.get("scan_id").asLong() : RunStore.allocateScanId(c);
                    if (given) RunStore.raiseScanId(c, sid);
                    start.put("scan_id", sid);
                    RunStore.insertRun(c, start);
                    return sid;
                });
                noteRun(id, start);
                return new RunHandle(start.get("uid").asText(), id, start, false);
            } catch (CatalogException e) {
                if (!e.connectionLost()) throw e;
                LOG.warning("catalog: " + e.getMessage() + "; run kept until the database is back");
            }
        }
        long sid;
        synchronized (this) {
            sid = given ? start.get("scan_id").asLong() : Math.max(lastScanId, localScanId()) + 1;
            start.put("scan_id", sid);
            noteRun(sid, start);
        }
        defer("open run " + sid, (c, d) -> {
            RunStore.raiseScanId(c, sid);
            RunStore.insertRun(c, start);
            return null;
        });
        deferred = true;
        return new RunHandle(start.get("uid").asText(), sid, start, deferred);
    }

    /** Record a file the run wrote (NeXus, SPEC) or refers to (area-detector frames). */
    public void addFile(String uid, RunFile file) throws CatalogException {
        write("add file " + file.path() + " to run " + uid, (c, d) -> {
            RunStore.addFile(c, uid, file);
            return null;
        });
    }

    /**
     * Close the run as bluesky's RunStop does: exit status success, abort or fail, the reason ("" for success)
     * and the number of events per stream (e.g. {"primary": 11}).
     */
    public void closeRun(String uid, ExitStatus status, String reason, Map<String, Long> numEvents)
            throws CatalogException {
        if (status == ExitStatus.RUNNING) throw new CatalogException("a run is closed with success, abort or fail");
        ObjectNode stop = RunStore.JSON.createObjectNode();
        stop.put("uid", UUID.randomUUID().toString());
        stop.put("time", System.currentTimeMillis() / 1000.0);
        stop.put("run_start", uid);
        stop.put("exit_status", status.sql());
        stop.put("reason", reason == null ? "" : reason);
        ObjectNode events = stop.putObject("num_events");
        if (numEvents != null) numEvents.forEach(events::put);
        write("close run " + uid, (c, d) -> {
            RunStore.closeRun(c, uid, stop);
            return null;
        });
    }

    public Optional<RunEntry> run(String uid) throws CatalogException {
        return db.transaction((c, d) -> RunStore.select(c, "uid = ?", uid, 1)).stream().findFirst();
    }

    /** The run with this scan_id (the newest, if two IOCs gave the same id while one was disconnected). */
    public Optional<RunEntry> runByScanId(long scanId) throws CatalogException {
        return db.transaction((c, d) -> RunStore.select(c, "scan_id = ?", scanId, 1)).stream().findFirst();
    }

    /** The newest runs first. */
    public List<RunEntry> recentRuns(int limit) throws CatalogException {
        return db.transaction((c, d) -> RunStore.select(c, null, null, limit));
    }

    public int backlogSize() {
        synchronized (backlog) {
            return backlog.size();
        }
    }

    private boolean backlogEmpty() { return backlogSize() == 0; }

    /** Write every waiting operation in order; stops (true = more remain) at the first that cannot reach the db. */
    public boolean flushBacklog() {
        while (true) {
            Deferred next;
            synchronized (backlog) {
                next = backlog.peekFirst();
            }
            if (next == null) return false;
            try {
                db.transaction(next.work());
                LOG.info("catalog: wrote the deferred '" + next.what() + "'");
            } catch (CatalogException e) {
                if (e.connectionLost()) return true;
                LOG.warning("catalog: dropped the deferred '" + next.what() + "': " + e.getMessage());
            }
            synchronized (backlog) {
                backlog.pollFirst();
            }
        }
    }

    private void write(String what, SqlWork<Void> work) throws CatalogException {
        if (backlogEmpty()) {
            try {
                db.transaction(work);
                return;
            } catch (CatalogException e) {
                if (!e.connectionLost()) throw e;
                LOG.warning("catalog: " + e.getMessage() + "; '" + what + "' kept until the database is back");
            }
        }
        defer(what, work);
    }

    private void defer(String what, SqlWork<Void> work) {
        synchronized (backlog) {
            backlog.addLast(new Deferred(what, work));
        }
    }

    private long localScanId() { return scanIdFile == null ? 0 : scanIdFile.read(); }

    private void noteScanId(long sid) {
        synchronized (this) {
            if (sid > lastScanId) lastScanId = sid;
        }
        if (scanIdFile != null) scanIdFile.raise(sid);
    }

    private void noteRun(long sid, JsonNode start) {
        noteScanId(sid);
        lastScanId = sid;
        lastUid = start.get("uid").asText();
        for (Runnable r : listeners) r.run();
    }
}
