package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** Long input (longinRecord): 32-bit VAL, limit alarms with HYST, integer MDEL/ADEL deadbands. */
public final class LonginRecord extends Record {
    public static final RecordType TYPE = new RecordType("longin");
    static final int VAL = TYPE.lng("VAL").pp().value().asl0().slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
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
    static final int AFTC = TYPE.dbl("AFTC").slot();
    static final int ADEL = TYPE.lng("ADEL").slot();
    static final int MDEL = TYPE.lng("MDEL").slot();
    static final int LALM = TYPE.lng("LALM").readOnly().slot();
    static final int ALST = TYPE.lng("ALST").readOnly().slot();
    static final int MLST = TYPE.lng("MLST").readOnly().slot();
    static final int SIOL = TYPE.inlink("SIOL").slot();
    static final int SVAL = TYPE.lng("SVAL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int AFVL = TYPE.dbl("AFVL").readOnly().slot();

    static {
        TYPE.factory(LonginRecord::new);
    }

    LonginRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        link(SIOL).loadConstant(this, TYPE.field("SVAL"));
        DiscreteRecords.devInit(this, dset);
        l[MLST] = l[VAL];
        l[ALST] = l[VAL];
        l[LALM] = l[VAL];
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        long status = readValue();
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        getTimeStamp();
        if (status == 0) l[UDF] = 0;
        checkAlarms();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private long readValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 0) return dset == null ? -1 : dset.read(this);
        setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
        if (!link(SIOL).isConstant()) l[SVAL] = (int) link(SIOL).readLong(this, l[SVAL]);
        l[VAL] = l[SVAL];
        l[UDF] = 0;
        return 0;
    }

    private void checkAlarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
            d[AFVL] = 0;
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
    public String units(FieldDef f) { return f.type == DbfType.LONG ? str(EGU) : ""; }

    @Override
    public void limits(FieldDef f, Limits out) {
        switch (f.name) {
            case "VAL": case "HIHI": case "HIGH": case "LOW": case "LOLO": case "LALM": case "ALST": case "MLST":
            case "SVAL":
                out.display(l[LOPR], l[HOPR]).control(l[LOPR], l[HOPR]);
                if (f.name.equals("VAL")) {
                    out.alarm(l[LLSV] != 0 ? l[LOLO] : Double.NaN, l[LSV] != 0 ? l[LOW] : Double.NaN,
                            l[HSV] != 0 ? l[HIGH] : Double.NaN, l[HHSV] != 0 ? l[HIHI] : Double.NaN);
                }
                return;
            default:
                super.limits(f, out);
        }
    }

    /** "Soft Channel": INP read as a LONG into VAL (devLiSoft); a constant INP only gives the initial value. */
    static final class Soft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) {
            if (r.link(INP).loadConstant(r, TYPE.field("VAL"))) r.l[UDF] = 0;
            return 0;
        }

        @Override
        public long read(Record r) {
            Link inp = r.link(INP);
            if (inp.isConstant()) return 0;
            if (DiscreteRecords.linkDown(r, inp)) return -1;
            r.l[VAL] = (int) inp.readLong(r, r.l[VAL]);
            return 0;
        }
    }
}
