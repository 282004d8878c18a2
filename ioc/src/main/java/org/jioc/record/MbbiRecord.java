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
 * Multi-bit binary input (mbbiRecord): RVAL shifted by SHFT and matched against ZRVL..FFVL when any state is defined
 * (SDEF), else taken directly; per-state severities, UNSV for an unknown state, COS alarm.
 */
public final class MbbiRecord extends Record {
    /** The 16 state prefixes of mbbi/mbbo (ZRVL, ZRST, ZRSV ...). */
    static final String[] STATES = {"ZR", "ON", "TW", "TH", "FR", "FV", "SX", "SV", "EI", "NI", "TE", "EL", "TV",
        "TT", "FT", "FF"};

    public static final RecordType TYPE = new RecordType("mbbi");
    static final int VAL = TYPE.add("VAL", DbfType.ENUM).pp().value().asl0().slot();
    static final int NOBT = TYPE.ushrt("NOBT").slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int[] VL = new int[16];
    static final int[] ST = new int[16];
    static final int[] SV = new int[16];

    static {
        String[] s = STATES;
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
    static final int MASK = TYPE.ulng("MASK").readOnly().slot();
    static final int MLST = TYPE.ushrt("MLST").readOnly().slot();
    static final int LALM = TYPE.ushrt("LALM").readOnly().slot();
    static final int SDEF = TYPE.shrt("SDEF").readOnly().slot();
    static final int SHFT = TYPE.ushrt("SHFT").slot();
    static final int SIOL = TYPE.inlink("SIOL").slot();
    static final int SVAL = TYPE.ulng("SVAL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.SIMM).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int AFTC = TYPE.dbl("AFTC").slot();
    static final int AFVL = TYPE.dbl("AFVL").readOnly().slot();

    static {
        TYPE.factory(MbbiRecord::new);
    }

    MbbiRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            initCommon(this, VL, ST, SDEF);
            return;
        }
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        link(SIOL).loadConstant(this, TYPE.field("SVAL"));
        if (l[MASK] == 0 && l[NOBT] <= 32) l[MASK] = nobtMask(l[NOBT]);
        DiscreteRecords.devInit(this, dset);
        initCommon(this, VL, ST, SDEF);
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
            l[UDF] = 0;
            l[VAL] = rawToState(this, l[RVAL], l[SHFT], VL, l[SDEF] != 0);
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
        l[UDF] = 0;
        if (l[SIMM] == 1) {
            l[VAL] = l[SVAL] & 0xFFFF;
            return 2;
        }
        l[RVAL] = l[SVAL];
        return 0;
    }

    private void checkAlarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
            d[AFVL] = 0;
            return;
        }
        long val = l[VAL];
        int sevr = (int) (val > 15 ? l[UNSV] : l[SV[(int) val]]);
        setSevr(Menus.STATE_ALARM, sevr);
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
        if (l[ORAW] != l[RVAL]) {
            postL(RVAL, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
            l[ORAW] = l[RVAL];
        }
    }

    @Override
    protected void special(FieldDef f, boolean after) {
        if (after) stateSpecial(this, f, VL, ST, SDEF, VAL);
    }

    @Override
    public String[] enumStrings(FieldDef f) {
        return f.name.equals("VAL") ? stateStrings(this, ST) : new String[0];
    }

    // --- shared with mbbo ---------------------------------------------------------------------------------------

    /** MASK for NOBT bits (NOBT = 32 gives all ones). */
    static long nobtMask(long nobt) { return ((1L << nobt) - 1) & 0xFFFFFFFFL; }

    /** init_common: SDEF is true when any state has a value or a string. */
    static void initCommon(Record r, int[] vl, int[] st, int sdef) {
        for (int i = 0; i < 16; i++) {
            if (r.l[vl[i]] != 0 || !r.str(st[i]).isEmpty()) {
                r.l[sdef] = 1;
                return;
            }
        }
        r.l[sdef] = 0;
    }

    /** RVAL to a state index: shift, then the first ZRVL..FFVL that matches (65535 if none), or direct. */
    static long rawToState(Record r, long rval, long shft, int[] vl, boolean sdef) {
        long v = rval & 0xFFFFFFFFL;
        if (shft > 0) v = shft >= 32 ? 0 : v >>> shft;
        if (!sdef) return v & 0xFFFF;
        for (int i = 0; i < 16; i++) if (r.l[vl[i]] == v) return i;
        return 65535;
    }

    /** The state strings up to the last non-empty one (get_enum_strs). */
    static String[] stateStrings(Record r, int[] st) {
        int n = 0;
        for (int i = 0; i < 16; i++) if (!r.str(st[i]).isEmpty()) n = i + 1;
        String[] out = new String[n];
        for (int i = 0; i < n; i++) out[i] = r.str(st[i]);
        return out;
    }

    /** After a put to ZRVL..FFVL or ZRST..FFST: recompute SDEF; a state string change posts VAL's properties. */
    static void stateSpecial(Record r, FieldDef f, int[] vl, int[] st, int sdef, int val) {
        String n = f.name;
        if (n.length() != 4 || !(n.endsWith("VL") || n.endsWith("ST"))) return;
        initCommon(r, vl, st, sdef);
        if (n.endsWith("ST")) {
            int idx = stateIndex(n.substring(0, 2));
            int event = FieldListener.DBE_PROPERTY;
            if (r.l[val] == idx) event |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
            r.postL(val, event);
        }
    }

    static int stateIndex(String prefix) {
        for (int i = 0; i < 16; i++) if (STATES[i].equals(prefix)) return i;
        return -1;
    }

    /** "Soft Channel": INP read as an unsigned short into VAL (devMbbiSoft). */
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

    /** "Raw Soft Channel": INP into RVAL masked with MASK (NOBT bits, shifted by SHFT) (devMbbiSoftRaw). */
    static final class RawSoft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) {
            if (r.link(INP).loadConstant(r, TYPE.field("RVAL"))) r.l[UDF] = 0;
            if (r.l[NOBT] == 0) r.l[MASK] = 0xFFFFFFFFL;
            r.l[MASK] = (r.l[MASK] << r.l[SHFT]) & 0xFFFFFFFFL;
            return 0;
        }

        @Override
        public long read(Record r) {
            Link inp = r.link(INP);
            if (inp.isConstant()) return 0;
            if (DiscreteRecords.linkDown(r, inp)) return -1;
            r.l[RVAL] = inp.readLong(r, r.l[RVAL]) & r.l[MASK];
            return 0;
        }
    }
}
