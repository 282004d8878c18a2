package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Link;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * Long output (longoutRecord): closed loop from DOL, DRVH/DRVL clamping, limit alarms with HYST, integer deadbands,
 * IVOA, and OOPT/OOCH (write every time, only on change, or on zero/non-zero conditions).
 */
public final class LongoutRecord extends Record {
    /** Output-execute options of longout (longoutOOPT). */
    static final Menu LONGOUT_OOPT = new Menu("longoutOOPT", "Every Time", "On Change", "When Zero",
            "When Non-zero", "Transition To Zero", "Transition To Non-zero");

    public static final RecordType TYPE = new RecordType("longout");
    static final int VAL = TYPE.lng("VAL").pp().value().asl0().slot();
    static final int OUT = TYPE.outlink("OUT").special().slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int DRVH = TYPE.lng("DRVH").pp().prop().slot();
    static final int DRVL = TYPE.lng("DRVL").pp().prop().slot();
    static final int HOPR = TYPE.lng("HOPR").prop().slot();
    static final int LOPR = TYPE.lng("LOPR").prop().slot();
    static final int HIHI = TYPE.lng("HIHI").pp().prop().slot();
    static final int LOLO = TYPE.lng("LOLO").pp().prop().slot();
    static final int HIGH = TYPE.lng("HIGH").pp().prop().slot();
    static final int LOW = TYPE.lng("LOW").pp().prop().slot();
    static final int HHSV = TYPE.menu("HHSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LLSV = TYPE.menu("LLSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HSV = TYPE.menu("HSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LSV = TYPE.menu("LSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HYST = TYPE.lng("HYST").slot();
    static final int ADEL = TYPE.lng("ADEL").slot();
    static final int MDEL = TYPE.lng("MDEL").slot();
    static final int LALM = TYPE.lng("LALM").readOnly().slot();
    static final int ALST = TYPE.lng("ALST").readOnly().slot();
    static final int MLST = TYPE.lng("MLST").readOnly().slot();
    static final int SIOL = TYPE.outlink("SIOL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.lng("IVOV").slot();
    static final int PVAL = TYPE.lng("PVAL").readOnly().slot();
    static final int OOPT = TYPE.menu("OOPT", LONGOUT_OOPT).slot();
    static final int OOCH = TYPE.menu("OOCH", Menus.YES_NO).initial("YES").slot();

    static {
        TYPE.factory(LongoutRecord::new);
    }

    /** outpvt: write on the next process whatever OOPT says (first process, or OUT changed with OOCH=YES). */
    private boolean forceWrite;

    LongoutRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        if (link(DOL).loadConstant(this, TYPE.field("VAL"))) l[UDF] = 0;
        DiscreteRecords.devInit(this, dset);
        l[MLST] = l[VAL];
        l[ALST] = l[VAL];
        l[LALM] = l[VAL];
        l[PVAL] = l[VAL];
        forceWrite = true;
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        if (!wasActive) {
            Link dol = link(DOL);
            boolean ok = true;
            long value = l[VAL];
            if (!dol.isConstant() && l[OMSL] == 1) {
                if (DiscreteRecords.linkDown(this, dol)) ok = false;
                else {
                    value = (int) dol.readLong(this, l[VAL]);
                    l[UDF] = 0;
                }
            }
            if (ok) convert(value);
            getTimeStamp();
        }
        checkAlarms();
        if (l[NSEV] < Menus.INVALID) {
            writeValue();
        } else {
            switch ((int) l[IVOA]) {
                case 0: writeValue(); break;
                case 2:
                    if (!wasActive) l[VAL] = l[IVOV];
                    writeValue();
                    break;
                default: break;
            }
        }
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        if (wasActive) getTimeStamp();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private void convert(long value) {
        if (l[DRVH] > l[DRVL]) {
            if (value > l[DRVH]) value = l[DRVH];
            else if (value < l[DRVL]) value = l[DRVL];
        }
        l[VAL] = value;
    }

    private void writeValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 1) {
            setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
            if (!link(SIOL).isConstant()) link(SIOL).writeLong(this, l[VAL]);
            return;
        }
        if (dset == null) return;
        if (l[PACT] != 0) { // async completion pass: nothing to decide
            dset.write(this);
            return;
        }
        long val = l[VAL], pval = l[PVAL];
        boolean write;
        switch ((int) l[OOPT]) {
            case 0: write = true; break;
            case 1: write = forceWrite || val != pval; break;
            case 2: write = val == 0; break;
            case 3: write = val != 0; break;
            case 4: write = val == 0 && pval != 0; break;
            case 5: write = val != 0 && pval == 0; break;
            default: write = false; break;
        }
        if (write) dset.write(this);
        l[PVAL] = val;
        forceWrite = false;
    }

    private void checkAlarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
            return;
        }
        l[LALM] = DiscreteRecords.limitAlarms(this, l[VAL], l[HIHI], l[HIGH], l[LOW], l[LOLO], l[HHSV], l[HSV],
                l[LSV], l[LLSV], l[HYST], l[LALM], true);
    }

    private void monitor() {
        int mask = resetAlarms();
        if (DiscreteRecords.exceeds32(l[MLST], l[VAL], l[MDEL])) {
            mask |= FieldListener.DBE_VALUE;
            l[MLST] = l[VAL];
        }
        if (DiscreteRecords.exceeds32(l[ALST], l[VAL], l[ADEL])) {
            mask |= FieldListener.DBE_LOG;
            l[ALST] = l[VAL];
        }
        if (mask != 0) postL(VAL, mask);
    }

    @Override
    protected void special(FieldDef f, boolean after) {
        if (after && f.name.equals("OUT") && l[OOCH] == 1) forceWrite = true;
    }

    @Override
    public String units(FieldDef f) { return f.type == DbfType.LONG ? str(EGU) : ""; }

    @Override
    public void limits(FieldDef f, Limits out) {
        switch (f.name) {
            case "VAL": case "HIHI": case "HIGH": case "LOW": case "LOLO": case "LALM": case "ALST": case "MLST":
                out.display(l[LOPR], l[HOPR]);
                if (l[DRVH] > l[DRVL]) out.control(l[DRVL], l[DRVH]);
                else out.control(l[LOPR], l[HOPR]);
                if (f.name.equals("VAL")) {
                    out.alarm(l[LLSV] != 0 ? l[LOLO] : Double.NaN, l[LSV] != 0 ? l[LOW] : Double.NaN,
                            l[HSV] != 0 ? l[HIGH] : Double.NaN, l[HHSV] != 0 ? l[HIHI] : Double.NaN);
                }
                return;
            default:
                super.limits(f, out);
        }
    }

    /** "Soft Channel": VAL to OUT (devLoSoft). */
    static final class Soft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeLong(r, r.l[VAL]);
            return 0;
        }
    }

    /** "Async Soft Channel": VAL to OUT with completion (devLoSoftCallback). */
    static final class AsyncSoft implements DeviceSupport {
        @Override
        public long write(Record r) { return BoRecord.asyncWrite(r, r.link(OUT), r.l[VAL]); }
    }
}
