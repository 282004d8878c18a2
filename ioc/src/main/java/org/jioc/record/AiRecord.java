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

/** Analog input (aiRecord): read, convert RVAL with LINR/ESLO/EOFF, smooth, limit alarms with HYST, deadbands. */
public final class AiRecord extends Record {
    public static final RecordType TYPE = new RecordType("ai");
    static final int VAL = TYPE.dbl("VAL").pp().value().asl0().slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int PREC = TYPE.shrt("PREC").prop().slot();
    static final int LINR = TYPE.menu("LINR", Menus.CONVERT).pp().special().slot();
    static final int EGUF = TYPE.dbl("EGUF").pp().special().slot();
    static final int EGUL = TYPE.dbl("EGUL").pp().special().slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int HOPR = TYPE.dbl("HOPR").prop().slot();
    static final int LOPR = TYPE.dbl("LOPR").prop().slot();
    static final int AOFF = TYPE.dbl("AOFF").pp().slot();
    static final int ASLO = TYPE.dbl("ASLO").pp().initial("1").slot();
    static final int SMOO = TYPE.dbl("SMOO").slot();
    static final int HIHI = TYPE.dbl("HIHI").pp().prop().slot();
    static final int LOLO = TYPE.dbl("LOLO").pp().prop().slot();
    static final int HIGH = TYPE.dbl("HIGH").pp().prop().slot();
    static final int LOW = TYPE.dbl("LOW").pp().prop().slot();
    static final int HHSV = TYPE.menu("HHSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LLSV = TYPE.menu("LLSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HSV = TYPE.menu("HSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LSV = TYPE.menu("LSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HYST = TYPE.dbl("HYST").slot();
    static final int AFTC = TYPE.dbl("AFTC").slot();
    static final int ADEL = TYPE.dbl("ADEL").slot();
    static final int MDEL = TYPE.dbl("MDEL").slot();
    static final int LALM = TYPE.dbl("LALM").readOnly().slot();
    static final int ALST = TYPE.dbl("ALST").readOnly().slot();
    static final int MLST = TYPE.dbl("MLST").readOnly().slot();
    static final int ESLO = TYPE.dbl("ESLO").pp().initial("1").slot();
    static final int EOFF = TYPE.dbl("EOFF").pp().slot();
    static final int ROFF = TYPE.ulng("ROFF").pp().slot();
    static final int INIT = TYPE.shrt("INIT").readOnly().slot();
    static final int RVAL = TYPE.lng("RVAL").pp().slot();
    static final int ORAW = TYPE.lng("ORAW").readOnly().slot();
    static final int SIOL = TYPE.inlink("SIOL").slot();
    static final int SVAL = TYPE.dbl("SVAL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.SIMM).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();

    static {
        TYPE.factory(AiRecord::new);
    }

    AiRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        if (link(SIML).loadConstant(this, TYPE.field("SIMM"))) { /* SIMM from a constant */ }
        link(SIOL).loadConstant(this, TYPE.field("SVAL"));
        // A constant INP gives the initial value (recGblInitConstantLink).
        if (dset instanceof Soft && link(INP).loadConstant(this, TYPE.field("VAL"))) l[UDF] = 0;
        d[MLST] = d[VAL];
        d[ALST] = d[VAL];
        d[LALM] = d[VAL];
        l[ORAW] = l[RVAL];
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        long status = readValue();
        if (!wasActive && l[PACT] != 0) return; // asynchronous device support started
        l[PACT] = 1;
        getTimeStamp();
        if (status == 0) convert();
        checkAlarms();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private long readValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 0) {
            return dset == null ? 2 : dset.read(this);
        }
        if (l[SIMM] == 1) {
            d[SVAL] = link(SIOL).readDouble(this, d[SVAL]);
            d[VAL] = d[SVAL];
            l[UDF] = 0;
            setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
            return 2;
        }
        l[RVAL] = (long) link(SIOL).readDouble(this, l[RVAL]);
        setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
        return 0;
    }

    private void convert() {
        double val = ((double) (int) l[RVAL] + (double) l[ROFF]) * d[ASLO] + d[AOFF];
        int linr = (int) l[LINR];
        if (linr == 1 || linr == 2) val = val * d[ESLO] + d[EOFF];
        if (d[SMOO] == 0 || l[UDF] != 0 || !Double.isFinite(d[VAL]) || l[INIT] != 0) {
            if (l[INIT] != 0) l[INIT]--;
            d[VAL] = val;
        } else {
            d[VAL] = val * (1.0 - d[SMOO]) + d[VAL] * d[SMOO];
        }
        l[UDF] = 0;
    }

    private void checkAlarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
            return;
        }
        d[LALM] = checkLimitAlarms(d[VAL], d[HIHI], d[HIGH], d[LOW], d[LOLO], l[HHSV], l[HSV], l[LSV], l[LLSV],
                d[HYST], d[LALM]);
    }

    private void monitor() {
        int mask = monitorDoubleValue(VAL, MLST, ALST, MDEL, ADEL);
        if (l[ORAW] != l[RVAL]) {
            postL(RVAL, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
            l[ORAW] = l[RVAL];
        }
    }

    @Override
    protected void special(FieldDef f, boolean after) {
        // Slots are per storage kind, so specials compare names.
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
        if (isValueLike(f)) {
            out.display(d[LOPR], d[HOPR]).control(d[LOPR], d[HOPR]);
            if (f.slot == VAL && f.type.isFloating()) {
                out.alarm(l[LLSV] != 0 ? d[LOLO] : Double.NaN, l[LSV] != 0 ? d[LOW] : Double.NaN,
                        l[HSV] != 0 ? d[HIGH] : Double.NaN, l[HHSV] != 0 ? d[HIHI] : Double.NaN);
            }
        } else {
            super.limits(f, out);
        }
    }

    private static boolean isValueLike(FieldDef f) {
        switch (f.name) {
            case "VAL": case "HIHI": case "HIGH": case "LOW": case "LOLO": case "LALM": case "ALST": case "MLST":
            case "SVAL":
                return true;
            default:
                return false;
        }
    }

    /** "Soft Channel": INP read straight into VAL, no conversion (devAiSoft). */
    static final class Soft implements DeviceSupport {
        @Override
        public long read(Record r) {
            Link inp = r.link(INP);
            if (inp.isConstant()) return 2;
            if (!inp.isConnected()) {
                r.setSevr(Menus.LINK_ALARM, Menus.INVALID);
                return 2;
            }
            double v = inp.readDouble(r, Double.NaN);
            double smoo = r.d[SMOO];
            if (smoo != 0 && r.l[UDF] == 0 && Double.isFinite(r.d[VAL])) r.d[VAL] = v * (1.0 - smoo) + r.d[VAL] * smoo;
            else r.d[VAL] = v;
            r.l[UDF] = 0;
            return 2;
        }
    }

    /** "Raw Soft Channel": INP into RVAL, then the record converts (devAiSoftRaw). */
    static final class RawSoft implements DeviceSupport {
        @Override
        public long read(Record r) {
            Link inp = r.link(INP);
            if (inp.isConstant()) return 2;
            r.l[RVAL] = (int) inp.readLong(r, r.l[RVAL]);
            return 0;
        }

        @Override
        public void linconv(Record r, boolean after) {
            // No hardware range: ESLO/EOFF from EGUF/EGUL over a full 32-bit span is meaningless; keep user values.
        }
    }
}
