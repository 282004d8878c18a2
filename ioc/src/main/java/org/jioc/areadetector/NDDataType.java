package org.jioc.areadetector;

/**
 * NDDataType_t: the element type of an NDArray. The enum names are areaDetector's strings exactly (clients feed
 * DataType_RBV lower-cased to numpy), and the ordinals are the DataType mbbo indices 0..9.
 */
public enum NDDataType {
    Int8(1, false), UInt8(1, true), Int16(2, false), UInt16(2, true), Int32(4, false), UInt32(4, true),
    Int64(8, false), UInt64(8, true), Float32(4, false), Float64(8, false);

    /** Bytes per element. */
    public final int bytes;
    public final boolean unsigned;

    NDDataType(int bytes, boolean unsigned) {
        this.bytes = bytes;
        this.unsigned = unsigned;
    }

    public boolean isFloat() { return this == Float32 || this == Float64; }

    /** The type for a DataType index; IllegalArgumentException outside 0..9. */
    public static NDDataType of(int index) {
        NDDataType[] all = values();
        if (index < 0 || index >= all.length) throw new IllegalArgumentException("no NDDataType " + index + " (0..9)");
        return all[index];
    }

    /** A Java array of n elements that holds this type (signed Java types carry the unsigned ones bit for bit). */
    public Object allocate(int n) {
        switch (this) {
            case Int8: case UInt8: return new byte[n];
            case Int16: case UInt16: return new short[n];
            case Int32: case UInt32: return new int[n];
            case Int64: case UInt64: return new long[n];
            case Float32: return new float[n];
            default: return new double[n];
        }
    }

    /** The Java array class that backs this type. */
    public Class<?> arrayClass() { return allocate(0).getClass(); }
}
