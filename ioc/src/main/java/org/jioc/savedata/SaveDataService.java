package org.jioc.savedata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.jioc.Ioc;
import org.jioc.IocService;
import org.jioc.catalog.RunCatalog;
import org.jioc.catalog.RunCatalogService;
import org.jioc.db.Database;
import org.jioc.db.Record;
import org.jioc.load.RecordDecl;
import org.jioc.record.SscanRecord;

/**
 * saveData for the sscan records: every set of db-templates/saveData.template (found by info(saveData, "scan
 * records") on its $(P)saveData_status record, as synApps' saveData.req lists [scanRecord]) watches its scan
 * records, sets AAWAIT on each so a scan waits for its data to be secured, and writes NeXus + SPEC files and a run
 * catalog entry for every run of an outermost scan (docs/sscan.md, "Data files (saveData)").
 *
 * <p>Threads: the records' listeners only hand events to the "saveData" thread, which reads the records under
 * their locks and writes files; no record lock is held while writing.
 */
public final class SaveDataService implements IocService {
    static final String INFO_TAG = "saveData";
    private static final Logger LOG = Logger.getLogger(SaveDataService.class.getName());

    private final Ioc ioc;
    private final List<SaveDataSet> sets = new ArrayList<>();
    private volatile ExecutorService executor;

    public SaveDataService(Ioc ioc) { this.ioc = ioc; }

    @Override
    public String name() { return "saveData"; }

    @Override
    public void beforeInit(Database db, Map<String, String> env) {
        List<String> errors = new ArrayList<>();
        for (Record r : db.records()) {
            String scans = r.info(INFO_TAG);
            if (scans == null) continue;
            try {
                if (!r.name().endsWith("saveData_status"))
                    throw new IllegalArgumentException("info(" + INFO_TAG + ") belongs on $(P)saveData_status");
                String prefix = r.name().substring(0, r.name().length() - "saveData_status".length());
                List<SscanRecord> records = new ArrayList<>();
                for (String s : scans.trim().split("[\\s,]+")) {
                    if (s.isEmpty()) continue;
                    Record sr = db.record(s);
                    if (sr == null) throw new IllegalArgumentException("scan record " + s + " does not exist");
                    if (!(sr instanceof SscanRecord ss))
                        throw new IllegalArgumentException(s + " is a " + sr.type().name() + " record, not sscan");
                    records.add(ss);
                }
                if (records.isEmpty()) throw new IllegalArgumentException("info(" + INFO_TAG + ") names no scan record");
                sets.add(new SaveDataSet(db, new SaveDataPvs(db, prefix), records, this::catalog));
            } catch (IllegalArgumentException e) {
                RecordDecl d = ioc.model() == null ? null : ioc.model().record(r.name());
                errors.add((d == null ? "" : d.where() + ": ") + r.name() + ": " + e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            sets.clear();
            throw new IllegalArgumentException(String.join("\n", errors));
        }
    }

    private RunCatalog catalog() {
        try {
            RunCatalogService c = ioc.service(RunCatalogService.class);
            return c == null ? null : c.runs();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    public void start(Database db, Map<String, String> env) {
        if (sets.isEmpty()) return;
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "saveData");
            t.setDaemon(true);
            return t;
        });
        for (SaveDataSet s : sets) s.attach(executor);
        LOG.fine(() -> "saveData: " + sets.size() + " set(s) bound");
    }

    @Override
    public void stop() {
        for (SaveDataSet s : sets) s.detach();
        ExecutorService e = executor;
        if (e != null) {
            e.shutdown();
            try {
                e.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
