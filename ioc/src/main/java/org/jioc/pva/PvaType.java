package org.jioc.pva;

import org.epics.pva.data.PVAByte;
import org.epics.pva.data.PVAByteArray;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAFloat;
import org.epics.pva.data.PVAFloatArray;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAIntArray;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVALongArray;
import org.epics.pva.data.PVAShort;
import org.epics.pva.data.PVAShortArray;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStringArray;

import org.jioc.db.ArrayConvert;
import org.jioc.db.DbfType;

/**
 * The pvData element type a DBF type is served as (as QSRV maps dbChannelFinalFieldType): CHAR byte, UCHAR ubyte,
 * SHORT/USHORT short/ushort, LONG/ULONG int/uint, INT64/UINT64 long/ulong, FLOAT float, DOUBLE double, everything
 * else string. Also builds scalar and array pvData items of that type from record values.
 */
enum PvaType {
    BYTE(false, 1), UBYTE(true, 1), SHORT(false, 2), USHORT(true, 2), INT(false, 4), UINT(true, 4),
    LONG(false, 8), ULONG(true, 8), FLOAT(false, 4), DOUBLE(false, 8), STRING(false, 45);

    final boolean unsigned;
    /** Encoded bytes per array element (strings: the 40-character EPICS string and its size byte, rounded up). */
    final int elementBytes;

    PvaType(boolean unsigned, int elementBytes) {
        this.unsigned = unsigned;
        this.elementBytes = elementBytes;
    }

    static PvaType of(DbfType t) {
        switch (t) {
            case CHAR: return BYTE;
            case UCHAR: return UBYTE;
            case SHORT: return SHORT;
            case USHORT: return USHORT;
            case LONG: return INT;
            case ULONG: return UINT;
            case INT64: return LONG;
            case UINT64: return ULONG;
            case FLOAT: return FLOAT;
            case DOUBLE: return DOUBLE;
            case ENUM: case MENU: case DEVICE: return USHORT; // only reached for arrays; scalars are NTEnum
            default: return STRING;
        }
    }

    boolean isFloating() { return this == FLOAT || this == DOUBLE; }

    /** A scalar item from an integer value (the record's stored bits; unsigned types keep their bit pattern). */
    PVAData ofLong(String name, long v) {
        switch (this) {
            case BYTE: case UBYTE: return new PVAByte(name, unsigned, (byte) v);
            case SHORT: case USHORT: return new PVAShort(name, unsigned, (short) v);
            case INT: case UINT: return new PVAInt(name, unsigned, (int) v);
            case LONG: case ULONG: return new PVALong(name, unsigned, v);
            case FLOAT: return new PVAFloat(name, (float) v);
            case DOUBLE: return new PVADouble(name, (double) v);
            default: return new PVAString(name, unsigned ? Long.toUnsignedString(v) : Long.toString(v));
        }
    }

    /** A scalar item from a double (limits, floating values); integer types convert as dbConvert does. */
    PVAData ofDouble(String name, double v) {
        switch (this) {
            case FLOAT: return new PVAFloat(name, (float) v);
            case DOUBLE: return new PVADouble(name, v);
            case BYTE: return ofLong(name, DbfType.CHAR.fromDouble(v));
            case UBYTE: return ofLong(name, DbfType.UCHAR.fromDouble(v));
            case SHORT: return ofLong(name, DbfType.SHORT.fromDouble(v));
            case USHORT: return ofLong(name, DbfType.USHORT.fromDouble(v));
            case INT: return ofLong(name, DbfType.LONG.fromDouble(v));
            case UINT: return ofLong(name, DbfType.ULONG.fromDouble(v));
            case LONG: return ofLong(name, DbfType.INT64.fromDouble(v));
            case ULONG: return ofLong(name, DbfType.UINT64.fromDouble(v));
            default: return new PVAString(name, Double.toString(v));
        }
    }

    /** An array item with the first count elements of a record's backing array (any primitive array or String[]). */
    PVAData array(String name, Object backing, int count) {
        Object values = copy(backing, count);
        switch (this) {
            case BYTE: case UBYTE: return new PVAByteArray(name, unsigned, (byte[]) values);
            case SHORT: case USHORT: return new PVAShortArray(name, unsigned, (short[]) values);
            case INT: case UINT: return new PVAIntArray(name, unsigned, (int[]) values);
            case LONG: case ULONG: return new PVALongArray(name, unsigned, (long[]) values);
            case FLOAT: return new PVAFloatArray(name, (float[]) values);
            case DOUBLE: return new PVADoubleArray(name, (double[]) values);
            default: return new PVAStringArray(name, (String[]) values);
        }
    }

    /** An empty array of this element type's Java class. */
    private Object allocate(int n) {
        switch (this) {
            case BYTE: case UBYTE: return new byte[n];
            case SHORT: case USHORT: return new short[n];
            case INT: case UINT: return new int[n];
            case LONG: case ULONG: return new long[n];
            case FLOAT: return new float[n];
            case DOUBLE: return new double[n];
            default: return new String[n];
        }
    }

    /** count elements of src as this type's Java array (a plain copy when the backing class already matches). */
    private Object copy(Object src, int count) {
        int n = src == null ? 0 : Math.max(0, Math.min(count, ArrayConvert.length(src)));
        Object dst = allocate(n);
        if (n > 0) ArrayConvert.copy(src, 0, false, dst, 0, n);
        if (dst instanceof String[]) {
            String[] s = (String[]) dst;
            for (int i = 0; i < n; i++) if (s[i] == null) s[i] = "";
        }
        return dst;
    }

    /** The Java array inside an array item written by a client (same class as {@link #allocate}). */
    static Object arrayOf(PVAData written) {
        if (written instanceof PVAByteArray) return ((PVAByteArray) written).get();
        if (written instanceof PVAShortArray) return ((PVAShortArray) written).get();
        if (written instanceof PVAIntArray) return ((PVAIntArray) written).get();
        if (written instanceof PVALongArray) return ((PVALongArray) written).get();
        if (written instanceof PVAFloatArray) return ((PVAFloatArray) written).get();
        if (written instanceof PVADoubleArray) return ((PVADoubleArray) written).get();
        if (written instanceof PVAStringArray) return ((PVAStringArray) written).get();
        return null;
    }
}
