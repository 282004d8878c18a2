package org.jioc.areadetector.plugins;

import org.jioc.areadetector.NDDataType;

/**
 * Copies a run of pixels out of an NDArray's primitive array into a wider Java type, honouring unsigned types.
 * The ROI and Stats kernels work on such rows (one type switch per row, a plain loop per pixel), so their
 * arithmetic exists once per domain instead of once per areaDetector data type.
 */
final class PixelRows {
    private PixelRows() { }

    /** True for the types whose values fit an int exactly and whose squares sum in a long (8 and 16 bit). */
    static boolean fitsInt(NDDataType t) { return t.bytes <= 2; }

    /**
     * Pixels [from, from+n) of an 8- or 16-bit array into dst[0..n): the bits read unsigned, less 2^7 (2^15) after
     * flipping the sign bit for the signed types, which is the signed value.
     */
    static void toInt(Object data, NDDataType t, int from, int n, int[] dst) {
        if (!fitsInt(t)) throw new IllegalArgumentException(t + " does not fit an int row");
        if (data instanceof byte[]) {
            byte[] a = (byte[]) data;
            int flip = t.unsigned ? 0 : 0x80;
            for (int i = 0; i < n; i++) dst[i] = ((a[from + i] & 0xFF) ^ flip) - flip;
        } else {
            short[] a = (short[]) data;
            int flip = t.unsigned ? 0 : 0x8000;
            for (int i = 0; i < n; i++) dst[i] = ((a[from + i] & 0xFFFF) ^ flip) - flip;
        }
    }

    /** Pixels [from, from+n) of any array into dst[0..n) as doubles (UInt64 read unsigned). */
    static void toDouble(Object data, NDDataType t, int from, int n, double[] dst) {
        switch (t) {
            case Int8: {
                byte[] a = (byte[]) data;
                for (int i = 0; i < n; i++) dst[i] = a[from + i];
                break;
            }
            case UInt8: {
                byte[] a = (byte[]) data;
                for (int i = 0; i < n; i++) dst[i] = a[from + i] & 0xFF;
                break;
            }
            case Int16: {
                short[] a = (short[]) data;
                for (int i = 0; i < n; i++) dst[i] = a[from + i];
                break;
            }
            case UInt16: {
                short[] a = (short[]) data;
                for (int i = 0; i < n; i++) dst[i] = a[from + i] & 0xFFFF;
                break;
            }
            case Int32: {
                int[] a = (int[]) data;
                for (int i = 0; i < n; i++) dst[i] = a[from + i];
                break;
            }
            case UInt32: {
                int[] a = (int[]) data;
                for (int i = 0; i < n; i++) dst[i] = a[from + i] & 0xFFFFFFFFL;
                break;
            }
            case Int64: {
                long[] a = (long[]) data;
                for (int i = 0; i < n; i++) dst[i] = a[from + i];
                break;
            }
            case UInt64: {
                long[] a = (long[]) data;
                for (int i = 0; i < n; i++) dst[i] = unsigned(a[from + i]);
                break;
            }
            case Float32: {
                float[] a = (float[]) data;
                for (int i = 0; i < n; i++) dst[i] = a[from + i];
                break;
            }
            default: {
                double[] a = (double[]) data;
                System.arraycopy(a, from, dst, 0, n);
                break;
            }
        }
    }

    /**
     * Pixels [from, from+n) of any array into dst[0..n) as longs: integers exactly (Int64/UInt64 bit for bit, the
     * narrower ones through a double, which holds them exactly), floats truncated toward zero as C's cast to an
     * integer type does. scratch holds at least n doubles.
     */
    static void toLong(Object data, NDDataType t, int from, int n, long[] dst, double[] scratch) {
        if (t == NDDataType.Int64 || t == NDDataType.UInt64) {
            System.arraycopy((long[]) data, from, dst, 0, n);
            return;
        }
        toDouble(data, t, from, n, scratch);
        for (int i = 0; i < n; i++) dst[i] = (long) scratch[i];
    }

    /** A UInt64 pixel's value. */
    static double unsigned(long v) { return v >= 0 ? v : (v >>> 1) * 2.0 + (v & 1); }

    /**
     * A primitive array of type t holding acc's values cast as C casts to t: integers wrap modulo the type's
     * width (so a binned sum that overflows the output type wraps, as areaDetector's convert() does).
     */
    static Object fromLong(long[] acc, NDDataType t) {
        int n = acc.length;
        Object out = t.allocate(n);
        switch (t) {
            case Int8: case UInt8: {
                byte[] o = (byte[]) out;
                for (int i = 0; i < n; i++) o[i] = (byte) acc[i];
                break;
            }
            case Int16: case UInt16: {
                short[] o = (short[]) out;
                for (int i = 0; i < n; i++) o[i] = (short) acc[i];
                break;
            }
            case Int32: case UInt32: {
                int[] o = (int[]) out;
                for (int i = 0; i < n; i++) o[i] = (int) acc[i];
                break;
            }
            case Int64: case UInt64:
                System.arraycopy(acc, 0, out, 0, n);
                break;
            default:
                throw new IllegalArgumentException("fromLong is for integer types, not " + t);
        }
        return out;
    }

    /**
     * A primitive array of type t from doubles: floats rounded to the type, integers truncated toward zero and
     * then wrapped modulo the type's width (UInt64 above 2^63 kept unsigned).
     */
    static Object fromDouble(double[] acc, NDDataType t) {
        int n = acc.length;
        Object out = t.allocate(n);
        switch (t) {
            case Float32: {
                float[] o = (float[]) out;
                for (int i = 0; i < n; i++) o[i] = (float) acc[i];
                return out;
            }
            case Float64:
                System.arraycopy(acc, 0, out, 0, n);
                return out;
            default: {
                long[] l = new long[n];
                boolean u64 = t == NDDataType.UInt64;
                for (int i = 0; i < n; i++) l[i] = u64 && acc[i] >= 0x1p63 ? (long) (acc[i] - 0x1p63) ^ Long.MIN_VALUE
                        : (long) acc[i];
                return fromLong(l, t);
            }
        }
    }
}
