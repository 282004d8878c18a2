package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldListener;
import org.jioc.db.Link;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** String output (stringoutRecord): a 40-character VAL from DOL or puts, written to OUT; UDF alarm, IVOA. */
public final class StringoutRecord extends Record {
    public static final RecordType TYPE = new RecordType("stringout");
    static final Menu POST = new Menu("stringoutPOST", "On Change", "Always");
    static final int VAL = TYPE.str("VAL", 40).pp().value().asl0().slot();
    static final int OVAL = TYPE.str("OVAL", 40).readOnly().slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int MPST = TYPE.menu("MPST", POST).slot();
    static final int APST = TYPE.menu("APST", POST).slot();
    static final int SIOL = TYPE.outlink("SIOL").slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.str("IVOV", 40).slot();

    static {
        TYPE.factory(StringoutRecord::new);
    }

    StringoutRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        if (link(DOL).loadConstant(this, TYPE.field("VAL"))) l[UDF] = 0;
        DiscreteRecords.devInit(this, dset);
        o[OVAL] = o[VAL];
    }

    @Override
    protected void process() {
        boolean wasActive = l[PACT] != 0;
        Link dol = link(DOL);
        if (!wasActive && !dol.isConstant() && l[OMSL] == 1) {
            if (!DiscreteRecords.linkDown(this, dol)) {
                o[VAL] = DiscreteRecords.truncateBytes(dol.readString(this, str(VAL)), 39);
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
                    if (!wasActive) o[VAL] = o[IVOV];
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
        int mask = resetAlarms();
        if (!str(OVAL).equals(str(VAL))) {
            mask |= FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
            o[OVAL] = o[VAL];
        }
        if (l[MPST] == 1) mask |= FieldListener.DBE_VALUE;
        if (l[APST] == 1) mask |= FieldListener.DBE_LOG;
        if (mask != 0) postO(VAL, mask);
    }

    /** "Soft Channel": VAL to OUT as a string (devSoSoft). */
    static final class Soft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (!out.isConstant()) out.writeString(r, r.str(VAL));
            return 0;
        }
    }
}
