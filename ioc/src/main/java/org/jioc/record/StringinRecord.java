package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldListener;
import org.jioc.db.Link;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** String input (stringinRecord): a 40-character VAL; posts on change (or always, per MPST/APST). */
public final class StringinRecord extends Record {
    public static final RecordType TYPE = new RecordType("stringin");
    static final Menu POST = new Menu("stringinPOST", "On Change", "Always");
    static final int VAL = TYPE.str("VAL", 40).pp().value().asl0().slot();
    static final int OVAL = TYPE.str("OVAL", 40).readOnly().slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int MPST = TYPE.menu("MPST", POST).slot();
    static final int APST = TYPE.menu("APST", POST).slot();
    static final int SIOL = TYPE.inlink("SIOL").slot();
    static final int SVAL = TYPE.str("SVAL", 40).slot();
    static final int SIML = TYPE.inlink("SIML").slot();
    static final int SIMM = TYPE.menu("SIMM", Menus.YES_NO).slot();
    static final int SIMS = TYPE.menu("SIMS", Menus.ALARM_SEVR).slot();

    static {
        TYPE.factory(StringinRecord::new);
    }

    StringinRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SIML).loadConstant(this, TYPE.field("SIMM"));
        link(SIOL).loadConstant(this, TYPE.field("SVAL"));
        DiscreteRecords.devInit(this, dset);
        o[OVAL] = o[VAL];
    }

    /** No alarm checks of its own (not even UDF): only link, simulation and device alarms, as base. */
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
            o[SVAL] = DiscreteRecords.truncateBytes(link(SIOL).readString(this, str(SVAL)), 39);
        }
        o[VAL] = o[SVAL];
        l[UDF] = 0;
        return 0;
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

    /** "Soft Channel": INP read as a string into VAL (devSiSoft). */
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
            r.o[VAL] = DiscreteRecords.truncateBytes(inp.readString(r, r.str(VAL)), 39);
            r.l[UDF] = 0;
            return 0;
        }
    }
}
