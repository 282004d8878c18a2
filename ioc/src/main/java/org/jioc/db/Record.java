package org.jioc.db;

import java.util.Arrays;

/**
 * A record instance: the dbCommon fields and processing skeleton shared by every record type (dbProcess,
 * recGblSetSevr/ResetAlarms, recGblGetTimeStamp, recGblFwdLink, deadbands, event posting). Values live in three
 * storage arrays indexed by each field's slot, so record code reads {@code d[VAL]} with no boxing.
 *
 * <p>Threading: everything here runs with the record's lock set held (see {@link Database#lock(Record)}).
 */
public abstract class Record {
    // --- dbCommon slots. declareCommon() checks that the declaration order produces exactly these numbers. ---
    public static final int NAME = 0, DESC = 1, ASG = 2, EVNT = 3, TSEL = 4, SDIS = 5, AMSG = 6, NAMSG = 7,
            FLNK = 8, RTYP = 9;
    public static final int SCAN = 0, PINI = 1, PHAS = 2, TSE = 3, DTYP = 4, DISV = 5, DISA = 6, DISP = 7, PROC = 8,
            STAT = 9, SEVR = 10, NSTA = 11, NSEV = 12, ACKS = 13, ACKT = 14, DISS = 15, LCNT = 16, PACT = 17,
            PUTF = 18, RPRO = 19, PRIO = 20, TPRO = 21, UDF = 22, UDFS = 23, UTAG = 24;

    /** After this many attempts to process an active record, raise a SCAN alarm (dbAccess MAX_LOCK). */
    private static final int MAX_LOCK = 10;

    static void declareCommon(RecordType t) {
        expect(t.str("NAME", 61).readOnly().interest(0).slot(), NAME);
        expect(t.str("DESC", 41).interest(0).slot(), DESC);
        expect(t.str("ASG", 29).special().slot(), ASG);
        expect(t.menu("SCAN", Menus.SCAN).special().slot(), SCAN);
        expect(t.menu("PINI", Menus.PINI).slot(), PINI);
        expect(t.shrt("PHAS").special().slot(), PHAS);
        expect(t.str("EVNT", 40).special().slot(), EVNT);
        expect(t.shrt("TSE").slot(), TSE);
        expect(t.inlink("TSEL").slot(), TSEL);
        expect(t.add("DTYP", DbfType.DEVICE).readOnly().slot(), DTYP);
        expect(t.shrt("DISV").initial("1").slot(), DISV);
        expect(t.shrt("DISA").slot(), DISA);
        expect(t.inlink("SDIS").slot(), SDIS);
        expect(t.uchar("DISP").slot(), DISP);
        expect(t.uchar("PROC").pp().slot(), PROC);
        expect(t.menu("STAT", Menus.ALARM_STAT).readOnly().initial("UDF").interest(0).slot(), STAT);
        expect(t.menu("SEVR", Menus.ALARM_SEVR).readOnly().initial("INVALID").interest(0).slot(), SEVR);
        expect(t.str("AMSG", 40).readOnly().slot(), AMSG);
        expect(t.menu("NSTA", Menus.ALARM_STAT).readOnly().slot(), NSTA);
        expect(t.menu("NSEV", Menus.ALARM_SEVR).readOnly().slot(), NSEV);
        expect(t.str("NAMSG", 40).readOnly().slot(), NAMSG);
        expect(t.menu("ACKS", Menus.ALARM_SEVR).readOnly().slot(), ACKS);
        expect(t.menu("ACKT", Menus.YES_NO).initial("YES").slot(), ACKT);
        expect(t.menu("DISS", Menus.ALARM_SEVR).slot(), DISS);
        expect(t.uchar("LCNT").readOnly().slot(), LCNT);
        expect(t.uchar("PACT").readOnly().slot(), PACT);
        expect(t.uchar("PUTF").readOnly().slot(), PUTF);
        expect(t.uchar("RPRO").readOnly().slot(), RPRO);
        expect(t.menu("PRIO", Menus.PRIORITY).special().slot(), PRIO);
        expect(t.uchar("TPRO").slot(), TPRO);
        expect(t.uchar("UDF").pp().initial("1").slot(), UDF);
        expect(t.menu("UDFS", Menus.ALARM_SEVR).initial("INVALID").slot(), UDFS);
        expect(t.add("UTAG", DbfType.UINT64).readOnly().slot(), UTAG);
        expect(t.add("FLNK", DbfType.FWDLINK).slot(), FLNK);
        expect(t.str("RTYP", 40).readOnly().slot(), RTYP);
    }

