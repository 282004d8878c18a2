package org.jioc.autosave;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldListener;
import org.jioc.db.LockSet;

/**
 * One save set (autosave's "list"): the PVs of a request file or of info tags, how it is triggered, and its save
 * file. Its methods run on the save thread only, except the listener, which just raises a flag.
 */
final class SaveSet {
    private static final Logger LOG = Logger.getLogger(SaveSet.class.getName());

    /** A PV of the set and, when this IOC has it, its address. */
    private record Channel(RequestEntry entry, FieldAddress address) { }

    final String requestName;
    final SaveMethod method;
    final int periodSeconds;
    final String triggerPv;
    final String macros;
    private final List<RequestEntry> entries;
    private final SaveFileStore store;
    private final List<Channel> channels = new ArrayList<>();
    private final FieldListener changeListener = (r, f, mask) -> {
        if ((mask & (FieldListener.DBE_VALUE | FieldListener.DBE_LOG | FieldListener.DBE_ALARM)) != 0) changed = true;
    };
    private final java.util.Set<String> warnedTruncated = new java.util.HashSet<>();
    private FieldAddress trigger;
    private FieldListener triggerListener;
    private volatile boolean changed = true;
    private String lastBody;
    private long nextAttemptMillis;
    private long nextForcedCheckMillis;
    private volatile String status = "not saved yet";
    private volatile LocalDateTime lastSave;
    private volatile int missing;
    private int failures;

    SaveSet(String requestName, SaveMethod method, int periodSeconds, String triggerPv, String macros,
            List<RequestEntry> entries, Path saveFile) {
        this.requestName = requestName;
        this.method = method;
        this.periodSeconds = periodSeconds;
        this.triggerPv = triggerPv;
        this.macros = macros == null ? "" : macros;
        this.entries = List.copyOf(entries);
        this.store = new SaveFileStore(saveFile);
    }

    /** The save file name for a request file: its base name with the extension (".req") replaced by ".sav". */
    static String saveFileName(String requestFile) {
        String base = Path.of(requestFile).getFileName().toString();
        int dot = base.lastIndexOf('.');
        return (dot > 0 ? base.substring(0, dot) : base) + ".sav";
    }

    Path saveFile() { return store.path(); }

    int size() { return entries.size(); }

    int missing() { return missing; }

    String status() { return status; }

    LocalDateTime lastSave() { return lastSave; }

    /**
     * Find the PVs in the database, take the save file's lock and subscribe. PVs this IOC does not have are kept
     * (written as "#PV Not Connected" lines, as autosave does for PVs it cannot reach) and reported through warn.
     */
    void connect(Database db, Consumer<String> warn, Runnable onTrigger) throws IOException, AutosaveFileException {
        if (method == SaveMethod.TRIGGERED) {
            trigger = db.resolve(triggerPv);
            if (trigger == null) {
                throw new AutosaveFileException(requestName + ": trigger PV '" + triggerPv + "' is not in this IOC");
            }
        }
        store.lock();
        int n = 0;
        for (RequestEntry e : entries) {
            FieldAddress a = db.resolve(e.pvName());
            if (a == null) {
                n++;
                warn.accept(e.where() + ": autosave: no PV '" + e.pvName() + "' in this IOC; "
                        + store.path().getFileName() + " records it as not connected");
            }
            channels.add(new Channel(e, a));
        }
        missing = n;
        if (method == SaveMethod.MONITOR) {
            for (Channel c : channels) if (c.address() != null) c.address().subscribe(changeListener);
        }
        if (trigger != null) {
            triggerListener = (r, f, mask) -> {
                if ((mask & FieldListener.DBE_VALUE) != 0) onTrigger.run();
            };
            trigger.subscribe(triggerListener);
        }
    }

    void disconnect() {
        for (Channel c : channels) if (c.address() != null) c.address().unsubscribe(changeListener);
        if (trigger != null && triggerListener != null) trigger.unsubscribe(triggerListener);
        store.close();
    }

