package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * Analog output (aoRecord): closed loop from DOL (OIF full/incremental), DRVH/DRVL clamping, OROC, conversion to
 * RVAL, limit alarms, IVOA on INVALID, write through device support.
 */
public final class AoRecord extends Record {
    public static final RecordType TYPE = new RecordType("ao");
    static final org.jioc.db.Menu OIF_MENU = new org.jioc.db.Menu("aoOIF", "Full", "Incremental");
    static final int VAL = TYPE.dbl("VAL").pp().value().asl0().slot();
    static final int OVAL = TYPE.dbl("OVAL").slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int OROC = TYPE.dbl("OROC").slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int OIF = TYPE.menu("OIF", OIF_MENU).slot();
    static final int PREC = TYPE.shrt("PREC").prop().slot();
    static final int LINR = TYPE.menu("LINR", Menus.CONVERT).pp().special().slot();
    static final int EGUF = TYPE.dbl("EGUF").pp().special().slot();
    static final int EGUL = TYPE.dbl("EGUL").pp().special().slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int DRVH = TYPE.dbl("DRVH").pp().prop().slot();
    static final int DRVL = TYPE.dbl("DRVL").pp().prop().slot();
    static final int HOPR = TYPE.dbl("HOPR").prop().slot();
    static final int LOPR = TYPE.dbl("LOPR").prop().slot();
    static final int AOFF = TYPE.dbl("AOFF").pp().slot();
    static final int ASLO = TYPE.dbl("ASLO").pp().initial("1").slot();
    static final int HIHI = TYPE.dbl("HIHI").pp().prop().slot();
    static final int LOLO = TYPE.dbl("LOLO").pp().prop().slot();
    static final int HIGH = TYPE.dbl("HIGH").pp().prop().slot();
    static final int LOW = TYPE.dbl("LOW").pp().prop().slot();
    static final int HHSV = TYPE.menu("HHSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LLSV = TYPE.menu("LLSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HSV = TYPE.menu("HSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LSV = TYPE.menu("LSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HYST = TYPE.dbl("HYST").slot();
    static final int ADEL = TYPE.dbl("ADEL").slot();
    static final int MDEL = TYPE.dbl("MDEL").slot();
    static final int RVAL = TYPE.lng("RVAL").pp().slot();
    static final int ORAW = TYPE.lng("ORAW").readOnly().slot();
    static final int RBV = TYPE.lng("RBV").readOnly().slot();
    static final int ORBV = TYPE.lng("ORBV").readOnly().slot();
    static final int PVAL = TYPE.dbl("PVAL").readOnly().slot();
    static final int LALM = TYPE.dbl("LALM").readOnly().slot();
    static final int ALST = TYPE.dbl("ALST").readOnly().slot();
    static final int MLST = TYPE.dbl("MLST").readOnly().slot();
    static final int ESLO = TYPE.dbl("ESLO").pp().initial("1").slot();
    static final int EOFF = TYPE.dbl("EOFF").pp().slot();
    static final int ROFF = TYPE.ulng("ROFF").pp().slot();
    static final int OMOD = TYPE.uchar("OMOD").readOnly().slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.dbl("IVOV").slot();
    static final int SIOL = TYPE.outlink("SIOL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();

    static {
        TYPE.factory(AoRecord::new);
    }

    AoRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        if (link(DOL).loadConstant(this, TYPE.field("VAL"))) l[UDF] = 0;
        d[OVAL] = d[VAL];
        d[PVAL] = d[VAL];
        d[MLST] = d[VAL];
        d[ALST] = d[VAL];
        d[LALM] = d[VAL];
        l[ORAW] = l[RVAL];
        l[ORBV] = l[RBV];
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        if (!wasActive) {
            double value = d[VAL];
            if (!link(DOL).isConstant() && l[OMSL] == 1) {
                double v = link(DOL).readDouble(this, Double.NaN);
                if (l[NSEV] >= Menus.INVALID || Double.isNaN(v) && !link(DOL).isConnected()) {
                    setSevr(Menus.LINK_ALARM, Menus.INVALID);
                } else {
                    value = l[OIF] == 1 ? d[VAL] + v : v;
                    l[UDF] = 0;
                }
            }
            convert(value);
        }
        checkAlarms();
        if (l[NSEV] < Menus.INVALID) {
            writeValue();
        } else {
            switch ((int) l[IVOA]) {
                case 0: writeValue(); break;
                case 2:
                    if (!wasActive) {
                        d[VAL] = d[IVOV];
                        convert(d[IVOV]);
                    }
                    writeValue();
                    break;
                default: break; // don't drive outputs
            }
        }
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        getTimeStamp();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private void convert(double value) {
        if (d[DRVH] > d[DRVL]) {
            if (value > d[DRVH]) value = d[DRVH];
            else if (value < d[DRVL]) value = d[DRVL];
        }
        d[VAL] = value;
        d[PVAL] = value;
        double oroc = d[OROC];
        if (oroc != 0) {
            double diff = value - d[OVAL];
            if (diff < 0) {
                if (oroc < -diff) value = d[OVAL] - oroc;
            } else if (oroc < diff) {
                value = d[OVAL] + oroc;
            }
        }
        l[OMOD] = d[OVAL] != value ? 1 : 0;
        d[OVAL] = value;
        int linr = (int) l[LINR];
        if (linr == 1 || linr == 2) value = (value - d[EOFF]) / d[ESLO];
        value -= d[AOFF];
        if (d[ASLO] != 0) value /= d[ASLO];
        value -= l[ROFF];
        if (value >= 0) l[RVAL] = value >= 0x7fffffff - 0.5 ? 0x7fffffff : (int) (value + 0.5);
        else l[RVAL] = value <= -0x80000000 + 0.5 ? -0x80000000 : (int) (value - 0.5);
    }

    private void checkAlarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
            return;
        }
        d[LALM] = checkLimitAlarms(d[VAL], d[HIHI], d[HIGH], d[LOW], d[LOLO], l[HHSV], l[HSV], l[LSV], l[LLSV],
                d[HYST], d[LALM]);
    }

    private void writeValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 1) {
            link(SIOL).writeDouble(this, d[OVAL]);
            setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
            return;
        }
        if (dset != null) dset.write(this);
    }

    private void monitor() {
        int mask = monitorDoubleValue(VAL, MLST, ALST, MDEL, ADEL);
        if (l[OMOD] != 0) mask |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
        if (mask != 0) {
            l[OMOD] = 0;
            postD(OVAL, mask);
            if (l[ORAW] != l[RVAL]) {
                postL(RVAL, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
                l[ORAW] = l[RVAL];
            }
            if (l[ORBV] != l[RBV]) {
                postL(RBV, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
                l[ORBV] = l[RBV];
            }
        }
    }

    @Override
    protected void special(FieldDef f, boolean after) {
        if (dset != null && (f.name.equals("LINR") || f.name.equals("EGUF") || f.name.equals("EGUL"))) {
            dset.linconv(this, after);
        }
    }

    @Override
    public String units(FieldDef f) { return f.type.isFloating() ? str(EGU) : ""; }

    @Override
    public int precision(FieldDef f) { return f.type.isFloating() ? (int) l[PREC] : 0; }

    @Override
    public void limits(FieldDef f, Limits out) {
        switch (f.name) {
            case "VAL": case "OVAL": case "PVAL": case "HIHI": case "HIGH": case "LOW": case "LOLO": case "LALM":
            case "ALST": case "MLST": case "IVOV":
                out.display(d[LOPR], d[HOPR]).control(d[DRVL], d[DRVH]);
                if (f.name.equals("VAL")) {
                    out.alarm(l[LLSV] != 0 ? d[LOLO] : Double.NaN, l[LSV] != 0 ? d[LOW] : Double.NaN,
                            l[HSV] != 0 ? d[HIGH] : Double.NaN, l[HHSV] != 0 ? d[HIHI] : Double.NaN);
                }
                return;
            default:
                super.limits(f, out);
        }
    }

    /** "Soft Channel": OVAL to OUT (devAoSoft). */
    static final class Soft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeDouble(r, r.d[OVAL]);
            return 0;
        }
    }

    /** "Raw Soft Channel": RVAL to OUT (devAoSoftRaw). */
    static final class RawSoft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeLong(r, r.l[RVAL]);
            return 0;
        }
    }

    /** "Async Soft Channel": OVAL to OUT with completion; the record stays active until the target is done. */
    static final class AsyncSoft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (out.isConstant()) return 0;
            if (r.l[PACT] != 0) return 0; // completion pass
            if (out.writeDoubleAsync(r, r.d[OVAL], r::requestAsyncCompletion)) {
                r.l[PACT] = 1;
                return 0;
            }
            out.writeDouble(r, r.d[OVAL]);
            return 0;
        }
    }
}
