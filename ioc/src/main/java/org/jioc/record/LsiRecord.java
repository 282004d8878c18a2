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
 * Long string input (lsiRecord): VAL is a STRING whose size is SIZV (default 41, at least 16, at most 32767).
 * "REC" serves it as a (40-character) string; "REC.VAL$" as a CHAR array of SIZV with the whole string.
 * LEN is the length including the terminating NUL.
 */
public final class LsiRecord extends Record {
    public static final RecordType TYPE = new RecordType("lsi");
    static final int VAL = TYPE.str("VAL", 41).pp().value().asl0().special().slot();
    static final int OVAL = TYPE.str("OVAL", 41).readOnly().slot();
    static final int SIZV = TYPE.ushrt("SIZV").readOnly().initial("41").slot();
    static final int LEN = TYPE.ulng("LEN").readOnly().slot();
    static final int OLEN = TYPE.ulng("OLEN").readOnly().slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int MPST = TYPE.menu("MPST", Menus.POST).slot();
    static final int APST = TYPE.menu("APST", Menus.POST).slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int SIOL = TYPE.inlink("SIOL").slot();

    /** Largest SIZV accepted (a CA array count of a CHAR field must stay reasonable). */
    static final int MAX_SIZV = 32767;

    static {
        TYPE.factory(LsiRecord::new);
    }

    LsiRecord(RecordType t) { super(t); }

    /** SIZV clamped to [16, 32767]. */
    static int sizv(Record r, int slot) { return (int) Math.max(16, Math.min(MAX_SIZV, r.l[slot])); }

    @Override
    public int stringSize(FieldDef f) {
        if (f.name.equals("VAL") || f.name.equals("OVAL")) return sizv(this, SIZV);
        return f.size;
    }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            l[SIZV] = sizv(this, SIZV);
            o[VAL] = DiscreteRecords.truncateBytes(str(VAL), (int) l[SIZV] - 1);
            l[LEN] = 0;
            l[OLEN] = 0;
            return;
        }
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        DiscreteRecords.devInit(this, dset);
        if (l[LEN] != 0) {
            o[OVAL] = o[VAL];
            l[OLEN] = l[LEN];
            l[UDF] = 0;
        }
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        readValue();
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        getTimeStamp();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private long readValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 0) return dset == null ? -1 : dset.read(this);
        setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
        if (!link(SIOL).isConstant()) {
            setValue(this, VAL, LEN, SIZV, link(SIOL).readString(this, str(VAL)));
            l[UDF] = 0;
        }
        return 0;
    }

    /** Store s into VAL cut to SIZV - 1 bytes, and set LEN (bytes + NUL). */
    static void setValue(Record r, int val, int len, int sizv, String s) {
        String v = DiscreteRecords.truncateBytes(s, sizv(r, sizv) - 1);
        r.o[val] = v;
        r.l[len] = DiscreteRecords.byteLength(v) + 1;
    }

    private void monitor() {
        int events = resetAlarms();
        events |= monitorValue(this, VAL, OVAL, LEN, OLEN);
        if (l[MPST] == 1) events |= FieldListener.DBE_VALUE;
        if (l[APST] == 1) events |= FieldListener.DBE_LOG;
        if (events != 0) postO(VAL, events);
    }

    /** OVAL/OLEN follow VAL/LEN; returns the value events; posts LEN when it changed. */
    static int monitorValue(Record r, int val, int oval, int len, int olen) {
        int events = 0;
        if (r.l[len] != r.l[olen] || !r.str(oval).equals(r.str(val))) {
            events = FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
            r.o[oval] = r.o[val];
        }
        if (r.l[len] != r.l[olen]) {
            r.l[olen] = r.l[len];
            r.postL(len, FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
        }
        return events;
    }

    @Override
    protected void special(FieldDef f, boolean after) {
        if (after && f.name.equals("VAL")) {
            l[LEN] = DiscreteRecords.byteLength(str(VAL)) + 1;
            postL(LEN, FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
        }
    }

    /** "Soft Channel": INP read as a long string into VAL (devLsiSoft); a constant INP is the initial value. */
    static final class Soft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) {
            Link inp = r.link(INP);
            if (inp.isConstant() && inp.loadConstant(r, TYPE.field("VAL"))) {
                setValue(r, VAL, LEN, SIZV, r.str(VAL));
            }
            return 0;
        }

        @Override
        public long read(Record r) {
            Link inp = r.link(INP);
            if (inp.isConstant()) return 0;
            if (DiscreteRecords.linkDown(r, inp)) return -1;
            setValue(r, VAL, LEN, SIZV, inp.readString(r, r.str(VAL)));
            return 0;
        }
    }
}
