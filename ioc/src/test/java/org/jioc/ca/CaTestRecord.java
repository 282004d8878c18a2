package org.jioc.ca;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jioc.db.ArrayConvert;
import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.DeviceRegistry;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Record;
import org.jioc.db.RecordType;
import org.jioc.record.StandardRecords;

/**
 * A test-only record type with the field kinds the CA adapter must serve: arrays (a small DOUBLE one, a 1M SHORT one,
 * a CHAR one), an ENUM with states, and scalars of the integer types that have no CA type of their own.
 */
public final class CaTestRecord extends Record {
    public static final RecordType TYPE = new RecordType("catest");
    static final int VAL = TYPE.dbl("VAL").pp().value().slot();
    static final int WAVE = TYPE.add("WAVE", DbfType.DOUBLE).array().slot();
    static final int BIG = TYPE.add("BIG", DbfType.SHORT).array().slot();
    static final int CWAV = TYPE.add("CWAV", DbfType.CHAR).array().slot();
    static final int MODE = TYPE.add("MODE", DbfType.ENUM).slot();
    static final int STR = TYPE.str("STR", 40).slot();
    static final int LNK = TYPE.outlink("LNK").slot();
    static final int U32 = TYPE.ulng("U32").slot();
    static final int I64 = TYPE.add("I64", DbfType.INT64).slot();
    static final int US = TYPE.ushrt("US").slot();
    static final int UC = TYPE.uchar("UC").slot();
    static final int FL = TYPE.flt("FL").slot();
    static final int WNRD = TYPE.lng("WNRD").readOnly().slot();
    static final int BNRD = TYPE.lng("BNRD").readOnly().slot();
    static final int CNRD = TYPE.lng("CNRD").readOnly().slot();

    static final int WAVE_N = 10, BIG_N = 1_000_000, CWAV_N = 256;

    static {
        TYPE.factory(CaTestRecord::new);
    }

    CaTestRecord(RecordType t) { super(t); }

    /** The standard types plus this one. */
    static Map<String, RecordType> types() {
        Map<String, RecordType> m = new LinkedHashMap<>(StandardRecords.types());
        m.put(TYPE.name(), TYPE);
        return m;
    }

    static DeviceRegistry devices() {
        DeviceRegistry dev = new DeviceRegistry();
        StandardRecords.registerDevices(dev);
        return dev;
    }

    @Override
    protected void initRecord(int pass) {
        if (pass != 0) return;
        ensureArrays();
    }

    private void ensureArrays() {
        if (o[WAVE] == null) o[WAVE] = new double[WAVE_N];
        if (o[BIG] == null) o[BIG] = new short[BIG_N];
        if (o[CWAV] == null) o[CWAV] = new byte[CWAV_N];
    }

    @Override
    protected void process() {
        l[PACT] = 1;
        getTimeStamp();
        l[UDF] = 0;
        int mask = resetAlarms() | FieldListener.DBE_VALUE | FieldListener.DBE_LOG;
        postD(VAL, mask);
        fwdLink();
        l[PACT] = 0;
    }

    @Override
    public String[] enumStrings(FieldDef f) {
        if (f.name.equals("MODE")) return new String[] {"Off", "On", "Auto"};
        return super.enumStrings(f);
    }

    @Override
    public String units(FieldDef f) { return f.name.equals("VAL") ? "mm" : ""; }

    @Override
    public int precision(FieldDef f) { return f.name.equals("VAL") ? 3 : 0; }

    @Override
    public int arrayCapacity(FieldDef f) {
        switch (f.name) {
            case "WAVE": return WAVE_N;
            case "BIG": return BIG_N;
            case "CWAV": return CWAV_N;
            default: return 1;
        }
    }

    @Override
    public int arrayCount(FieldDef f) {
        switch (f.name) {
            case "WAVE": return (int) l[WNRD];
            case "BIG": return (int) l[BNRD];
            case "CWAV": return (int) l[CNRD];
            default: return 1;
        }
    }

    @Override
    public Object arrayValue(FieldDef f) {
        ensureArrays();
        return o[f.slot];
    }

    @Override
    public void arrayPut(FieldDef f, Object src, int n) throws DbException {
        ensureArrays();
        int cap = arrayCapacity(f);
        if (!f.isArray()) super.arrayPut(f, src, n);
        int k = Math.min(n, cap);
        ArrayConvert.copy(src, 0, false, o[f.slot], 0, k);
        switch (f.name) {
            case "WAVE": l[WNRD] = k; break;
            case "BIG": l[BNRD] = k; break;
            default: l[CNRD] = k; break;
        }
    }
}
