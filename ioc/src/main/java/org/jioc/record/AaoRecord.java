package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.DeviceSupport;
import org.jioc.db.Link;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** Array analog output (aaoRecord): VAL is written through device support. */
public final class AaoRecord extends ArrayRecordBase {
    public static final RecordType TYPE = new RecordType("aao");
    static final Menu POST = postMenu("aaoPOST");
    static final int VAL = TYPE.add("VAL", DbfType.DOUBLE).array().pp().value().asl0().slot();
    static final int PREC = TYPE.shrt("PREC").prop().slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int HOPR = TYPE.dbl("HOPR").prop().slot();
    static final int LOPR = TYPE.dbl("LOPR").prop().slot();
    static final int NELM = TYPE.ulng("NELM").readOnly().initial("1").slot();
    static final int FTVL = TYPE.menu("FTVL", Menus.FTYPE).readOnly().slot();
    static final int NORD = TYPE.ulng("NORD").readOnly().slot();
    static final int MPST = TYPE.menu("MPST", POST).slot();
    static final int APST = TYPE.menu("APST", POST).slot();
    static final int HASH = TYPE.ulng("HASH").slot();

    static {
        TYPE.factory(AaoRecord::new);
    }

    AaoRecord(RecordType t) { super(t, VAL, FTVL, NORD, PREC, EGU, HOPR, LOPR); }

    @Override
    int capacity() { return clampCount(l[NELM]); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            if (l[NELM] <= 0) l[NELM] = 1;
            l[NORD] = l[NELM] == 1 ? 1 : 0;
            reallocate();
            return;
        }
        if (dset == null) throw new DbException(DbException.Kind.FAILED, "aao: no device support");
    }

    @Override
    protected void process() {
        if (noDevice()) return;
        boolean wasActive = l[PACT] != 0;
        dset.write(this);
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        l[UDF] = 0;
        getTimeStamp();
        monitorWithHash(MPST, APST, HASH, 0, 1);
        fwdLink();
        l[PACT] = 0;
    }

    /** "Soft Channel" (devAaoSoft): a constant OUT loads VAL at init; VAL (NORD elements) is written to OUT. */
    static final class Soft implements DeviceSupport {
        @Override
        public void init(Record rec, int pass) {
            if (pass != 1) return;
            AaoRecord r = (AaoRecord) rec;
            int n = r.link(OUT).loadConstantArray(r, r.buffer(), r.capacity());
            if (n > 0) {
                r.l[NORD] = n;
                r.l[UDF] = 0;
            }
        }

        @Override
        public long write(Record rec) {
            AaoRecord r = (AaoRecord) rec;
            Link out = r.link(OUT);
            if (out.isConstant()) return 0;
            return out.writeArray(r, r.buffer(), r.nord()) ? 0 : -1;
        }
    }
}
