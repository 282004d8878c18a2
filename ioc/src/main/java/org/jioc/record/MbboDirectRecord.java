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
 * Multi-bit binary output direct (mbboDirectRecord): VAL (LONG) and the bit fields B0..B1F kept consistent: a put
 * to a bit in supervisory mode changes VAL, processing sets the bits from VAL; RVAL = VAL &lt;&lt; SHFT.
 */
public final class MbboDirectRecord extends Record {
    public static final RecordType TYPE = new RecordType("mbboDirect");
    static final int VAL = TYPE.lng("VAL").pp().value().asl0().slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).special().slot();
    static final int NOBT = TYPE.shrt("NOBT").slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int RVAL = TYPE.ulng("RVAL").pp().slot();
    static final int ORAW = TYPE.ulng("ORAW").readOnly().slot();
    static final int RBV = TYPE.ulng("RBV").readOnly().slot();
    static final int ORBV = TYPE.ulng("ORBV").readOnly().slot();
    static final int MASK = TYPE.ulng("MASK").readOnly().slot();
    static final int MLST = TYPE.lng("MLST").readOnly().slot();
    static final int SHFT = TYPE.ushrt("SHFT").slot();
    static final int SIOL = TYPE.outlink("SIOL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.lng("IVOV").slot();
    static final int[] B = MbbiDirectRecord.declareBits(TYPE, true);

    static {
        TYPE.factory(MbboDirectRecord::new);
    }

    MbboDirectRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        if (link(DOL).loadConstant(this, TYPE.field("VAL"))) l[UDF] = 0;
        if (l[MASK] == 0 && l[NOBT] <= 32) l[MASK] = MbbiRecord.nobtMask(l[NOBT]);
        long status = DiscreteRecords.devInit(this, dset);
        if (status == 0) {
            long rval = l[RVAL];
            if (l[SHFT] > 0) rval = l[SHFT] >= 32 ? 0 : rval >>> l[SHFT];
            l[VAL] = (int) rval;
            l[UDF] = 0;
        }
        if (l[UDF] != 0) {
            // only bits given in the database: they define VAL
            long v = MbbiDirectRecord.valFromBits(this, B);
            if (v != 0) {
                l[VAL] = v;
                l[UDF] = 0;
            }
        }
        if (l[UDF] == 0) for (int i = 0; i < 32; i++) l[B[i]] = (l[VAL] >>> i) & 1;
        convert();
        l[MLST] = l[VAL];
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
                else l[VAL] = (int) dol.readLong(this, l[VAL]);
            } else if (l[UDF] != 0) {
                setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
                ok = false;
            }
            if (ok) {
                l[UDF] = 0;
                convert();
            }
        }
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

    private void convert() {
        long shft = l[SHFT];
        long rval = l[VAL] & 0xFFFFFFFFL;
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

    private void monitor() {
        int events = resetAlarms();
        if (l[UDF] == 0) MbbiDirectRecord.bitsFromVal(this, B, l[VAL], 0);
        if (l[MLST] != l[VAL]) {
            events |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
            l[MLST] = l[VAL];
        }
        if (events != 0) postL(VAL, events);
        events |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
        if (l[ORAW] != l[RVAL]) {
            postL(RVAL, events);
            l[ORAW] = l[RVAL];
        }
        if (l[ORBV] != l[RBV]) {
            postL(RBV, events);
            l[ORBV] = l[RBV];
        }
    }

    @Override
    protected void special(FieldDef f, boolean after) {
        if (!after) return;
        if (f.name.equals("OMSL")) {
            if (l[OMSL] == 0 && l[UDF] == 0) MbbiDirectRecord.bitsFromVal(this, B, l[VAL], 0);
            return;
        }
        int bit = MbbiDirectRecord.bitIndex(f.name);
        if (bit < 0 || l[OMSL] != 0) return;
        long mask = 1L << bit;
        long v = l[VAL] & 0xFFFFFFFFL;
        v = l[B[bit]] != 0 ? v | mask : v & ~mask;
        l[VAL] = (int) v;
        l[UDF] = 0;
        convert();
    }

    /** "Soft Channel": VAL to OUT (devMbboDirectSoft). */
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

    /** "Raw Soft Channel": RVAL &amp; MASK to OUT (devMbboDirectSoftRaw). */
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
