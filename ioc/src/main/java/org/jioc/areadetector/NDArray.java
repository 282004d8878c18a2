package org.jioc.areadetector;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jioc.db.EpicsTime;

/**
 * One frame (NDArray.h): unique id, timestamp, data type, dims (dims[0] is X, the fastest-varying), colour mode,
 * attributes, and the pixels in a primitive Java array of the type's width.
 *
 * <p>Sharing: an NDArray is <b>immutable once published</b>. The producer fills a fresh pixel array, wraps it and
 * never touches it again; every plugin downstream reads the same object without copying and without reference
 * counts (the garbage collector frees it when the last queue lets go). A plugin that changes pixels (ROI, a
 * conversion) makes a new NDArray. That is why there is no NDArrayPool: the cost of sharing is one reference.
 */
public final class NDArray {
    private final int uniqueId;
    private final long epicsSec;
    private final int nsec;
    private final NDDataType dataType;
    private final NDColorMode colorMode;
    private final int[] dims;
    private final Object data;
    private final Map<String, NDAttribute> attributes;

    /**
     * @param epicsSec seconds since the EPICS epoch (1990-01-01 UTC), @param nsec nanoseconds; @param data a
     * primitive array of {@code dataType.arrayClass()} with exactly the product of dims elements (kept, not copied).
     */
    public NDArray(int uniqueId, long epicsSec, int nsec, NDDataType dataType, NDColorMode colorMode, int[] dims,
                   Object data, List<NDAttribute> attributes) {
        if (dims.length < 1 || dims.length > 10) throw new IllegalArgumentException("NDArray needs 1..10 dims");
        long n = 1;
        for (int d : dims) {
            if (d < 1) throw new IllegalArgumentException("dimension " + d + " < 1");
            n *= d;
        }
        if (data == null || data.getClass() != dataType.arrayClass()) {
            throw new IllegalArgumentException("data for " + dataType + " must be " + dataType.arrayClass().getSimpleName());
        }
        if (java.lang.reflect.Array.getLength(data) != n) {
            throw new IllegalArgumentException("data has " + java.lang.reflect.Array.getLength(data)
                    + " elements, dims " + Arrays.toString(dims) + " need " + n);
        }
        this.uniqueId = uniqueId;
        this.epicsSec = epicsSec;
        this.nsec = nsec;
        this.dataType = dataType;
        this.colorMode = colorMode;
        this.dims = dims.clone();
        this.data = data;
        Map<String, NDAttribute> m = new LinkedHashMap<>();
        for (NDAttribute a : attributes) m.put(a.name(), a);
        this.attributes = java.util.Collections.unmodifiableMap(m);
    }

    /** A frame stamped now. */
    public static NDArray now(int uniqueId, NDDataType type, NDColorMode mode, int[] dims, Object data,
                              List<NDAttribute> attributes) {
        java.time.Instant t = java.time.Instant.now();
        return new NDArray(uniqueId, EpicsTime.posixToEpics(t.getEpochSecond()), t.getNano(), type, mode, dims, data,
                attributes);
    }

    public int uniqueId() { return uniqueId; }

    /** NDArray.timeStamp: seconds since the EPICS epoch as a double. */
    public double timeStamp() { return epicsSec + nsec * 1e-9; }

    public long epicsTsSec() { return epicsSec; }

    public int epicsTsNsec() { return nsec; }

    public NDDataType dataType() { return dataType; }

    public NDColorMode colorMode() { return colorMode; }

    public int ndims() { return dims.length; }

    /** Size of dimension i (0 = X), or 0 past the last dimension (as ArraySizeN_RBV reads). */
    public int dim(int i) { return i < dims.length ? dims[i] : 0; }

    public int[] dims() { return dims.clone(); }

    public int numElements() { return java.lang.reflect.Array.getLength(data); }

    public long sizeBytes() { return (long) numElements() * dataType.bytes; }

    /**
     * The pixel array itself, read-only by contract (see the class comment): never write into it. Unsigned types
     * are stored bit for bit in the signed Java type of the same width.
     */
    public Object data() { return data; }

    /** Element i as a double, honouring unsigned types. */
    public double get(int i) {
        switch (dataType) {
            case Int8: return ((byte[]) data)[i];
            case UInt8: return ((byte[]) data)[i] & 0xFF;
            case Int16: return ((short[]) data)[i];
            case UInt16: return ((short[]) data)[i] & 0xFFFF;
            case Int32: return ((int[]) data)[i];
            case UInt32: return ((int[]) data)[i] & 0xFFFFFFFFL;
            case Int64: return ((long[]) data)[i];
            case UInt64: {
                long v = ((long[]) data)[i];
                return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1);
            }
            case Float32: return ((float[]) data)[i];
            default: return ((double[]) data)[i];
        }
    }

    /** A little-endian copy of the pixels, as HDF5 and NTNDArray codecs want bytes. */
    public ByteBuffer toByteBuffer() {
        ByteBuffer b = ByteBuffer.allocate((int) sizeBytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (dataType.arrayClass().getSimpleName()) {
            case "byte[]": b.put((byte[]) data); break;
            case "short[]": b.asShortBuffer().put((short[]) data); break;
            case "int[]": b.asIntBuffer().put((int[]) data); break;
            case "long[]": b.asLongBuffer().put((long[]) data); break;
            case "float[]": b.asFloatBuffer().put((float[]) data); break;
            default: b.asDoubleBuffer().put((double[]) data); break;
        }
        b.rewind();
        return b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public Map<String, NDAttribute> attributes() { return attributes; }

    public NDAttribute attribute(String name) { return attributes.get(name); }

    @Override
    public String toString() {
        return "NDArray#" + uniqueId + " " + dataType + " " + Arrays.toString(dims) + " " + colorMode;
    }
}