    private static void expect(int slot, int expected) {
        if (slot != expected) throw new IllegalStateException("dbCommon slot mismatch: " + slot + " != " + expected);
    }

    // --- storage ---
    public long[] l;
    public double[] d;
    public Object[] o;

    private RecordType type;
    private String name;
    Database db;
    volatile LockSet lockSet;
    /** Event subscribers per field index; null until someone subscribes. Copy-on-write arrays. */
    private volatile FieldListener[][] listeners;

    /** POSIX time of the last processing (TIME field). */
    public long timeSec;
    public int timeNsec;

    /** The put-notify this record is part of (dbCommon.ppn), or null. */
    PutNotify ppn;
    /** Put-callbacks waiting for this record to become idle (kept by Database; a counter for a cheap check). */
    volatile int heldCount;
    /** Device support chosen by DTYP, or null for records without device support. */
    protected DeviceSupport dset;
    /** Private data of device support (dpvt). */
    public Object dpvt;
    /** info(name, "value") tags from the database file (autosave, Q:form, ...). */
    private java.util.Map<String, String> info = java.util.Map.of();

    void initStorage(String recordName) {
        RecordType t = typeFromSubclass();
        this.type = t;
        this.name = recordName;
        l = new long[t.longCount()];
        d = new double[t.doubleCount()];
        o = new Object[t.objectCount()];
        for (FieldDef f : t.fields()) {
            if (f.isArray()) continue;
            if (f.type == DbfType.STRING) o[f.slot] = "";
            else if (f.type.isLink()) o[f.slot] = Link.EMPTY;
            if (f.initial != null) {
                try {
                    storeString(f, f.initial);
                } catch (DbException e) {
                    throw new IllegalStateException(t.name() + "." + f.name + " initial value: " + e.getMessage());
                }
            }
        }
        o[NAME] = recordName;
        o[RTYP] = t.name();
    }

    private final RecordType pendingType;

    /** Record types construct through their {@link RecordType#factory}, which passes the type in. */
    protected Record(RecordType type) { this.pendingType = type; }

    private RecordType typeFromSubclass() {
        if (pendingType == null) throw new IllegalStateException("record created without its type");
        return pendingType;
    }

    public final RecordType type() { return type; }

    /** An info tag's value, or null. */
    public final String info(String tag) { return info.get(tag); }

    public final java.util.Map<String, String> infoTags() { return info; }

    /** Set at load time by the database builder. */
    public final void setInfo(java.util.Map<String, String> tags) { this.info = java.util.Map.copyOf(tags); }
    public final String name() { return name; }
    public final Database database() { return db; }

    // ------------------------------------------------------------------------------------------------------------
    // Record support: what each record type provides.

    /** init_record, pass 0 (before links are usable for reads) and pass 1 (links resolved). */
    protected void initRecord(int pass) throws DbException { }

    /** The record type's process routine. Called with the lock set held, from {@link #dbProcess()}. */
    protected abstract void process();

    /** Special processing around a put to a field marked special: before (after=false, may refuse) and after. */
    protected void special(FieldDef f, boolean after) throws DbException { }

    /** get_units. */
    public String units(FieldDef f) { return ""; }

    /** get_precision. */
    public int precision(FieldDef f) { return 0; }

    /** get_graphic_double / get_control_double / get_alarm_double, default as recGblGet*Double. */
    public void limits(FieldDef f, Limits out) {
        if (f.type.isInteger() || f.type.isFloating()) {
            double lo = f.type.isFloating() ? 0 : f.type.minValue();
            double hi = f.type.isFloating() ? 0 : f.type.maxValue();
            out.display(lo, hi).control(lo, hi);
        } else {
            out.display(0, 0).control(0, 0);
        }
    }

