package org.jioc.areadetector.hdf5;

/**
 * areaDetector's NDDataType_t with its exact enum strings (index = the DataType mbbo value) and the element size.
 * Unsigned types are stored in Java's signed primitive of the same width and written to HDF5 as unsigned.
 */
public enum FrameType {
    Int8(1, false), UInt8(1, true), Int16(2, false), UInt16(2, true), Int32(4, false), UInt32(4, true),
    Int64(8, false), UInt64(8, true), Float32(4, false), Float64(8, false);

    public final int size;
    public final boolean unsigned;

    FrameType(int size, boolean unsigned) {
        this.size = size;
        this.unsigned = unsigned;
    }

    public boolean isFloat() { return this == Float32 || this == Float64; }

    static FrameType ofCode(int code) {
        FrameType[] all = values();
        if (code < 0 || code >= all.length) throw new IllegalArgumentException("unknown data type code " + code);
        return all[code];
    }
}
