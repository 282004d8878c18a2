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
 * Sub-array (subArrayRecord): reads up to MALM elements of a source array and keeps NELM of them starting at INDX.
 * VAL has capacity MALM; clients see NORD elements, or none while UDF.
 */
public final class SubArrayRecord extends ArrayRecordBase {
    public static final RecordType TYPE = new RecordType("subArray");
    static final int VAL = TYPE.add("VAL", DbfType.DOUBLE).array().pp().value().asl0().slot();
    static final int PREC = TYPE.shrt("PREC").prop().slot();
    static final int FTVL = TYPE.menu("FTVL", Menus.FTYPE).readOnly().slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int HOPR = TYPE.dbl("HOPR").prop().slot();
    static final int LOPR = TYPE.dbl("LOPR").prop().slot();
    static final int MALM = TYPE.ulng("MALM").readOnly().initial("1").slot();
    static final int NELM = TYPE.ulng("NELM").pp().initial("1").slot();
    static final int INDX = TYPE.ulng("INDX").pp().slot();
    static final int BUSY = TYPE.shrt("BUSY").readOnly().slot();
    static final int NORD = TYPE.lng("NORD").readOnly().slot();

    static {
        TYPE.factory(SubArrayRecord::new);
    }

    SubArrayRecord(RecordType t) { super(t, VAL, FTVL, NORD, PREC, EGU, HOPR, LOPR); }

    @Override
    int capacity() { return clampCount(l[MALM]); }

    @Override
    public int arrayCount(FieldDef f) {
        if (f.isArray() && f.name.equals("VAL")) return l[UDF] != 0 ? 0 : nord();
        return super.arrayCount(f);
    }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            if (l[MALM] <= 0) l[MALM] = 1;
            reallocate();
            l[NORD] = 0;
            if (l[NELM] > l[MALM]) l[NELM] = l[MALM];
            return;
        }
        if (dset == null) throw new DbException(DbException.Kind.FAILED, "subArray: no device support");
    }

    @Override
    protected void process() {
        if (noDevice()) return;
        boolean wasActive = l[PACT] != 0;
        if (wasActive && l[BUSY] != 0) return;
        if (l[NELM] > l[MALM]) l[NELM] = l[MALM];
        if (l[INDX] >= l[MALM]) l[INDX] = l[MALM] - 1;
        long status = dset.read(this);
        if (nord() <= 0) status = -1;
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        getTimeStamp();
        l[UDF] = status != 0 ? 1 : 0;
        if (status != 0) setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
        int mask = resetAlarms() | FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
        postO(VAL, mask);
        fwdLink();
        l[PACT] = 0;
    }

    /** Keep NELM elements from INDX of the n read (devSASoft subset); memmove semantics via arraycopy. */
    void subset(int n) {
        long ecount = n - l[INDX];
        if (ecount > 0) {
            if (ecount > l[NELM]) ecount = l[NELM];
            Object b = buffer();
            System.arraycopy(b, (int) l[INDX], b, 0, (int) ecount);
        } else {
            ecount = 0;
        }
        setNord((int) ecount);
        l[UDF] = 0;
    }

    int request() { return (int) Math.min(l[INDX] + l[NELM], l[MALM]); }

    @Override
    public void limits(FieldDef f, Limits out) {
        long malm = l[MALM];
        switch (f.name) {
            case "INDX": out.display(0, malm - 1).control(0, malm - 1); return;
            case "NELM": out.display(0, malm).control(1, malm); return;
            case "NORD": out.display(0, malm).control(0, malm); return;
            case "BUSY": out.display(0, 1).control(0, 1); return;
            default: super.limits(f, out);
        }
    }

    /** "Soft Channel" (devSASoft). */
    static final class Soft implements DeviceSupport {
        @Override
        public void init(Record rec, int pass) {
            if (pass != 1) return;
            SubArrayRecord r = (SubArrayRecord) rec;
            int n = r.link(INP).loadConstantArray(r, r.buffer(), r.request());
            if (n > 0) r.subset(n);
        }

        @Override
        public long read(Record rec) {
            SubArrayRecord r = (SubArrayRecord) rec;
            Link inp = r.link(INP);
            int n;
            if (inp.isConstant()) {
                n = inp.loadConstantArray(r, r.buffer(), r.request());
                if (n < 0) n = r.nord(); // INP empty: keep what is there
            } else {
                n = inp.readArray(r, r.buffer(), r.request());
                if (n < 0) return -1;
            }
            if (n > 0) r.subset(n);
            return 0;
        }
    }
}