    /** get_enum_strs for ENUM fields (bi/bo/mbbi/mbbo VAL); MENU and DEVICE fields are handled generically. */
    public String[] enumStrings(FieldDef f) { return new String[0]; }

    /** The field's DBF type as clients see it; waveform-like records report FTVL for VAL. */
    public DbfType fieldType(FieldDef f) { return f.type; }

    /**
     * Capacity in bytes (including the NUL) of a STRING field in this record: the dbd size, or a per-record size
     * for long-string records (lsi/lso VAL sized by SIZV, as their cvt_dbaddr sets field_size).
     */
    public int stringSize(FieldDef f) { return f.size; }

    /** Capacity (NELM) of an array field; 1 for scalars. */
    public int arrayCapacity(FieldDef f) { return 1; }

    /** Current element count (NORD) of an array field. */
    public int arrayCount(FieldDef f) { return arrayCapacity(f); }

    /** The primitive array behind an array field (elements [0, arrayCount)). */
    public Object arrayValue(FieldDef f) { return o[f.slot]; }

    /** Store n elements into an array field (put_array_info); called by puts and links. Elements are converted. */
    public void arrayPut(FieldDef f, Object src, int n) throws DbException {
        throw new DbException(DbException.Kind.BAD_TYPE, name + "." + f.name + " is not an array");
    }

    /** Whether this record type is the VAL-bearing kind whose VAL must be posted on disable (all are). */
    protected FieldDef valueField() { return type.valueField(); }

    // ------------------------------------------------------------------------------------------------------------
    // dbProcess

    /** dbProcess: disable check, PACT guard, record support process. The lock set must be held. */
    public final void dbProcess() {
        boolean notifyIfNotProcessed = false;
        if (l[TPRO] != 0) db.trace(this, "dbProcess");
        Link sdis = (Link) o[SDIS];
        if (!sdis.isConstant()) {
            l[DISA] = (short) sdis.readLong(this, l[DISA]);
        }
        FieldDef val = valueField();
        if (l[DISA] == l[DISV]) {
            notifyIfNotProcessed = true;
            l[RPRO] = 0;
            l[PUTF] = 0;
            if (l[STAT] != Menus.DISABLE_ALARM) {
                l[SEVR] = l[DISS];
                l[STAT] = Menus.DISABLE_ALARM;
                l[NSEV] = 0;
                l[NSTA] = 0;
                postL(STAT, FieldListener.DBE_VALUE);
                postL(SEVR, FieldListener.DBE_VALUE);
                if (val != null) post(val, FieldListener.DBE_VALUE | FieldListener.DBE_ALARM);
            }
        } else if (l[PACT] != 0) {
            notifyIfNotProcessed = true;
            if (l[STAT] != Menus.SCAN_ALARM && l[LCNT]++ >= MAX_LOCK && l[SEVR] < Menus.INVALID) {
                setSevr(Menus.SCAN_ALARM, Menus.INVALID);
                int mask = resetAlarms() | FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
                if (val != null) post(val, mask);
            }
        } else {
            l[LCNT] = 0;
            process();
            if (heldCount > 0 && l[PACT] == 0 && ppn == null) db.kickHeld(this);
            return;
        }
        if (notifyIfNotProcessed && ppn != null) ppn.recordDone(this);
    }

    // ------------------------------------------------------------------------------------------------------------
    // recGbl helpers for record support

    /** recGblSetSevr: raise the pending alarm if more severe than what is pending. */
    public final boolean setSevr(int stat, int sevr) { return setSevrMsg(stat, sevr, ""); }

    public final boolean setSevrMsg(int stat, int sevr, String msg) {
        if (sevr > l[NSEV]) {
            l[NSTA] = stat;
            l[NSEV] = sevr;
            o[NAMSG] = msg == null ? "" : msg;
            return true;
        }
        return false;
    }

