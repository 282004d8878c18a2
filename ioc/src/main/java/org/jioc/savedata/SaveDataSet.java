package org.jioc.savedata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.catalog.CatalogException;
import org.jioc.catalog.RunCatalog;
import org.jioc.catalog.RunFile;
import org.jioc.catalog.RunHandle;
import org.jioc.datafile.DataFileException;
import org.jioc.datafile.ExitStatus;
import org.jioc.datafile.FileNameTemplate;
import org.jioc.datafile.NexusWriter;
import org.jioc.datafile.RunFiles;
import org.jioc.datafile.RunStop;
import org.jioc.datafile.ScanRun;
import org.jioc.datafile.SpecFileWriter;
import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldListener;
import org.jioc.plan.DataFileWriter;
import org.jioc.record.SscanRecord;

/**
 * One saveData set: its PVs and the scan records it watches. A scan that starts while a watched, running scan's
 * TnPV names its EXSC is an inner level of that scan's run; any other start begins a run. Each DATA=1 secures that
 * pass's arrays and releases the record (AWAIT=0); the outermost scan's DATA=1 writes the files and the catalog
 * entry first. A file error goes to saveData_status/message and the log; the scan goes on with its data in the
 * record. All methods but attach/detach run on the saveData thread.
 */
final class SaveDataSet {
    private static final Logger LOG = Logger.getLogger(SaveDataSet.class.getName());

    private final Database db;
    final SaveDataPvs pvs;
    private final List<SscanRecord> scans;
    private final Supplier<RunCatalog> catalog;
    /** The run each scan belongs to while it runs. */
    private final Map<SscanRecord, ChainRun> runs = new HashMap<>();
    private final List<Runnable> unsubscribe = new ArrayList<>();

    SaveDataSet(Database db, SaveDataPvs pvs, List<SscanRecord> scans, Supplier<RunCatalog> catalog) {
        this.db = db;
        this.pvs = pvs;
        this.scans = List.copyOf(scans);
        this.catalog = catalog;
    }

    void attach(Executor executor) {
        pvs.attach();
        for (SscanRecord s : scans) {
            FieldAddress aawait = db.resolve(s.name() + ".AAWAIT");
            try {
                db.putField(aawait, r -> r.storeLong(aawait.field, 1));
            } catch (DbException e) {
                LOG.warning("saveData: cannot set " + aawait + ": " + e.getMessage());
            }
            listen(s, "BUSY", executor, (v, t) -> busy(s, v != 0, t));
            listen(s, "DATA", executor, (v, t) -> {
                if (v != 0) data(s, t);
            });
        }
    }

    private interface Event { void on(long value, double time); }

    private void listen(SscanRecord s, String field, Executor executor, Event e) {
        FieldAddress a = db.resolve(s.name() + "." + field);
        FieldListener l = (rec, f, mask) -> {
            if ((mask & FieldListener.DBE_VALUE) == 0) return;
            long v = rec.getLong(f); // posted with the record's lock held
            double t = System.currentTimeMillis() / 1000.0;
            executor.execute(() -> {
                try {
                    e.on(v, t);
                } catch (RuntimeException x) {
                    LOG.log(java.util.logging.Level.WARNING, "saveData " + s.name() + "." + field + ": " + x, x);
                    if (field.equals("DATA")) release(s);
                }
            });
        };
        a.subscribe(l);
        unsubscribe.add(() -> a.unsubscribe(l));
    }

    void detach() {
        unsubscribe.forEach(Runnable::run);
        unsubscribe.clear();
    }

    private void busy(SscanRecord s, boolean started, double time) {
        if (!started) {
            ChainRun run = runs.get(s);
            if (run != null && run.root == s) {
                // ended without posting data (refused before it moved): no run, no files
                runs.values().removeIf(r -> r == run);
            }
            return;
        }
        for (SscanRecord outer : scans) {
            ChainRun run = runs.get(outer);
            if (outer == s || run == null || !busy(outer) || !triggers(outer, s)) continue;
            if (run.addInner(outer, s)) {
                runs.put(s, run);
                run.passStarted(run.level(s), time);
                return;
            }
        }
        runs.put(s, new ChainRun(s, time));
    }

    private boolean busy(SscanRecord r) {
        FieldAddress a = db.resolve(r.name() + ".BUSY");
        try (var g = a.lock()) {
            return r.getLong(a.field) != 0;
        }
    }

    /** Does one of outer's triggers (TnPV) name inner's EXSC? */
    private boolean triggers(SscanRecord outer, SscanRecord inner) {
        for (int n = 1; n <= 4; n++) {
            FieldAddress t = db.resolve(outer.name() + ".T" + n + "PV");
            String name;
            try (var g = t.lock()) {
                name = outer.getString(t.field).trim();
            }
            if (name.isEmpty()) continue;
            FieldAddress target = db.resolve(name);
            if (target != null && target.record == inner && target.field.name.equals("EXSC")) return true;
        }
        return false;
    }