    /** A periodic tick (monitor and periodic sets). */
    void tick(AutosaveConfig config, long nowMillis) {
        if (nowMillis < nextAttemptMillis) return;
        if (method == SaveMethod.MONITOR) {
            boolean forced = config.callbackTimeoutSeconds >= 0 && nowMillis >= nextForcedCheckMillis;
            if (!changed && !forced) return;
            if (forced) nextForcedCheckMillis = nowMillis + config.callbackTimeoutSeconds * 1000L;
            changed = false;
            String body = body();
            if (!body.equals(lastBody)) write(body, config, nowMillis);
        } else {
            write(body(), config, nowMillis);
        }
    }

    /** Write now (trigger, manual_save). */
    boolean saveNow(AutosaveConfig config) {
        changed = false;
        return write(body(), config, System.currentTimeMillis());
    }

    /** At IOC stop: write what changed since the last write, so a clean shutdown loses nothing. */
    void finalSave(AutosaveConfig config) {
        if (method == SaveMethod.MANUAL) return;
        String body = body();
        if (!body.equals(lastBody)) write(body, config, System.currentTimeMillis());
    }

    /** The file after its header: every PV read under its record's lock. */
    private String body() {
        List<SaveFileFormat.Line> lines = new ArrayList<>(channels.size());
        for (Channel c : channels) {
            SavedValue v = null;
            FieldAddress a = c.address();
            if (a != null) {
                try (LockSet.Guard g = a.lock()) {
                    v = FieldValues.read(a);
                    if (FieldValues.truncated(a) && warnedTruncated.add(c.entry().pvName())) {
                        LOG.warning(c.entry().where() + ": autosave: " + c.entry().pvName() + " has "
                                + a.record.getString(a.field).length() + " characters; only the first "
                                + FieldValues.DBR_STRING_CHARS + " are saved without '$' (write "
                                + c.entry().pvName() + "$ to save all of it)");
                    }
                }
            }
            lines.add(new SaveFileFormat.Line(c.entry().pvName(), v));
        }
        return SaveFileFormat.body(lines);
    }

    private boolean write(String body, AutosaveConfig config, long nowMillis) {
        if (missing > 0 && !config.incompleteSetsOk) {
            status = "not saved: " + missing + " PV(s) not in this IOC and save_restoreSet_IncompleteSetsOk is 0";
            return false;
        }
        LocalDateTime now = LocalDateTime.now();
        try {
            store.write(SaveFileFormat.header(now) + body, config.permissions);
            store.maybeWriteSequence(config.numSeqFiles, config.seqPeriodSeconds, nowMillis);
        } catch (IOException | RuntimeException e) {
            changed = true;
            nextAttemptMillis = nowMillis + config.retrySeconds * 1000L;
            status = "write failed: " + e.getMessage();
            if (failures++ == 0) {
                LOG.warning("autosave: cannot write " + store.path() + ": " + e.getMessage() + " (retrying every "
                        + config.retrySeconds + " s; the previous file is unchanged)");
            }
            return false;
        }
        if (failures > 0) LOG.info("autosave: " + store.path() + " written again after " + failures + " failure(s)");
        failures = 0;
        lastBody = body;
        lastSave = now;
        status = missing > 0 ? "Ok (" + missing + " PV(s) not connected)" : "Ok";
        if (config.debug > 0) LOG.info("autosave: wrote " + store.path() + " (" + entries.size() + " PVs)");
        return true;
    }

    /** save_restoreShow's verbose list: every PV with its current saved form. */
    List<String> describePvs() {
        List<String> out = new ArrayList<>();
        for (Channel c : channels) {
            FieldAddress a = c.address();
            String v;
            if (a == null) {
                v = "(not in this IOC)";
            } else {
                try (LockSet.Guard g = a.lock()) {
                    SavedValue sv = FieldValues.read(a);
                    v = sv instanceof SavedValue.Scalar s ? s.text()
                            : ((SavedValue.Array) sv).elements().size() + " elements";
                }
            }
            out.add(c.entry().pvName() + " = " + v + "    (" + c.entry().where() + ")");
        }
        return out;
    }
}