    /**
     * recGblInheritSevr for links: NMS nothing, MS the source severity as LINK, MSI only INVALID, MSS status too.
     */
    public final void inheritSevr(LinkOptions.Ms ms, int stat, int sevr, String amsg) {
        switch (ms) {
            case MS: if (sevr > 0) setSevr(Menus.LINK_ALARM, sevr); break;
            case MSI: if (sevr >= Menus.INVALID) setSevr(Menus.LINK_ALARM, sevr); break;
            case MSS: if (sevr > 0) setSevrMsg(stat, sevr, amsg); break;
            default: break;
        }
    }

    /**
     * recGblResetAlarms: move pending alarm to STAT/SEVR/AMSG, post the alarm fields, and return the mask the VAL
     * field must add (DBE_ALARM when status or severity changed).
     */
    public final int resetAlarms() {
        long prevSevr = l[SEVR], prevStat = l[STAT];
        String prevMsg = (String) o[AMSG];
        long newSevr = l[NSEV], newStat = l[NSTA];
        String newMsg = (String) o[NAMSG];
        l[SEVR] = newSevr;
        l[STAT] = newStat;
        o[AMSG] = newMsg;
        l[NSEV] = 0;
        l[NSTA] = 0;
        o[NAMSG] = "";
        int valMask = 0;
        int statMask = 0;
        if (prevSevr != newSevr) {
            statMask = FieldListener.DBE_ALARM;
            postL(SEVR, FieldListener.DBE_VALUE);
        }
        if (prevStat != newStat) statMask |= FieldListener.DBE_VALUE;
        if (statMask != 0 || !prevMsg.equals(newMsg)) {
            postL(STAT, FieldListener.DBE_VALUE);
            postO(AMSG, FieldListener.DBE_VALUE);
            valMask = FieldListener.DBE_ALARM;
        }
        if (statMask != 0) {
            if (l[ACKT] == 0 || newSevr >= l[ACKS]) {
                l[ACKS] = newSevr;
                postL(ACKS, FieldListener.DBE_VALUE);
            }
        }
        return valMask;
    }

    /** UDF alarm check every analog record starts with. */
    public final void checkUdf() {
        if (l[UDF] != 0) setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
    }

    /**
     * Limit alarms with hysteresis, shared by ai/ao/longin/longout/calc/int64: LALM is the last alarm level, kept
     * by the caller in its own storage. Returns the new LALM.
     */
    public final double checkLimitAlarms(double val, double hihi, double high, double low, double lolo,
                                         long hhsv, long hsv, long lsv, long llsv, double hyst, double lalm) {
        if (hhsv != 0 && (val >= hihi || (lalm == hihi && val >= hihi - hyst))) {
            if (setSevr(Menus.HIHI_ALARM, (int) hhsv)) return hihi;
            return lalm;
        }
        if (llsv != 0 && (val <= lolo || (lalm == lolo && val <= lolo + hyst))) {
            if (setSevr(Menus.LOLO_ALARM, (int) llsv)) return lolo;
            return lalm;
        }
        if (hsv != 0 && (val >= high || (lalm == high && val >= high - hyst))) {
            if (setSevr(Menus.HIGH_ALARM, (int) hsv)) return high;
            return lalm;
        }
        if (lsv != 0 && (val <= low || (lalm == low && val <= low + hyst))) {
            if (setSevr(Menus.LOW_ALARM, (int) lsv)) return low;
            return lalm;
        }
        return val;
    }

    /**
     * recGblCheckDeadband: returns addMask if newVal moved further than deadband from last (then the caller stores
     * newVal as the new last value); MDEL &lt; 0 posts on every process; a change to/from NaN or Inf always counts.
     */
    public static int deadband(double last, double newVal, double deadband, int addMask) {
        double delta;
        if (Double.isFinite(newVal) && Double.isFinite(last)) delta = Math.abs(last - newVal);
        else if (!(Double.isNaN(newVal) && Double.isNaN(last)) && !(Double.isInfinite(newVal) && newVal == last))
            delta = Double.POSITIVE_INFINITY;
        else delta = 0;
        return delta > deadband ? addMask : 0;
    }

