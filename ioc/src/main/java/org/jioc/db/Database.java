package org.jioc.db;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The record database of one IOC: records and aliases, iocInit, lock sets, processing entry points, puts with and
 * without completion (dbPutField / dbProcessNotify), and the scan scheduler. Knows no protocol.
 */
public final class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    /** How a field gets its new value inside a put (conversion from whatever the client sent). */
    @FunctionalInterface
    public interface Store {
        void store(Record r) throws DbException;
    }

    /** Code run at defined points of iocInit (autosave restore uses pass 0 / pass 1). */
    public interface InitHook {
        /**
         * Pass 0 runs first thing in iocInit, while fields hold what was loaded and links are still text (base's
         * initHookAfterInitDevSup: a link or DTYP stored here takes effect). Pass 1 runs after every record's
         * init_record pass 0, before pass 1.
         */
        default void beforeRecordInit(Database db, int pass) { }
        /**
         * After every record's init_record pass 1, before CP links subscribe, scanning starts and PINI records
         * process (base's initHookAfterInitDatabase).
         */
        default void afterRecordInit(Database db) { }
        default void afterInit(Database db) { }
    }

    private final Map<String, RecordType> types;
    private final DeviceRegistry devices;
    private final Map<String, Record> records = new LinkedHashMap<>();
    private final Map<String, Record> aliases = new HashMap<>();
    private final Map<Record, List<String>> aliasesOf = new IdentityHashMap<>();
    private final ScanScheduler scheduler = new ScanScheduler(this);
    private final List<InitHook> initHooks = new ArrayList<>();
    private final Map<Record, ArrayDeque<Runnable>> heldNotifies = new IdentityHashMap<>();
    private final ExecutorService notifyThread = Executors.newSingleThreadExecutor(ScanScheduler.daemon("putNotify"));
    private RemoteLinks remoteLinks;
    private List<LockSet> lockSets = List.of();
    private volatile boolean running;
    private volatile Consumer<String> traceSink = System.out::println;
    private volatile Consumer<Record> asgChanged;

    public Database(Map<String, RecordType> types, DeviceRegistry devices) {
        this.types = types;
        this.devices = devices;
    }

    public DeviceRegistry devices() { return devices; }

    public ScanScheduler scheduler() { return scheduler; }

    public Map<String, RecordType> recordTypes() { return Collections.unmodifiableMap(types); }

    public void setRemoteLinks(RemoteLinks remote) { this.remoteLinks = remote; }

    /** The provider of links to PVs outside this IOC, or null. */
    public RemoteLinks remoteLinks() { return remoteLinks; }

    public void addInitHook(InitHook h) { initHooks.add(h); }

    public void setTraceSink(Consumer<String> sink) { this.traceSink = sink; }

    /**
     * Told (with the lock set held) after a put changed a record's ASG field: access security moves the record to
     * its new group (base's SPC_AS special, dbSpcAsRegisterCallback). One listener; null removes it.
     */
    public void setAsgChangeListener(Consumer<Record> listener) { this.asgChanged = listener; }

    public boolean isRunning() { return running; }

    // ------------------------------------------------------------------------------------------------------------
    // Building

    /** Create a record (before iocInit). */
    public Record create(String typeName, String name) throws DbException {
        if (running) throw new DbException(DbException.Kind.FAILED, "records cannot be added after iocInit");
        RecordType t = types.get(typeName);
        if (t == null) throw new DbException(DbException.Kind.BAD_TYPE, "record type '" + typeName + "' not found");
        if (records.containsKey(name) || aliases.containsKey(name))
            throw new DbException(DbException.Kind.FAILED, "record '" + name + "' already exists");
        Record r = t.newRecord(name);
        r.db = this;
        records.put(name, r);
        return r;
    }

    public void addAlias(String alias, String recordName) throws DbException {
        Record r = record(recordName);
        if (r == null) throw new DbException(DbException.Kind.NO_RECORD, "alias target '" + recordName + "' not found");
        if (records.containsKey(alias) || aliases.containsKey(alias))
            throw new DbException(DbException.Kind.FAILED, "alias '" + alias + "' already exists");
        aliases.put(alias, r);
        aliasesOf.computeIfAbsent(r, k -> new ArrayList<>()).add(alias);
    }

    /** A record by name or alias, or null. */
    public Record record(String name) {
        Record r = records.get(name);
        return r != null ? r : aliases.get(name);
    }

    public Collection<Record> records() { return Collections.unmodifiableCollection(records.values()); }

    public List<String> aliasesOf(Record r) { return aliasesOf.getOrDefault(r, List.of()); }

    public Map<String, Record> aliases() { return Collections.unmodifiableMap(aliases); }

    /**
     * Resolve a channel name: "REC" (VAL), "REC.FIELD", "REC.FIELD$" (string or link field as a CHAR array).
     * Returns null if there is no such record or field.
     */
    public FieldAddress resolve(String channel) {
        String recName = channel;
        String fieldName = null;
        int dot = channel.lastIndexOf('.');
        if (dot > 0) {
            recName = channel.substring(0, dot);
            fieldName = channel.substring(dot + 1);
        }
        Record r = record(recName);
        if (r == null) {
            // a record name containing a dot
            r = record(channel);
            if (r == null) return null;
            fieldName = null;
        }
        boolean dollar = false;
        if (fieldName == null || fieldName.isEmpty()) fieldName = "VAL";
        if (fieldName.endsWith("$")) {
            dollar = true;
            fieldName = fieldName.substring(0, fieldName.length() - 1);
        }
        FieldDef f = r.type().field(fieldName);
        if (f == null) return null;
        if (f.type == DbfType.NOACCESS) return null;
        if (dollar && !(f.type == DbfType.STRING || f.type.isLink())) dollar = false; // base ignores '$' elsewhere
        return new FieldAddress(r, f, dollar);
    }

    // ------------------------------------------------------------------------------------------------------------
    // iocInit

    /**
     * iocInit: resolve links, build lock sets, init records (pass 0 and 1), start scanning, process PINI records.
     * Every problem is collected; if there are any, nothing starts and one exception lists them all.
     */
    public void init() throws DbException {
        List<String> errors = new ArrayList<>();
        for (InitHook h : initHooks) h.beforeRecordInit(this, 0);
        for (Record r : records.values()) {
            for (FieldDef f : r.type().fields()) {
                if (!f.type.isLink()) continue;
                Object v = r.o[f.slot];
                String text = v instanceof Link ? ((Link) v).text() : "";
                try {
                    r.o[f.slot] = resolveLink(r, f, text);
                } catch (DbException e) {
                    errors.add(r.name() + "." + f.name + ": " + e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) throw new DbException(DbException.Kind.FAILED, String.join("\n", errors));
        lockSets = LockSet.build(records.values());
        for (Record r : records.values()) {
            if (r.type().field("DTYP") != null) {
                r.dset = devices.create(r.type().name(), (int) r.l[Record.DTYP]);
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            if (pass == 1) for (InitHook h : initHooks) h.beforeRecordInit(this, 1);
            for (Record r : records.values()) {
                try (LockSet.Guard g = LockSet.lock(r)) {
                    if (r.dset != null) r.dset.init(r, pass);
                    r.initRecord(pass);
                } catch (DbException | RuntimeException e) {
                    errors.add(r.name() + ": init_record: " + e.getMessage());
                }
            }
        }
        if (!errors.isEmpty()) throw new DbException(DbException.Kind.FAILED, String.join("\n", errors));
        for (InitHook h : initHooks) h.afterRecordInit(this);
        List<DbLink> dbLinks = new ArrayList<>();
        for (Record r : records.values()) {
            for (FieldDef f : r.type().fields()) {
                if (f.type.isLink() && r.o[f.slot] instanceof DbLink) dbLinks.add((DbLink) r.o[f.slot]);
            }
        }
        for (DbLink link : dbLinks) link.subscribeIfCp();
        running = true;
        scheduler.start();
        for (Record r : records.values()) scheduler.add(r);
        List<Record> pini = new ArrayList<>();
        for (Record r : records.values()) {
            long p = r.l[Record.PINI];
            if (p == 1 || p == 2) pini.add(r);
        }
        pini.sort(Comparator.comparingLong(r -> r.l[Record.PHAS]));
        for (Record r : pini) processLocked(r);
        for (DbLink link : dbLinks) link.initialUpdate();
        for (InitHook h : initHooks) h.afterInit(this);
    }

    /** Stop scanning and drop remote links. */
    public void shutdown() {
        running = false;
        scheduler.stop();
        for (Record r : records.values()) {
            for (FieldDef f : r.type().fields()) {
                if (f.type.isLink() && r.o[f.slot] instanceof Link) ((Link) r.o[f.slot]).close();
            }
        }
        if (remoteLinks != null) remoteLinks.close();
        notifyThread.shutdownNow();
    }

    public List<LockSet> lockSets() { return lockSets; }

    /** Parse link text into a link for field f of owner. */
    Link resolveLink(Record owner, FieldDef f, String text) throws DbException {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty()) return Link.EMPTY;
        if (t.startsWith("@") || t.startsWith("#")) return new HardwareLink(t);
        if (isConstant(t)) {
            if (f.type == DbfType.FWDLINK) throw new DbException(DbException.Kind.BAD_VALUE,
                    "a forward link cannot be the constant '" + t + "'");
            return new ConstantLink(t);
        }
        LinkOptions opts = LinkOptions.parse(t);
        if (f.type == DbfType.FWDLINK && opts.ms != LinkOptions.Ms.NMS)
            throw new DbException(DbException.Kind.BAD_VALUE, "forward link '" + t + "' cannot have MS options");
        Record target = opts.forceCa ? null : record(opts.recordName());
        if (target == null) {
            Record whole = opts.forceCa ? null : record(opts.target);
            if (whole != null) return new DbLink(t, owner, whole, whole.type().field("VAL"), opts);
            if (remoteLinks == null) throw new DbException(DbException.Kind.NO_RECORD,
                    "link target '" + opts.recordName() + "' is not in this IOC and CA links are not available");
            return remoteLinks.create(owner, f, opts.target, opts);
        }
        String fname = opts.fieldName();
        if (fname.endsWith("$")) fname = fname.substring(0, fname.length() - 1);
        if (fname.equals("TIME") && f.name.equals("TSEL")) return new DbLink(t, owner, target, null, opts);
        FieldDef tf = target.type().field(fname);
        if (tf == null || tf.type == DbfType.NOACCESS) throw new DbException(DbException.Kind.BAD_FIELD,
                "link target '" + opts.target + "': record type " + target.type().name() + " has no field " + fname);
        return new DbLink(t, owner, target, tf, opts);
    }

    private static boolean isConstant(String t) {
        if (t.startsWith("[") || t.startsWith("{") || t.startsWith("\"")) return true;
        return !Double.isNaN(Record.parseNumber(t)) || t.equalsIgnoreCase("nan");
    }

    /** A link field written at run time: resolve, merge lock sets if a new DB link crosses them, swap. */
    void relink(Record r, FieldDef f, String text) throws DbException {
        Link nl = resolveLink(r, f, text);
        Record t = nl.lockTarget();
        if (t != null && t.lockSet != r.lockSet) {
            if (!LockSet.merge(r.lockSet, t.lockSet))
                throw new DbException(DbException.Kind.FAILED, "could not lock " + t.name() + " to relink");
        }
        Object old = r.o[f.slot];
        if (old instanceof Link) ((Link) old).close();
        r.o[f.slot] = nl;
        if (nl instanceof DbLink) ((DbLink) nl).subscribeIfCp();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Processing

    /** Lock the record's set; use in try-with-resources. */
    public LockSet.Guard lock(Record r) { return LockSet.lock(r); }

    /** Lock and dbProcess (scan threads, scanOnce, PINI, shell). */
    public void processLocked(Record r) {
        try (LockSet.Guard g = LockSet.lock(r)) {
            r.dbProcess();
        }
    }

    /** Lock and call the record's process routine directly to finish an async operation. */
    void completeLocked(Record r) {
        try (LockSet.Guard g = LockSet.lock(r)) {
            r.process();
            if (r.heldCount > 0 && r.l[Record.PACT] == 0 && r.ppn == null) kickHeld(r);
        }
    }

    /** callbackRequestProcessCallback. */
    void processCallback(Record r) { scheduler.queueAsyncCompletion(r); }

    /** scanOnce: process later on the scanOnce thread. */
    public void scanOnce(Record r) { scheduler.queueOnce(r); }

    /** dbScanPassive: process a passive target on behalf of from (joining from's put-notify). */
    void scanPassive(Record from, Record to) { scanPassive(from, to, false); }

    void scanPassive(Record from, Record to, boolean evenIfNotPassive) {
        if (!evenIfNotPassive && to.l[Record.SCAN] != Menus.SCAN_PASSIVE) return;
        if (from != null && from.ppn != null) from.ppn.add(to);
        to.dbProcess();
    }

    /** post_event. */
    public int postEvent(String name) { return scheduler.postEvent(name); }

    void trace(Record r, String what) {
        traceSink.accept(Thread.currentThread().getName() + ": " + what + " of '" + r.name() + "'");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Puts

    /** dbPut: checks, special hooks, store, UDF, events. The lock set must be held. */
    void put(Record r, FieldDef f, Store store) throws DbException {
        if (f.isReadOnly()) throw new DbException(DbException.Kind.READ_ONLY,
                r.name() + "." + f.name + " is read-only");
        if (f.isSpecial()) {
            if (running && isScanField(f)) scheduler.remove(r);
            r.special(f, false);
        }
        try {
            store.store(r);
        } finally {
            if (f.isSpecial()) {
                if (running && isScanField(f)) scheduler.add(r);
            }
        }
        if (f.isSpecial()) {
            r.special(f, true);
            Consumer<Record> as = asgChanged;
            if (as != null && f.slot == Record.ASG && f.name.equals("ASG")) as.accept(r);
        }
        if (f.isValueField()) r.l[Record.UDF] = 0;
        if (!(f.isValueField() && f.isPP())) r.post(f, FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
        if (f.isProperty()) r.postProperty();
    }

    private static boolean isScanField(FieldDef f) {
        switch (f.name) {
            case "SCAN": case "PHAS": case "EVNT": case "PRIO": return true;
            default: return false;
        }
    }

    /**
     * dbPut without processing: special hooks, store, UDF for the value field, events. For code that must keep a
     * record's derived fields consistent without processing it (autosave's restore after init_record). The lock
     * set must be held, or iocInit must be running on this thread.
     */
    public void putNoProcess(FieldAddress a, Store store) throws DbException {
        put(a.record, a.field, store);
    }

    /** dbPut for links: false (and a log line) on failure. */
    boolean dbPut(Record r, FieldDef f, Store store) {
        try {
            put(r, f, store);
            return true;
        } catch (DbException e) {
            LOG.fine(() -> "link put failed: " + e.getMessage());
            return false;
        }
    }

    /** dbPutField: put and, for PROC or a pp field of a passive record, process (or ask for reprocessing). */
    public void putField(FieldAddress a, Store store) throws DbException {
        Record r = a.record;
        try (LockSet.Guard g = LockSet.lock(r)) {
            if (putFieldLocked(a, store)) r.dbProcess();
        }
    }

    /** The put part of dbPutField; true when the caller must now process the record (PUTF is already set). */
    private boolean putFieldLocked(FieldAddress a, Store store) throws DbException {
        Record r = a.record;
        FieldDef f = a.field;
        if (r.l[Record.DISP] != 0 && !f.name.equals("DISP"))
            throw new DbException(DbException.Kind.DISABLED, r.name() + " has puts disabled (DISP=1)");
        put(r, f, store);
        if (Record.isProc(f)
                || (f.isPP() && r.l[Record.SCAN] == Menus.SCAN_PASSIVE)) {
            if (r.l[Record.PACT] != 0) {
                r.l[Record.RPRO] = 1;
            } else {
                r.l[Record.PUTF] = 1;
                return true;
            }
        }
        return false;
    }

    /**
     * Put with completion (ca_put_callback): done is called (with null or the error) only when every record the put
     * processed has finished, async ones included. A put aimed at a record that is still serving an earlier
     * put-callback, or that is active, is held and started when that one finishes.
     */
    public void putFieldNotify(FieldAddress a, Store store, Consumer<DbException> done) {
        Record r = a.record;
        PutNotify pn = new PutNotify(this, r, done);
        try (LockSet.Guard g = LockSet.lock(r)) {
            if (r.ppn != null || r.l[Record.PACT] != 0 || heldFor(r)) {
                hold(r, () -> startNotify(a, store, pn));
                return;
            }
            startNotifyLocked(a, store, pn);
        }
    }

    private void startNotify(FieldAddress a, Store store, PutNotify pn) {
        Record r = a.record;
        try (LockSet.Guard g = LockSet.lock(r)) {
            if (r.ppn != null || r.l[Record.PACT] != 0) {
                holdFirst(r, () -> startNotify(a, store, pn));
                return;
            }
            startNotifyLocked(a, store, pn);
        }
    }

    private void startNotifyLocked(FieldAddress a, Store store, PutNotify pn) {
        Record r = a.record;
        boolean process;
        try {
            process = putFieldLocked(a, store);
        } catch (DbException e) {
            pn.fail(e);
            return;
        }
        if (process) {
            pn.add(r);
            r.dbProcess();
        }
        pn.started();
    }

    private synchronized boolean heldFor(Record r) {
        ArrayDeque<Runnable> q = heldNotifies.get(r);
        return q != null && !q.isEmpty();
    }

    private synchronized void hold(Record r, Runnable start) {
        heldNotifies.computeIfAbsent(r, k -> new ArrayDeque<>()).addLast(start);
        r.heldCount++;
    }

    private synchronized void holdFirst(Record r, Runnable start) {
        heldNotifies.computeIfAbsent(r, k -> new ArrayDeque<>()).addFirst(start);
        r.heldCount++;
    }

    private synchronized Runnable nextHeld(Record r) {
        ArrayDeque<Runnable> q = heldNotifies.get(r);
        if (q == null) return null;
        Runnable next = q.pollFirst();
        if (next != null) r.heldCount--;
        if (q.isEmpty()) heldNotifies.remove(r);
        return next;
    }

    /** A put-notify finished: answer the client off the lock, then start what was held for its record. */
    void notifyCompleted(PutNotify pn, Runnable callback) {
        notifyThread.execute(() -> {
            try {
                callback.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "put callback failed", e);
            }
        });
        kickHeld(pn.head);
    }

    /** Start the next held put for r when it becomes idle (also called when an active record finishes). */
    void kickHeld(Record r) {
        if (!heldFor(r)) return;
        notifyThread.execute(() -> {
            Runnable next = nextHeld(r);
            if (next != null) scheduler.queueTask(next);
        });
    }
}
