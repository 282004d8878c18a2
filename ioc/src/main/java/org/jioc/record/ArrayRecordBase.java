package org.jioc.record;

import java.nio.charset.StandardCharsets;

import org.jioc.db.ArrayConvert;
import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * What waveform, aai, aao and subArray share: a VAL array of FTVL elements allocated once at init, NORD, the
 * put_array_info / get_array_info pair, EGU/PREC/HOPR/LOPR metadata and the MPST/APST hash check.
 */
abstract class ArrayRecordBase extends Record {
    private final int val, ftvl, nord, prec, egu, hopr, lopr;

    ArrayRecordBase(RecordType t, int val, int ftvl, int nord, int prec, int egu, int hopr, int lopr) {
        super(t);
        this.val = val;
        this.ftvl = ftvl;
        this.nord = nord;
        this.prec = prec;
        this.egu = egu;
        this.hopr = hopr;
        this.lopr = lopr;
    }

    /** The element type (FTVL). */
    final DbfType ftvl() { return DbfType.ofMenuName(Menus.FTYPE.choice((int) l[ftvl])); }

    /** Elements the buffer holds (NELM, or MALM for subArray); at least 1. */
    abstract int capacity();

    /** The backing array; allocated on first use (normally init pass 0). */
    final Object buffer() {
        Object b = o[val];
        if (b == null) {
            b = ArrayConvert.allocate(ftvl(), capacity());
            o[val] = b;
        }
        return b;
    }

    /** Init pass 0: make sure the buffer matches FTVL and the capacity (keeps one that already does). */
    final void reallocate() {
        Object b = o[val];
        Object fresh = ArrayConvert.allocate(ftvl(), 0);
        if (b == null || b.getClass() != fresh.getClass() || ArrayConvert.length(b) != capacity()) o[val] = null;
        buffer();
    }

    final int nord() { return (int) l[nord]; }

    /** Set NORD, posting it (VALUE|LOG) when it changed. */
    final void setNord(int n) {
        long old = l[nord];
        l[nord] = n;
        if (old != n) postL(nord, FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
    }

    static int clampCount(long n) {
        if (n <= 0) return 1;
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    private boolean isVal(FieldDef f) { return f.isArray() && f.name.equals("VAL"); }

    @Override
    public DbfType fieldType(FieldDef f) { return isVal(f) ? ftvl() : f.type; }

    @Override
    public int arrayCapacity(FieldDef f) { return isVal(f) ? capacity() : 1; }

    @Override
    public int arrayCount(FieldDef f) { return isVal(f) ? nord() : 1; }

    @Override
    public Object arrayValue(FieldDef f) { return isVal(f) ? buffer() : o[f.slot]; }

    /** put_array_info: store up to capacity elements, NORD = n, post NORD if it changed. */
    @Override
    public void arrayPut(FieldDef f, Object src, int n) throws DbException {
        if (!isVal(f)) {
            super.arrayPut(f, src, n);
            return;
        }
        int count = storeElements(buffer(), capacity(), src, n);
        setNord(count);
    }

    /** Copy n elements of src (any backing array or String[]) into dst, converting; returns the count stored. */
    static int storeElements(Object dst, int capacity, Object src, int n) {
        int count = Math.max(0, Math.min(Math.min(n, capacity), ArrayConvert.length(src)));
        if (dst instanceof byte[] && src instanceof String[]) {
            // a string into a CHAR array: its bytes and a terminating NUL
            String s = count > 0 ? ((String[]) src)[0] : "";
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            byte[] d = (byte[]) dst;
            int m = Math.min(b.length, capacity - 1);
            System.arraycopy(b, 0, d, 0, Math.max(0, m));
            if (m >= 0 && m < capacity) d[m] = 0;
            return Math.min(capacity, m + 1);
        }
        if (count > 0) ArrayConvert.copy(src, 0, false, dst, 0, count);
        return count;
    }

    /** 32-bit hash of the first n elements (epicsMemHash plays this role in base; only change detection matters). */
    static int hash(Object arr, int n) {
        int h = 0x811c9dc5;
        if (arr instanceof double[]) {
            double[] a = (double[]) arr;
            for (int i = 0; i < n; i++) {
                long v = Double.doubleToRawLongBits(a[i]);
                h = (h ^ (int) v ^ (int) (v >>> 32)) * 0x01000193;
            }
        } else if (arr instanceof float[]) {
            float[] a = (float[]) arr;
            for (int i = 0; i < n; i++) h = (h ^ Float.floatToRawIntBits(a[i])) * 0x01000193;
        } else if (arr instanceof int[]) {
            int[] a = (int[]) arr;
            for (int i = 0; i < n; i++) h = (h ^ a[i]) * 0x01000193;
        } else if (arr instanceof short[]) {
            short[] a = (short[]) arr;
            for (int i = 0; i < n; i++) h = (h ^ a[i]) * 0x01000193;
        } else if (arr instanceof byte[]) {
            byte[] a = (byte[]) arr;
            for (int i = 0; i < n; i++) h = (h ^ a[i]) * 0x01000193;
        } else if (arr instanceof long[]) {
            long[] a = (long[]) arr;
            for (int i = 0; i < n; i++) h = (h ^ (int) a[i] ^ (int) (a[i] >>> 32)) * 0x01000193;
        } else if (arr instanceof String[]) {
            String[] a = (String[]) arr;
            for (int i = 0; i < n; i++) h = (h ^ a[i].hashCode()) * 0x01000193;
        }
        return (h ^ n) * 0x01000193;
    }

    /**
     * The waveform/aai/aao monitor: reset alarms, Always / On Change per MPST and APST (On Change compares a hash
     * of the NORD elements, posting HASH when it changes), then post VAL.
     */
    final void monitorWithHash(int mpst, int apst, int hashSlot, int always, int onChange) {
        int mask = resetAlarms();
        long m = l[mpst], a = l[apst];
        if (m == always) mask |= FieldListener.DBE_VALUE;
        if (a == always) mask |= FieldListener.DBE_LOG;
        if (m == onChange || a == onChange) {
            long h = hash(buffer(), nord()) & 0xFFFFFFFFL;
            if (h != l[hashSlot]) {
                if (m == onChange) mask |= FieldListener.DBE_VALUE;
                if (a == onChange) mask |= FieldListener.DBE_LOG;
                l[hashSlot] = h;
                postL(hashSlot, FieldListener.DBE_VALUE);
            }
        }
        if (mask != 0) postO(val, mask);
    }

    static Menu postMenu(String name) { return new Menu(name, "Always", "On Change"); }

    @Override
    public String units(FieldDef f) {
        switch (f.name) {
            case "VAL": {
                DbfType t = ftvl();
                return t == DbfType.STRING || t == DbfType.ENUM ? "" : str(egu);
            }
            case "HOPR": case "LOPR": return str(egu);
            default: return "";
        }
    }

    @Override
    public int precision(FieldDef f) {
        if (f.name.equals("VAL")) return (int) l[prec];
        return f.type.isFloating() ? (int) l[prec] : 0;
    }

    @Override
    public void limits(FieldDef f, Limits out) {
        switch (f.name) {
            case "VAL":
                out.display(d[lopr], d[hopr]).control(d[lopr], d[hopr]);
                return;
            case "NORD":
                out.display(0, capacity()).control(0, capacity());
                return;
            default:
                super.limits(f, out);
        }
    }

    /** The common start of process: device support missing is an error as in base (PACT stays set). */
    final boolean noDevice() {
        if (dset != null) return false;
        l[PACT] = 1;
        return true;
    }
}