    /**
     * The start of an analog record's monitor(): the alarm mask from resetAlarms, MDEL/ADEL deadbands of a DOUBLE
     * value (updating its last-posted copies), and the value posted with the union. Returns that mask.
     */
    public final int monitorDoubleValue(int val, int mlst, int alst, int mdel, int adel) {
        int mask = resetAlarms();
        int v = deadband(d[mlst], d[val], d[mdel], FieldListener.DBE_VALUE);
        if (v != 0) d[mlst] = d[val];
        int a = deadband(d[alst], d[val], d[adel], FieldListener.DBE_LOG);
        if (a != 0) d[alst] = d[val];
        mask |= v | a;
        if (mask != 0) postD(val, mask);
        return mask;
    }

    /** recGblGetTimeStamp: TSEL/TSE select the time source; TSE -2 means device support already set it. */
    public final void getTimeStamp() {
        Link tsel = (Link) o[TSEL];
        if (!tsel.isConstant()) {
            if (tsel.copiesTime()) {
                if (tsel.copyTimeInto(this)) return;
            } else {
                l[TSE] = (short) tsel.readLong(this, l[TSE]);
            }
        }
        if (l[TSE] == -2) return;
        java.time.Instant now = java.time.Instant.now();
        timeSec = now.getEpochSecond();
        timeNsec = now.getNano();
    }

    /** recGblFwdLink: process FLNK, finish put-notify, honour RPRO, clear PUTF. */
    public final void fwdLink() {
        Link flnk = (Link) o[FLNK];
        flnk.forward(this);
        if (ppn != null) ppn.recordDone(this);
        if (l[RPRO] != 0) {
            l[RPRO] = 0;
            db.scanOnce(this);
        }
        l[PUTF] = 0;
    }

    /**
     * Finish an asynchronous operation: re-enter process() on a callback thread with the lock set held
     * (callbackRequestProcessCallback). Device support calls this when I/O completes.
     */
    public final void requestAsyncCompletion() { db.processCallback(this); }

    // ------------------------------------------------------------------------------------------------------------
    // Events

    /** Post an event for a field to its subscribers. */
    public final void post(FieldDef f, int mask) {
        FieldListener[][] all = listeners;
        if (all == null || mask == 0) return;
        FieldListener[] ls = all[f.index];
        if (ls == null) return;
        for (FieldListener li : ls) li.posted(this, f, mask);
    }

    public final void postL(int slot, int mask) { post(type.longField(slot), mask); }
    public final void postD(int slot, int mask) { post(type.doubleField(slot), mask); }
    public final void postO(int slot, int mask) { post(type.objectField(slot), mask); }

    /** Post DBE_PROPERTY on every subscribed field (db_post_events with no field). */
    public final void postProperty() {
        FieldListener[][] all = listeners;
        if (all == null) return;
        for (FieldDef f : type.fields()) {
            FieldListener[] ls = all[f.index];
            if (ls != null) for (FieldListener li : ls) li.posted(this, f, FieldListener.DBE_PROPERTY);
        }
    }

    public final boolean hasListeners(FieldDef f) {
        FieldListener[][] all = listeners;
        return all != null && all[f.index] != null;
    }

    synchronized void addListener(FieldDef f, FieldListener li) {
        FieldListener[][] all = listeners;
        if (all == null) all = new FieldListener[type.fields().size()][];
        else all = all.clone();
        FieldListener[] ls = all[f.index];
        all[f.index] = ls == null ? new FieldListener[] {li} : append(ls, li);
        listeners = all;
    }

    synchronized void removeListener(FieldDef f, FieldListener li) {
        FieldListener[][] all = listeners;
        if (all == null || all[f.index] == null) return;
        FieldListener[] ls = all[f.index];
        int n = 0;
        FieldListener[] out = new FieldListener[ls.length];
        for (FieldListener x : ls) if (x != li) out[n++] = x;
        all = all.clone();
        all[f.index] = n == 0 ? null : Arrays.copyOf(out, n);
        listeners = all;
    }

