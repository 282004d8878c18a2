package org.jioc.db;

/** EPICS database field types (dbFldTypes.h) and where a value of each type is stored in a record. */
public enum DbfType {
    STRING(Storage.OBJECT), CHAR(Storage.LONG), UCHAR(Storage.LONG), SHORT(Storage.LONG), USHORT(Storage.LONG),
    LONG(Storage.LONG), ULONG(Storage.LONG), INT64(Storage.LONG), UINT64(Storage.LONG),
    FLOAT(Storage.DOUBLE), DOUBLE(Storage.DOUBLE),
    ENUM(Storage.LONG), MENU(Storage.LONG), DEVICE(Storage.LONG),
    INLINK(Storage.OBJECT), OUTLINK(Storage.OBJECT), FWDLINK(Storage.OBJECT), NOACCESS(Storage.OBJECT);

    /** Scalar values live in one of three primitive/object arrays of the record; arrays always in OBJECT. */
    public enum Storage { LONG, DOUBLE, OBJECT }

    public final Storage storage;

    DbfType(Storage storage) { this.storage = storage; }

    public boolean isLink() { return this == INLINK || this == OUTLINK || this == FWDLINK; }

    public boolean isEnumLike() { return this == ENUM || this == MENU || this == DEVICE; }

    public boolean isInteger() { return storage == Storage.LONG && !isEnumLike(); }

    public boolean isFloating() { return this == FLOAT || this == DOUBLE; }

    public boolean isNumeric() { return isInteger() || isFloating(); }

    /** Clamp/wrap a long to the range of this integer type, as a C assignment would. */
    public long narrow(long v) {
        switch (this) {
            case CHAR: return (byte) v;
            case UCHAR: return v & 0xFF;
            case SHORT: return (short) v;
            case USHORT: return v & 0xFFFF;
            case LONG: return (int) v;
            case ULONG: return v & 0xFFFFFFFFL;
            case ENUM: case MENU: case DEVICE: return v & 0xFFFF;
            default: return v;
        }
    }

    /** Convert a double to this integer type the way EPICS' dbConvert does (truncation, then C narrowing). */
    public long fromDouble(double v) {
        if (Double.isNaN(v)) return 0;
        if (this == UINT64 && v >= 9.223372036854775807E18) return (long) (v - 9.223372036854775807E18) + Long.MIN_VALUE;
        return narrow((long) v);
    }

    /** Value of a stored long as a double, honouring unsignedness. */
    public double toDouble(long v) {
        if (this == UINT64 && v < 0) return (double) (v >>> 1) * 2.0 + (v & 1);
        return v;
    }

    public double minValue() {
        switch (this) {
            case CHAR: return Byte.MIN_VALUE;
            case SHORT: return Short.MIN_VALUE;
            case LONG: return Integer.MIN_VALUE;
            case INT64: return Long.MIN_VALUE;
            case FLOAT: return -Float.MAX_VALUE;
            case DOUBLE: return -Double.MAX_VALUE;
            default: return 0;
        }
    }

    public double maxValue() {
        switch (this) {
            case CHAR: return Byte.MAX_VALUE;
            case UCHAR: return 255;
            case SHORT: return Short.MAX_VALUE;
            case USHORT: return 65535;
            case LONG: return Integer.MAX_VALUE;
            case ULONG: return 4294967295.0;
            case INT64: return Long.MAX_VALUE;
            case UINT64: return 1.8446744073709552E19;
            case FLOAT: return Float.MAX_VALUE;
            case DOUBLE: return Double.MAX_VALUE;
            default: return 0;
        }
    }

    /** FTVL-style menu name ("CHAR", "DOUBLE", ...) to type. */
    public static DbfType ofMenuName(String s) {
        return valueOf(s.toUpperCase());
    }
}
