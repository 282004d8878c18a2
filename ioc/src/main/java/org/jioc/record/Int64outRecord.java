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

/**
 * 64-bit integer output (int64outRecord): closed loop from DOL, DRVH/DRVL clamping, limit alarms with HYST, integer
 * deadbands, IVOA.
 */
public final class Int64outRecord extends Record {
    public static final RecordType TYPE = new RecordType("int64out");
    static final int VAL = TYPE.add("VAL", DbfType.INT64).pp().value().asl0().slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int DRVH = TYPE.add("DRVH", DbfType.INT64).pp().prop().slot();
    static final int DRVL = TYPE.add("DRVL", DbfType.INT64).pp().prop().slot();
    static final int HOPR = TYPE.add("HOPR", DbfType.INT64).prop().slot();
    static final int LOPR = TYPE.add("LOPR", DbfType.INT64).prop().slot();
    static final int HIHI = TYPE.add("HIHI", DbfType.INT64).pp().prop().slot();
    static final int LOLO = TYPE.add("LOLO", DbfType.INT64).pp().prop().slot();
    static final int HIGH = TYPE.add("HIGH", DbfType.INT64).pp().prop().slot();
    static final int LOW = TYPE.add("LOW", DbfType.INT64).pp().prop().slot();
    static final int HHSV = TYPE.menu("HHSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LLSV = TYPE.menu("LLSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HSV = TYPE.menu("HSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LSV = TYPE.menu("LSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HYST = TYPE.add("HYST", DbfType.INT64).slot();
    static final int ADEL = TYPE.add("ADEL", DbfType.INT64).slot();
    static final int MDEL = TYPE.add("MDEL", DbfType.INT64).slot();
    static final int LALM = TYPE.add("LALM", DbfType.INT64).readOnly().slot();
    static final int ALST = TYPE.add("ALST", DbfType.INT64).readOnly().slot();
    static final int MLST = TYPE.add("MLST", DbfType.INT64).readOnly().slot();
    static final int SIOL = TYPE.outlink("SIOL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.add("IVOV", DbfType.INT64).slot();

    static {
        TYPE.factory(Int64outRecord::new);
    }

    Int64outRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        if (link(DOL).loadConstant(this, TYPE.field("VAL"))) l[UDF] = 0;
        DiscreteRecords.devInit(this, dset);
        l[MLST] = l[VAL];
        l[ALST] = l[VAL];
        l[LALM] = l[VAL];
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
                    value = dol.readLong(this, l[VAL]);
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
        if (dset != null) dset.write(this);
    }

    private void checkAlarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
            return;
        }
        l[LALM] = DiscreteRecords.limitAlarms(this, l[VAL], l[HIHI], l[HIGH], l[LOW], l[LOLO], l[HHSV], l[HSV],
                l[LSV], l[LLSV], l[HYST], l[LALM], false);
    }

    private void monitor() {
        int mask = resetAlarms();
        if (DiscreteRecords.exceeds64(l[MLST], l[VAL], l[MDEL])) {
            mask |= FieldListener.DBE_VALUE;
            l[MLST] = l[VAL];
        }
        if (DiscreteRecords.exceeds64(l[ALST], l[VAL], l[ADEL])) {
            mask |= FieldListener.DBE_LOG;
            l[ALST] = l[VAL];
        }
        if (mask != 0) postL(VAL, mask);
    }

    @Override
    public String units(FieldDef f) { return f.type == DbfType.INT64 ? str(EGU) : ""; }

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

    /** "Soft Channel": VAL to OUT (devI64outSoft). */
    static final class Soft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeLong(r, r.l[VAL]);
            return 0;
        }
    }

    /** "Async Soft Channel": VAL to OUT with completion (devI64outSoftCallback). */
    static final class AsyncSoft implements DeviceSupport {
        @Override
        public long write(Record r) { return BoRecord.asyncWrite(r, r.link(OUT), r.l[VAL]); }
    }
}
