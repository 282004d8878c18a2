package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * Busy (synApps busyRecord): a bo-like record whose forward link (and so the completion of a put-callback) only
 * happens when VAL is 0. A put-callback writing 1 therefore stays open until someone writes 0; HIGH &gt; 0 drops
 * VAL back to 0 after that many seconds.
 */
public final class BusyRecord extends Record {
    public static final RecordType TYPE = new RecordType("busy");
    static final int VAL = TYPE.add("VAL", org.jioc.db.DbfType.ENUM).pp().value().asl0().slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int HIGH = TYPE.dbl("HIGH").slot();
    static final int ZNAM = TYPE.str("ZNAM", 26).pp().prop().initial("Done").slot();
    static final int ONAM = TYPE.str("ONAM", 26).pp().prop().initial("Busy").slot();
    static final int RVAL = TYPE.ulng("RVAL").pp().slot();
    static final int ORAW = TYPE.ulng("ORAW").readOnly().slot();
    static final int MASK = TYPE.ulng("MASK").readOnly().slot();
    static final int ZSV = TYPE.menu("ZSV", Menus.ALARM_SEVR).pp().slot();
    static final int OSV = TYPE.menu("OSV", Menus.ALARM_SEVR).pp().slot();
    static final int COSV = TYPE.menu("COSV", Menus.ALARM_SEVR).pp().slot();
    static final int RBV = TYPE.ulng("RBV").readOnly().slot();
    static final int ORBV = TYPE.ulng("ORBV").readOnly().slot();
    static final int MLST = TYPE.ushrt("MLST").readOnly().slot();
    static final int LALM = TYPE.ushrt("LALM").readOnly().slot();
    static final int SIOL = TYPE.outlink("SIOL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.ushrt("IVOV").slot();

    static {
        TYPE.factory(BusyRecord::new);
    }

    /** The pending HIGH drop and which arming it belongs to (guarded by the lock set). */
    private java.util.concurrent.ScheduledFuture<?> highTimer;
    private long highGeneration;

    BusyRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        Link dol = link(DOL);
        if (dol.isConstant()) {
            long[] save = {l[VAL]};
            if (dol.loadConstant(this, TYPE.field("VAL"))) {
                l[VAL] = l[VAL] == 0 ? 0 : 1;
                l[UDF] = 0;
            } else {
                l[VAL] = save[0];
            }
        }
        convert();
    }

    private void convert() {
        if (l[MASK] != 0) l[RVAL] = l[VAL] == 0 ? 0 : l[MASK];
        else l[RVAL] = l[VAL] & 0xFFFFFFFFL;
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        if (!wasActive) {
            Link dol = link(DOL);
            if (!dol.isConstant() && l[OMSL] == 1) {
                if (dol.isConnected()) {
                    l[PACT] = 1;
                    long v = dol.readLong(this, l[VAL]) & 0xFFFF;
                    l[PACT] = 0;
                    l[VAL] = v;
                    l[UDF] = 0;
                } else {
                    setSevr(Menus.LINK_ALARM, Menus.INVALID);
                }
            }
            convert();
        }
        checkAlarms();
        if (l[NSEV] < Menus.INVALID) {
            writeValue();
        } else {
            switch ((int) l[IVOA]) {
                case 0: writeValue(); break;
                case 2:
                    if (l[PACT] == 0) {
                        l[VAL] = l[IVOV];
                        convert();
                    }
                    writeValue();
                    break;
                default: break;
            }
        }
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        getTimeStamp();
        if (l[VAL] == 1 && d[HIGH] > 0) scheduleDrop();
        monitor();
        // The defining rule: no forward link (and no put-callback completion) while busy.
        if (l[VAL] == 0) fwdLink();
        l[PACT] = 0;
    }

    /**
     * Start (or restart) the HIGH delay, as callbackRequestDelayed on the record's one callback does: a new command
     * re-arms it, so an earlier command's countdown never ends a later one. The generation check covers a timer that
     * had already fired and was waiting for the lock when it was replaced. Called with the lock set held.
     */
    private void scheduleDrop() {
        if (highTimer != null) highTimer.cancel(false);
        long armed = ++highGeneration;
        highTimer = RecordTimers.lockedAfter(this, d[HIGH], () -> {
            if (armed != highGeneration) return;
            highTimer = null;
            if (l[PACT] != 0) {
                if (l[VAL] == 1 && d[HIGH] > 0) scheduleDrop();
            } else {
                l[VAL] = 0;
                dbProcess();
            }
        });
    }

    private void checkAlarms() {
        long val = l[VAL];
        if (l[UDF] != 0) setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
        setSevr(Menus.STATE_ALARM, (int) (val == 0 ? l[ZSV] : l[OSV]));
        if (val == l[LALM]) return;
        setSevr(Menus.COS_ALARM, (int) l[COSV]);
        l[LALM] = val;
    }

    private void writeValue() {
        if (l[PACT] != 0) {
            if (dset != null) dset.write(this);
            return;
        }
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 0) {
            if (dset != null) dset.write(this);
            return;
        }
        if (l[SIMM] == 1) {
            link(SIOL).writeLong(this, l[VAL]);
            setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
        } else {
            setSevr(Menus.SOFT_ALARM, Menus.INVALID);
        }
    }

    private void monitor() {
        int mask = resetAlarms();
        if (l[MLST] != l[VAL]) {
            mask |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
            l[MLST] = l[VAL];
        }
        if (mask != 0) postL(VAL, mask);
        if (l[ORAW] != l[RVAL]) {
            postL(RVAL, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
            l[ORAW] = l[RVAL];
        }
        if (l[ORBV] != l[RBV]) {
            postL(RBV, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
            l[ORBV] = l[RBV];
        }
    }

    @Override
    public String[] enumStrings(FieldDef f) {
        if (!f.name.equals("VAL")) return new String[0];
        return new String[] {str(ZNAM), str(ONAM)};
    }

    @Override
    public int precision(FieldDef f) { return f.name.equals("HIGH") ? 2 : 0; }

    /** "Soft Channel" (devBusySoft): VAL to OUT. */
    static final class Soft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (out.isConstant()) return 0;
            return out.writeLong(r, r.l[VAL]) ? 0 : -1;
        }
    }

    /** "Raw Soft Channel" (devBusySoftRaw): RVAL to OUT. */
    static final class RawSoft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (out.isConstant()) return 0;
            return out.writeLong(r, r.l[RVAL]) ? 0 : -1;
        }
    }
}