    private void data(SscanRecord s, double time) {
        ChainRun run = runs.get(s);
        try {
            if (run == null) return; // started before saveData was watching
            int level = run.level(s);
            List<SscanRecord> levels = run.levels();
            int key = 0;
            for (int l = 0; l < level; l++) {
                SscanRecord o = levels.get(l);
                try (var g = db.lock(o)) {
                    int npts = (int) Math.max(1, o.getLong(o.type().field("NPTS")));
                    key = key * npts + (int) o.getLong(o.type().field("CPT"));
                }
            }
            run.passEnded(level, key, ScanPass.read(db, s, run.passStart(level), time));
            if (level == 0) {
                runs.values().removeIf(r -> r == run);
                write(run);
            }
        } finally {
            release(s);
        }
    }

    /** AWAIT=0: the record may go on (its data are secured). */
    private void release(SscanRecord s) {
        FieldAddress a = db.resolve(s.name() + ".AWAIT");
        try {
            db.putField(a, r -> r.storeLong(a.field, 0));
        } catch (DbException e) {
            LOG.warning("saveData: cannot release " + a + ": " + e.getMessage());
        }
    }

    /** The files and the catalog entry of a finished run. */
    private void write(ChainRun run) {
        ChainMapping m = new ChainMapping(run, db);
        ScanPass root = m.rootPass;
        ExitStatus status = root.aborted() ? ExitStatus.ABORT : root.alert() ? ExitStatus.FAIL : ExitStatus.SUCCESS;
        String reason = status == ExitStatus.SUCCESS ? "" : root.message();
        ObjectNode doc = m.startDocument();
        RunCatalog cat = catalog.get();
        RunHandle handle = null;
        if (cat != null) {
            try {
                handle = cat.openRun(doc);
                doc = handle.startDoc();
            } catch (CatalogException | RuntimeException e) {
                LOG.warning("saveData " + root.record() + ": run not recorded in the catalog: " + e.getMessage());
            }
        }
        if (handle == null) {
            doc.put("uid", UUID.randomUUID().toString());
            doc.put("scan_id", pvs.scanNumber());
        }
        String uid = doc.path("uid").asText();
        List<RunFile> files = new ArrayList<>();
        int points = m.recorded;
        try {
            files.addAll(writeFiles(m, doc, status, reason));
        } catch (DataFileException | IllegalArgumentException | IllegalStateException e) {
            boolean mount = e.getMessage() != null && e.getMessage().contains("directory");
            String msg = "scan " + doc.path("scan_id").asLong() + " not saved: " + e.getMessage();
            pvs.status(mount ? SaveDataPvs.MOUNT_ERR : SaveDataPvs.IO_ERR, msg);
            LOG.warning("saveData " + root.record() + ": " + msg);
            for (String p : new String[] {lastNexus, lastSpec})
                if (p != null && Files.exists(Path.of(p))) files.add(RunFile.of(p, p.equals(lastSpec) ? "spec" : "nexus"));
        }
        if (handle != null) {
            try {
                for (RunFile f : files) cat.addFile(uid, f);
                cat.closeRun(uid, org.jioc.catalog.ExitStatus.valueOf(status.name()), reason,
                        Map.of("primary", (long) points));
            } catch (CatalogException | RuntimeException e) {
                LOG.warning("saveData " + root.record() + ": catalog: " + e.getMessage());
            }
        }
    }

    private String lastNexus, lastSpec;

    private List<RunFile> writeFiles(ChainMapping m, ObjectNode doc, ExitStatus status, String reason) {
        lastNexus = lastSpec = null;
        DataFileWriter.check(pvs);
        ScanRun scan = m.scanRun(doc);
        FileNameTemplate names = pvs.nexusNames();
        Path spec = pvs.specFile();
        RunFiles files = new RunFiles(scan, names.claim(), new NexusWriter(), new SpecFileWriter(spec));
        lastNexus = files.nexusFile().toString();
        lastSpec = files.specFile().toString();
        pvs.claimed(files.nexusFile(), files.specFile(), names);
        files.finish(new RunStop(status, reason, scan.pointCount(), System.currentTimeMillis() / 1000.0));
        pvs.status(SaveDataPvs.ACTIVE, "scan " + doc.path("scan_id").asLong() + " (" + status.word() + ", "
                + scan.pointCount() + " points): " + files.nexusFile().getFileName() + ", "
                + files.specFile().getFileName());
        return DataFileWriter.entries(files);
    }
}
