package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldListener;
import org.jioc.db.Link;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** Waveform (waveformRecord): an array of FTVL read through device support, NORD elements valid. */
public final class WaveformRecord extends ArrayRecordBase {
    public static final RecordType TYPE = new RecordType("waveform");
    static final Menu POST = postMenu("waveformPOST");
    static final int VAL = TYPE.add("VAL", DbfType.DOUBLE).array().pp().value().asl0().slot();
    static final int RARM = TYPE.shrt("RARM").pp().slot();
    static final int PREC = TYPE.shrt("PREC").prop().slot();
    static final int INP = TYPE.inlink("INP").slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int HOPR = TYPE.dbl("HOPR").prop().slot();
    static final int LOPR = TYPE.dbl("LOPR").prop().slot();
    static final int NELM = TYPE.ulng("NELM").readOnly().initial("1").slot();
    static final int FTVL = TYPE.menu("FTVL", Menus.FTYPE).readOnly().slot();
    static final int BUSY = TYPE.shrt("BUSY").readOnly().slot();
    static final int NORD = TYPE.ulng("NORD").readOnly().slot();
    static final int MPST = TYPE.menu("MPST", POST).slot();
    static final int APST = TYPE.menu("APST", POST).slot();
    static final int HASH = TYPE.ulng("HASH").slot();

    static {
        TYPE.factory(WaveformRecord::new);
    }

    WaveformRecord(RecordType t) { super(t, VAL, FTVL, NORD, PREC, EGU, HOPR, LOPR); }

    @Override
    int capacity() { return clampCount(l[NELM]); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            if (l[NELM] <= 0) l[NELM] = 1;
            reallocate();
            l[NORD] = l[NELM] == 1 ? 1 : 0;
            return;
        }
        if (dset == null) throw new DbException(DbException.Kind.FAILED, "waveform: no device support");
    }

    @Override
    protected void process() {
        if (noDevice()) return;
        boolean wasActive = l[PACT] != 0;
        if (wasActive && l[BUSY] != 0) return;
        int before = nord();
        dset.read(this);
        if (nord() != before) postL(NORD, FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
        if (!wasActive && l[PACT] != 0) return;
        l[PACT] = 1;
        l[UDF] = 0;
        getTimeStamp();
        monitorWithHash(MPST, APST, HASH, 0, 1);
        fwdLink();
        l[PACT] = 0;
    }

    /** "Soft Channel" (devWfSoft): constant INP loads at init; otherwise INP is read into VAL. */
    static final class Soft implements DeviceSupport {
        @Override
        public void init(Record rec, int pass) {
            if (pass != 1) return;
            WaveformRecord r = (WaveformRecord) rec;
            int n = r.link(INP).loadConstantArray(r, r.buffer(), r.capacity());
            if (n > 0) {
                r.l[NORD] = n;
                r.l[UDF] = 0;
            } else {
                r.l[NORD] = 0;
            }
        }

        @Override
        public long read(Record rec) {
            WaveformRecord r = (WaveformRecord) rec;
            Link inp = r.link(INP);
            if (inp.isConstant()) return 0;
            int n = inp.readArray(r, r.buffer(), r.capacity());
            if (n < 0) return -1;
            if (n > 0) {
                r.l[NORD] = n;
                r.l[UDF] = 0;
            }
            return 0;
        }
    }
}
