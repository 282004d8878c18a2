package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * Multi-bit binary output (mbboRecord): VAL (a state index) to RVAL through ZRVL..FFVL when states are defined,
 * shifted by SHFT; per-state severities, UNSV for an index above 15, COS alarm, IVOA.
 */
public final class MbboRecord extends Record {
    public static final RecordType TYPE = new RecordType("mbbo");
    static final int VAL = TYPE.add("VAL", DbfType.ENUM).pp().value().asl0().slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int NOBT = TYPE.ushrt("NOBT").slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int[] VL = new int[16];
    static final int[] ST = new int[16];
    static final int[] SV = new int[16];

    static {
        String[] s = MbbiRecord.STATES;
        for (int i = 0; i < 16; i++) VL[i] = TYPE.ulng(s[i] + "VL").pp().special().slot();
        for (int i = 0; i < 16; i++) {
            ST[i] = TYPE.str(s[i] + "ST", DiscreteRecords.STATE_STRING_SIZE).pp().special().prop().slot();
        }
        for (int i = 0; i < 16; i++) SV[i] = TYPE.menu(s[i] + "SV", Menus.ALARM_SEVR).pp().slot();
    }

    static final int UNSV = TYPE.menu("UNSV", Menus.ALARM_SEVR).pp().slot();
    static final int COSV = TYPE.menu("COSV", Menus.ALARM_SEVR).pp().slot();
    static final int RVAL = TYPE.ulng("RVAL").pp().slot();
    static final int ORAW = TYPE.ulng("ORAW").readOnly().slot();
    static final int RBV = TYPE.ulng("RBV").readOnly().slot();
    static final int ORBV = TYPE.ulng("ORBV").readOnly().slot();
    static final int MASK = TYPE.ulng("MASK").readOnly().slot();
    static final int MLST = TYPE.ushrt("MLST").readOnly().slot();
    static final int LALM = TYPE.ushrt("LALM").readOnly().slot();
    static final int SDEF = TYPE.shrt("SDEF").readOnly().slot();
    static final int SHFT = TYPE.ushrt("SHFT").slot();
    static final int SIOL = TYPE.outlink("SIOL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.ushrt("IVOV").slot();

    static {
        TYPE.factory(MbboRecord::new);
    }

    MbboRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            MbbiRecord.initCommon(this, VL, ST, SDEF);
            return;
        }
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        if (link(DOL).loadConstant(this, TYPE.field("VAL"))) l[UDF] = 0;
        if (l[MASK] == 0 && l[NOBT] <= 32) l[MASK] = MbbiRecord.nobtMask(l[NOBT]);
        long status = DiscreteRecords.devInit(this, dset);
        MbbiRecord.initCommon(this, VL, ST, SDEF);
        if (status == 0) {
            // convert the initial read-back
            l[VAL] = MbbiRecord.rawToState(this, l[RVAL], l[SHFT], VL, l[SDEF] != 0);
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
            boolean ok = true;
            if (!dol.isConstant() && l[OMSL] == 1) {
                if (DiscreteRecords.linkDown(this, dol)) ok = false;
                else l[VAL] = dol.readLong(this, l[VAL]) & 0xFFFF;
            } else if (l[UDF] != 0) {
                setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
                ok = false;
            }
            if (ok) {
                l[UDF] = 0;
                convert();
            }
        }
        checkAlarms();
        if (l[NSEV] < Menus.INVALID) {
            writeValue();
        } else {
            switch ((int) l[IVOA]) {
                case 2:
                    if (!wasActive) {
                        l[VAL] = l[IVOV];
                        convert();
                    }
                    writeValue();
                    break;
                case 0: writeValue(); break;
                default: break;
            }
        }
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        getTimeStamp();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    /** VAL to RVAL: the state's value when states are defined (an index above 15 is a SOFT/INVALID alarm). */
    private void convert() {
        long rval;
        if (l[SDEF] != 0) {
            if (l[VAL] > 15) {
                setSevr(Menus.SOFT_ALARM, Menus.INVALID);
                return;
            }
            rval = l[VL[(int) l[VAL]]];
        } else {
            rval = l[VAL];
        }
        long shft = l[SHFT];
        if (shft > 0) rval = shft >= 32 ? 0 : rval << shft;
        l[RVAL] = rval & 0xFFFFFFFFL;
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
        long val = l[VAL];
        setSevr(Menus.STATE_ALARM, (int) (val > 15 ? l[UNSV] : l[SV[(int) val]]));
        if (val == l[LALM] || setSevr(Menus.COS_ALARM, (int) l[COSV])) return;
        l[LALM] = val;
    }

    private void monitor() {
        int mask = resetAlarms();
        if (l[MLST] != l[VAL]) {
            mask |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
            l[MLST] = l[VAL];
        }
        if (mask != 0) postL(VAL, mask);
        mask |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
        if (l[ORAW] != l[RVAL]) {
            postL(RVAL, mask);
            l[ORAW] = l[RVAL];
        }
        if (l[ORBV] != l[RBV]) {
            postL(RBV, mask);
            l[ORBV] = l[RBV];
        }
    }

    @Override
    protected void special(FieldDef f, boolean after) {
        if (after) MbbiRecord.stateSpecial(this, f, VL, ST, SDEF, VAL);
    }

    @Override
    public String[] enumStrings(FieldDef f) {
        return f.name.equals("VAL") ? MbbiRecord.stateStrings(this, ST) : new String[0];
    }

    /** Without defined states base serves VAL as a plain USHORT (cvt_dbaddr). */
    @Override
    public DbfType fieldType(FieldDef f) {
        if (f.name.equals("VAL") && l[SDEF] == 0) return DbfType.USHORT;
        return f.type;
    }

    /** "Soft Channel": VAL to OUT (devMbboSoft). */
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

    /** "Raw Soft Channel": RVAL &amp; MASK to OUT (devMbboSoftRaw). */
    static final class RawSoft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) {
            if (r.l[NOBT] == 0) r.l[MASK] = 0xFFFFFFFFL;
            r.l[MASK] = (r.l[MASK] << r.l[SHFT]) & 0xFFFFFFFFL;
            return 2;
        }

        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeLong(r, r.l[RVAL] & r.l[MASK]);
            return 0;
        }
    }

    /** "Async Soft Channel": VAL to OUT with completion. */
    static final class AsyncSoft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) { return 2; }

        @Override
        public long write(Record r) { return BoRecord.asyncWrite(r, r.link(OUT), r.l[VAL]); }
    }
}
