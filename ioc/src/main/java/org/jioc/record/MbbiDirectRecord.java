package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldListener;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** Multi-bit binary input direct (mbbiDirectRecord): VAL = RVAL &gt;&gt; SHFT, mirrored into the bit fields B0..B1F. */
public final class MbbiDirectRecord extends Record {
    public static final RecordType TYPE = new RecordType("mbbiDirect");
    static final int VAL = TYPE.lng("VAL").pp().value().asl0().slot();
    static final int NOBT = TYPE.shrt("NOBT").slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int RVAL = TYPE.ulng("RVAL").pp().slot();
    static final int ORAW = TYPE.ulng("ORAW").readOnly().slot();
    static final int MASK = TYPE.ulng("MASK").readOnly().slot();
    static final int MLST = TYPE.lng("MLST").readOnly().slot();
    static final int SHFT = TYPE.ushrt("SHFT").slot();
    static final int SIOL = TYPE.inlink("SIOL").slot();
    static final int SVAL = TYPE.lng("SVAL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.SIMM).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int[] B = declareBits(TYPE, false);

    static {
        TYPE.factory(MbbiDirectRecord::new);
    }

    MbbiDirectRecord(RecordType t) { super(t); }

    /** B0..B9, BA..BF, B10..B1F as UCHAR fields. */
    static int[] declareBits(RecordType t, boolean special) {
        int[] b = new int[32];
        for (int i = 0; i < 32; i++) {
            RecordType.Builder fb = t.uchar(bitName(i)).pp();
            if (special) fb.special();
            b[i] = fb.slot();
        }
        return b;
    }

    static String bitName(int i) { return "B" + Integer.toHexString(i).toUpperCase(); }

    /** Bit index of a field name B0..B1F, or -1. */
    static int bitIndex(String name) {
        if (!name.startsWith("B") || name.length() < 2 || name.length() > 3) return -1;
        for (int i = 0; i < 32; i++) if (bitName(i).equals(name)) return i;
        return -1;
    }

    /** Set the bit fields from val; post each one that changed (with events), or all with alarmEvents. */
    static void bitsFromVal(Record r, int[] b, long val, int alarmEvents) {
        int changed = alarmEvents | FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
        for (int i = 0; i < 32; i++) {
            long bit = (val >>> i) & 1;
            if (r.l[b[i]] != bit) {
                r.l[b[i]] = bit;
                r.postL(b[i], changed);
            } else if (alarmEvents != 0) {
                r.postL(b[i], alarmEvents);
            }
        }
    }

    static long valFromBits(Record r, int[] b) {
        long v = 0;
        for (int i = 0; i < 32; i++) if (r.l[b[i]] != 0) v |= 1L << i;
        return (int) v;
    }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        link(SIOL).loadConstant(this, TYPE.field("SVAL"));
        if (l[MASK] == 0 && l[NOBT] <= 32) l[MASK] = MbbiRecord.nobtMask(l[NOBT]);
        DiscreteRecords.devInit(this, dset);
        for (int i = 0; i < 32; i++) l[B[i]] = (l[VAL] >>> i) & 1;
        l[MLST] = l[VAL];
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
            long rval = l[RVAL];
            long shft = l[SHFT];
            if (shft > 0) rval = shft >= 32 ? 0 : rval >>> shft;
            l[VAL] = (int) rval;
            l[UDF] = 0;
        }
        if (l[UDF] != 0) setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private long readValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 0) return dset == null ? -1 : dset.read(this);
        setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
        if (!link(SIOL).isConstant()) l[SVAL] = (int) link(SIOL).readLong(this, l[SVAL]);
        l[UDF] = 0;
        if (l[SIMM] == 1) {
            l[VAL] = l[SVAL];
            return 2;
        }
        l[RVAL] = l[SVAL] & 0xFFFFFFFFL;
        return 0;
    }

    private void monitor() {
        int events = resetAlarms();
        bitsFromVal(this, B, l[VAL], events);
        if (l[MLST] != l[VAL]) {
            events |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
            l[MLST] = l[VAL];
        }
        if (events != 0) postL(VAL, events);
        if (l[ORAW] != l[RVAL]) {
            postL(RVAL, events | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
            l[ORAW] = l[RVAL];
        }
    }

    /** "Soft Channel": INP read as a LONG into VAL (devMbbiDirectSoft). */
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
                r.l[VAL] = (int) inp.readLong(r, r.l[VAL]);
            }
            r.l[UDF] = 0;
            return 2;
        }
    }

    /** "Raw Soft Channel": INP into RVAL masked with MASK (devMbbiDirectSoftRaw). */
    static final class RawSoft implements DeviceSupport, DiscreteRecords.DevInit {
        @Override
        public long initRecord(Record r) {
            r.link(INP).loadConstant(r, TYPE.field("RVAL"));
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
