package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** Binary input (biRecord): RVAL to VAL (0/1), ZSV/OSV state alarms, COS alarm, ZNAM/ONAM as the enum strings. */
public final class BiRecord extends Record {
    public static final RecordType TYPE = new RecordType("bi");
    static final int VAL = TYPE.add("VAL", org.jioc.db.DbfType.ENUM).pp().value().asl0().slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int ZSV = TYPE.menu("ZSV", Menus.ALARM_SEVR).pp().slot();
    static final int OSV = TYPE.menu("OSV", Menus.ALARM_SEVR).pp().slot();
    static final int COSV = TYPE.menu("COSV", Menus.ALARM_SEVR).pp().slot();
    static final int ZNAM = TYPE.str("ZNAM", DiscreteRecords.STATE_STRING_SIZE).pp().prop().slot();
    static final int ONAM = TYPE.str("ONAM", DiscreteRecords.STATE_STRING_SIZE).pp().prop().slot();
    static final int RVAL = TYPE.ulng("RVAL").pp().slot();
    static final int ORAW = TYPE.ulng("ORAW").readOnly().slot();
    static final int MASK = TYPE.ulng("MASK").readOnly().slot();
    static final int LALM = TYPE.ushrt("LALM").readOnly().slot();
    static final int MLST = TYPE.ushrt("MLST").readOnly().slot();
    static final int SIOL = TYPE.inlink("SIOL").slot();
    static final int SVAL = TYPE.ulng("SVAL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.SIMM).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();

    static {
        TYPE.factory(BiRecord::new);
    }

    BiRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        link(SIOL).loadConstant(this, TYPE.field("SVAL"));
        DiscreteRecords.devInit(this, dset);
        l[MLST] = l[VAL];
        l[LALM] = l[VAL];
        l[ORAW] = l[RVAL];
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        long status = readValue();
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        getTimeStamp();
        if (status == 0) {
            l[VAL] = l[RVAL] == 0 ? 0 : 1;
            l[UDF] = 0;
        }
        checkAlarms();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private long readValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 0) return dset == null ? -1 : dset.read(this);
        setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
        if (!link(SIOL).isConstant()) l[SVAL] = link(SIOL).readLong(this, l[SVAL]) & 0xFFFFFFFFL;
        if (l[SIMM] == 1) {
            l[VAL] = l[SVAL] & 0xFFFF;
            l[UDF] = 0;
            return 2;
        }
        l[RVAL] = l[SVAL];
        return 0;
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
    }

    @Override
    public String[] enumStrings(FieldDef f) {
        if (!f.name.equals("VAL")) return new String[0];
        return twoStateStrings(str(ZNAM), str(ONAM));
    }

    /** get_enum_strs of bi/bo: two strings, but only one when just ZNAM is set. */
    static String[] twoStateStrings(String znam, String onam) {
        int n = 2;
        if (!znam.isEmpty()) n = 1;
        if (!onam.isEmpty()) n = 2;
        return n == 1 ? new String[] {znam} : new String[] {znam, onam};
    }

    /** "Soft Channel": INP read as an unsigned short into VAL (devBiSoft). */
    static final class Soft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) {
            if (r.link(INP).loadConstant(r, TYPE.field("VAL"))) r.l[UDF] = 0;
            return 0;
        }

        @Override
        public long read(Record r) {
            Link inp = r.link(INP);
            if (!inp.isConstant()) {
                if (DiscreteRecords.linkDown(r, inp)) return -1;
                r.l[VAL] = inp.readLong(r, r.l[VAL]) & 0xFFFF;
            }
            r.l[UDF] = 0;
            return 2;
        }
    }

    /** "Raw Soft Channel": INP into RVAL; the record converts (devBiSoftRaw). */
    static final class RawSoft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) {
            r.link(INP).loadConstant(r, TYPE.field("RVAL"));
            return 0;
        }

        @Override
        public long read(Record r) {
            Link inp = r.link(INP);
            if (inp.isConstant()) return 0;
            if (DiscreteRecords.linkDown(r, inp)) return -1;
            r.l[RVAL] = inp.readLong(r, r.l[RVAL]) & 0xFFFFFFFFL;
            return 0;
        }
    }
}
