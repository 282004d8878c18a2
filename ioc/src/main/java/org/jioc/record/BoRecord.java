package org.jioc.record;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Link;
import org.jioc.db.LockSet;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * Binary output (boRecord): closed loop from DOL, VAL to RVAL through MASK, state/COS alarms, IVOA, and the HIGH
 * momentary mode (after HIGH seconds at 1, VAL goes back to 0 and the record processes again).
 */
public final class BoRecord extends Record {
    public static final RecordType TYPE = new RecordType("bo");
    static final int VAL = TYPE.add("VAL", DbfType.ENUM).pp().value().asl0().slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int HIGH = TYPE.dbl("HIGH").slot();
    static final int ZNAM = TYPE.str("ZNAM", DiscreteRecords.STATE_STRING_SIZE).pp().prop().slot();
    static final int ONAM = TYPE.str("ONAM", DiscreteRecords.STATE_STRING_SIZE).pp().prop().slot();
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
        TYPE.factory(BoRecord::new);
    }

    /** The delayed callbacks of HIGH (callbackRequestDelayed); they process the record through its lock set. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "boHigh");
        t.setDaemon(true);
        return t;
    });

    /** The pending HIGH callback (rpvt); re-arming replaces it, as restarting a delayed callback does. */
    private ScheduledFuture<?> highTimer;

    BoRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        if (link(DOL).loadConstant(this, TYPE.field("VAL"))) l[UDF] = 0;
        long status = DiscreteRecords.devInit(this, dset);
        if (status == 0) {
            l[VAL] = l[RVAL] == 0 ? 0 : 1;
            l[UDF] = 0;
        }
        convert();
        l[MLST] = l[VAL];
        l[LALM] = l[VAL];
        l[ORAW] = l[RVAL];
        l[ORBV] = l[RBV];
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        if (!wasActive) {
            Link dol = link(DOL);
            if (!dol.isConstant() && l[OMSL] == 1) {
                if (DiscreteRecords.linkDown(this, dol)) {
                    // LINK alarm raised; VAL kept
                } else {
                    l[VAL] = dol.readLong(this, l[VAL]) & 0xFFFF;
                    l[UDF] = 0;
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
                    if (!wasActive) {
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
        if (l[VAL] == 1 && d[HIGH] > 0) armHigh();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private void convert() {
        if (l[MASK] != 0) l[RVAL] = l[VAL] == 0 ? 0 : l[MASK];
        else l[RVAL] = l[VAL];
    }

    private void writeValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 1) {
            setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
            if (!link(SIOL).isConstant()) link(SIOL).writeLong(this, l[VAL]);
            return;
        }
        if (dset != null) dset.write(this);
    }

    private void checkAlarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
            return;
        }
        long val = l[VAL];
        if (val > 1) return;
        setSevr(Menus.STATE_ALARM, (int) (val == 0 ? l[ZSV] : l[OSV]));
        if (val == l[LALM]) return;
        setSevr(Menus.COS_ALARM, (int) l[COSV]);
        l[LALM] = val;
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

    /** Start (or restart) the HIGH delay. Called with the lock set held. */
    private void armHigh() {
        if (highTimer != null) highTimer.cancel(false);
        long nanos = (long) (d[HIGH] * 1e9);
        highTimer = TIMER.schedule(this::highExpired, nanos, TimeUnit.NANOSECONDS);
    }

    /** The HIGH callback: if the record is busy, wait another HIGH; otherwise VAL = 0 and process it. */
    private void highExpired() {
        Database db = database();
        if (db == null || !db.isRunning()) return;
        try (LockSet.Guard g = db.lock(this)) {
            if (l[PACT] != 0) {
                if (l[VAL] == 1 && d[HIGH] > 0) armHigh();
            } else {
                l[VAL] = 0;
                dbProcess();
            }
        }
    }

    @Override
    public String[] enumStrings(FieldDef f) {
        if (!f.name.equals("VAL")) return new String[0];
        return BiRecord.twoStateStrings(str(ZNAM), str(ONAM));
    }

    @Override
    public String units(FieldDef f) { return f.name.equals("HIGH") ? "s" : ""; }

    /** "Soft Channel": VAL to OUT (devBoSoft). */
    static final class Soft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) { return 2; }

        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeLong(r, r.l[VAL]);
            return 0;
        }
    }

    /** "Raw Soft Channel": RVAL to OUT (devBoSoftRaw). */
    static final class RawSoft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) { return 2; }

        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeLong(r, r.l[RVAL]);
            return 0;
        }
    }

    /** "Async Soft Channel": VAL to OUT; the record stays active until the target's processing completes. */
    static final class AsyncSoft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) { return 2; }

        @Override
        public long write(Record r) {
            return asyncWrite(r, r.link(OUT), r.l[VAL]);
        }
    }

    /** Shared by the "Async Soft Channel" supports of the integer outputs. */
    static long asyncWrite(Record r, Link out, long v) {
        if (out.isConstant()) return 0;
        if (r.l[PACT] != 0) return 0; // completion pass
        if (out.writeDoubleAsync(r, v, r::requestAsyncCompletion)) {
            r.l[PACT] = 1;
            return 0;
        }
        out.writeLong(r, v);
        return 0;
    }
}