    private static FieldListener[] append(FieldListener[] a, FieldListener x) {
        FieldListener[] b = Arrays.copyOf(a, a.length + 1);
        b[a.length] = x;
        return b;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Generic field access (dbGet/dbPut conversions), used by links, protocol adapters and the shell.

    public final double getDouble(FieldDef f) {
        if (f.isArray()) return ArrayConvert.getDouble(arrayValue(f), 0, arrayCount(f));
        switch (f.type.storage) {
            case LONG: return f.type.toDouble(l[f.slot]);
            case DOUBLE: return d[f.slot];
            default:
                if (f.type == DbfType.STRING) return parseNumber((String) o[f.slot]);
                return Double.NaN;
        }
    }

    public final long getLong(FieldDef f) {
        if (f.isArray()) return (long) ArrayConvert.getDouble(arrayValue(f), 0, arrayCount(f));
        switch (f.type.storage) {
            case LONG: return l[f.slot];
            case DOUBLE: return (long) d[f.slot];
            default:
                if (f.type == DbfType.STRING) return (long) parseNumber((String) o[f.slot]);
                return 0;
        }
    }

    /** The field as a string: menu/enum choice, link text, or the number formatted as dbGet does. */
    public final String getString(FieldDef f) {
        if (f.isArray()) {
            Object arr = arrayValue(f);
            if (arr instanceof String[]) return arrayCount(f) > 0 ? ((String[]) arr)[0] : "";
            if (arr instanceof byte[]) return ArrayConvert.charsToString((byte[]) arr, arrayCount(f));
            return formatNumber(f, ArrayConvert.getDouble(arr, 0, arrayCount(f)));
        }
        if (f.type.isEnumLike()) {
            String[] s = choices(f);
            int i = (int) l[f.slot];
            return i >= 0 && i < s.length ? s[i] : Long.toString(i);
        }
        switch (f.type.storage) {
            case LONG:
                if (f.type == DbfType.UINT64) return Long.toUnsignedString(l[f.slot]);
                return Long.toString(l[f.slot]);
            case DOUBLE: return formatNumber(f, d[f.slot]);
            default:
                Object v = o[f.slot];
                if (v instanceof Link) return ((Link) v).text();
                return v == null ? "" : v.toString();
        }
    }

    private String formatNumber(FieldDef f, double v) {
        if (f.type == DbfType.FLOAT || f.type == DbfType.DOUBLE) {
            int prec = Math.max(0, Math.min(17, precision(f)));
            return NumberFormat.cvtDoubleToString(v, prec);
        }
        return Long.toString((long) v);
    }

    /** The enum strings of an ENUM/MENU/DEVICE field. */
    public final String[] choices(FieldDef f) {
        switch (f.type) {
            case MENU: return f.menu.choices().toArray(new String[0]);
            case DEVICE: return db == null ? new String[] {"Soft Channel"} : db.devices().names(type.name());
            case ENUM: return enumStrings(f);
            default: return new String[0];
        }
    }

    static double parseNumber(String s) {
        String t = s == null ? "" : s.trim();
        if (t.isEmpty()) return 0;
        try {
            if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseLong(t.substring(2), 16);
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * Store a value given as a string (dbPut from DBR_STRING, .db field values): menus/enums by choice string or
     * index; numbers parsed; links re-parsed when the database is running. No processing, no events.
     */
    public final void storeString(FieldDef f, String s) throws DbException {
        if (f.isArray()) {
            Object arr = arrayValue(f);
            if (arr instanceof byte[]) {
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                byte[] z = Arrays.copyOf(b, b.length + 1);
                arrayPut(f, z, Math.min(z.length, arrayCapacity(f)));
            } else if (arr instanceof String[]) {
                arrayPut(f, new String[] {s}, 1);
            } else {
                double[] vals = ArrayConvert.parseList(s);
                if (vals == null) throw badValue(f, s);
                arrayPut(f, vals, vals.length);
            }
            return;
        }
        if (f.type.isEnumLike()) {
            String[] ch = choices(f);
            for (int i = 0; i < ch.length; i++) {
                if (ch[i].equals(s)) { l[f.slot] = i; return; }
            }
            String t = s.trim();
            try {
                int i = Integer.parseInt(t);
                if (f.type == DbfType.ENUM ? i >= 0 && i < 65536 : i >= 0 && i < ch.length) {
                    l[f.slot] = i;
                    return;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the error
            }
            if (f.type == DbfType.DEVICE) throw new DbException(DbException.Kind.BAD_VALUE,
                    "no device support '" + s + "' for record type " + type.name());
            throw badValue(f, s);
        }
        switch (f.type.storage) {
            case LONG: {
                double v = parseNumber(s);
                if (Double.isNaN(v)) throw badValue(f, s);
                String t = s.trim();
                if (f.type == DbfType.INT64 || f.type == DbfType.UINT64) {
                    try {
                        l[f.slot] = t.startsWith("0x") || t.startsWith("0X") ? Long.parseUnsignedLong(t.substring(2), 16)
                                : (f.type == DbfType.UINT64 ? Long.parseUnsignedLong(t) : Long.parseLong(t));
                        return;
                    } catch (NumberFormatException e) {
                        // fall back to the double conversion
                    }
                }
                l[f.slot] = f.type.fromDouble(v);
                return;
            }
            case DOUBLE: {
                double v = parseNumber(s);
                if (Double.isNaN(v) && !s.trim().equalsIgnoreCase("nan")) throw badValue(f, s);
                d[f.slot] = f.type == DbfType.FLOAT ? (float) v : v;
                return;
            }
            default:
                if (f.type == DbfType.STRING) {
                    o[f.slot] = truncate(s, stringSize(f) - 1);
                } else if (f.type.isLink()) {
                    if (db != null && db.isRunning()) db.relink(this, f, s);
                    else o[f.slot] = new Link.Unresolved(s);
                } else {
                    throw new DbException(DbException.Kind.READ_ONLY, name + "." + f.name + " is not accessible");
                }
        }
    }

    public final void storeDouble(FieldDef f, double v) throws DbException {
        if (f.isArray()) { arrayPut(f, new double[] {v}, 1); return; }
        switch (f.type.storage) {
            case LONG:
                if (f.type.isEnumLike()) {
                    if (v < 0 || v >= 65536 || (f.type != DbfType.ENUM && v >= choices(f).length))
                        throw badValue(f, NumberFormat.plain(v));
                }
                l[f.slot] = f.type.fromDouble(v);
                return;
            case DOUBLE:
                d[f.slot] = f.type == DbfType.FLOAT ? (float) v : v;
                return;
            default:
                storeString(f, NumberFormat.plain(v));
        }
    }

    public final void storeLong(FieldDef f, long v) throws DbException {
        if (f.isArray()) { arrayPut(f, new long[] {v}, 1); return; }
        switch (f.type.storage) {
            case LONG:
                if (f.type.isEnumLike() && (v < 0 || v >= 65536 || (f.type != DbfType.ENUM && v >= choices(f).length)))
                    throw badValue(f, Long.toString(v));
                l[f.slot] = f.type.narrow(v);
                return;
            case DOUBLE:
                d[f.slot] = f.type == DbfType.FLOAT ? (float) v : v;
                return;
            default:
                storeString(f, Long.toString(v));
        }
    }

    private DbException badValue(FieldDef f, String s) {
        return new DbException(DbException.Kind.BAD_VALUE, "bad value '" + s + "' for " + name + "." + f.name);
    }

    static String truncate(String s, int max) {
        if (s.length() <= max) return s;
        return s.substring(0, Math.max(0, max));
    }

    /** A put to PROC processes the record whatever its SCAN (dbPutField, dbDbPutValue). */
    static boolean isProc(FieldDef f) { return f.slot == PROC && f.name.equals("PROC"); }

    // Convenience accessors for record code.
    public final Link link(int slot) { return (Link) o[slot]; }
    public final String str(int slot) { return (String) o[slot]; }

    @Override
    public String toString() { return name + "(" + type.name() + ")"; }
}
