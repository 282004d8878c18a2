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
 * Long string output (lsoRecord): VAL is a STRING of SIZV bytes (see {@link LsiRecord}), taken from DOL in
 * closed loop or from puts, written to OUT; UDF alarm; IVOA/IVOV.
 */
public final class LsoRecord extends Record {
    public static final RecordType TYPE = new RecordType("lso");
    static final int VAL = TYPE.str("VAL", 41).pp().value().asl0().special().slot();
    static final int OVAL = TYPE.str("OVAL", 41).readOnly().slot();
    static final int SIZV = TYPE.ushrt("SIZV").readOnly().initial("41").slot();
    static final int LEN = TYPE.ulng("LEN").readOnly().slot();
    static final int OLEN = TYPE.ulng("OLEN").readOnly().slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.str("IVOV", 40).slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int MPST = TYPE.menu("MPST", Menus.POST).slot();
    static final int APST = TYPE.menu("APST", Menus.POST).slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int SIOL = TYPE.outlink("SIOL").slot();

    static {
        TYPE.factory(LsoRecord::new);
    }

    LsoRecord(RecordType t) { super(t); }

    @Override
    public int stringSize(FieldDef f) {
        if (f.name.equals("VAL") || f.name.equals("OVAL")) return LsiRecord.sizv(this, SIZV);
        return f.size;
    }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            l[SIZV] = LsiRecord.sizv(this, SIZV);
            o[VAL] = DiscreteRecords.truncateBytes(str(VAL), (int) l[SIZV] - 1);
            l[LEN] = 0;
            l[OLEN] = 0;
            return;
        }
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        Link dol = link(DOL);
        if (dol.isConstant() && dol.loadConstant(this, TYPE.field("VAL"))) {
            LsiRecord.setValue(this, VAL, LEN, SIZV, str(VAL));
            l[UDF] = 0;
        }
        DiscreteRecords.devInit(this, dset);
        if (l[LEN] != 0) {
            o[OVAL] = o[VAL];
            l[OLEN] = l[LEN];
        }
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        Link dol = link(DOL);
        if (!wasActive && l[OMSL] == 1 && !dol.isConstant()) {
            if (!DiscreteRecords.linkDown(this, dol)) {
                LsiRecord.setValue(this, VAL, LEN, SIZV, dol.readString(this, str(VAL)));
                l[UDF] = 0;
            }
        }
        if (l[UDF] != 0) setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
        if (l[NSEV] < Menus.INVALID) {
            writeValue();
        } else {
            switch ((int) l[IVOA]) {
                case 0: writeValue(); break;
                case 2:
                    if (!wasActive) LsiRecord.setValue(this, VAL, LEN, SIZV, str(IVOV));
                    writeValue();
                    break;
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

    private void writeValue() {
        if (!link(SIML).isConstant()) l[SIMM] = link(SIML).readLong(this, l[SIMM]);
        if (l[SIMM] == 1) {
            setSevr(Menus.SIMM_ALARM, (int) l[SIMS]);
            if (!link(SIOL).isConstant()) link(SIOL).writeString(this, str(VAL));
            return;
        }
        if (dset != null) dset.write(this);
    }

    private void monitor() {
        int events = resetAlarms();
        events |= LsiRecord.monitorValue(this, VAL, OVAL, LEN, OLEN);
        if (l[MPST] == 1) events |= FieldListener.DBE_VALUE;
        if (l[APST] == 1) events |= FieldListener.DBE_LOG;
        if (events != 0) postO(VAL, events);
    }

    @Override
    protected void special(FieldDef f, boolean after) {
        if (after && f.name.equals("VAL")) {
            l[LEN] = DiscreteRecords.byteLength(str(VAL)) + 1;
            postL(LEN, FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
        }
    }

    /** "Soft Channel": VAL to OUT as a string (devLsoSoft). */
    static final class Soft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeString(r, r.str(VAL));
            return 0;
        }
    }
}
