package org.jioc.db;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Element-wise conversions between the primitive arrays that back array fields (FTVL types). */
public final class ArrayConvert {
    private ArrayConvert() { }

    /** A new zeroed array for FTVL type t with n elements. */
    public static Object allocate(DbfType t, int n) {
        switch (t) {
            case STRING: {
                String[] s = new String[n];
                java.util.Arrays.fill(s, "");
                return s;
            }
            case CHAR: case UCHAR: return new byte[n];
            case SHORT: case USHORT: return new short[n];
            case LONG: case ULONG: return new int[n];
            case INT64: case UINT64: return new long[n];
            case FLOAT: return new float[n];
            case DOUBLE: return new double[n];
            case ENUM: case MENU: case DEVICE: return new short[n];
            default: throw new IllegalArgumentException("no array of " + t);
        }
    }

    public static int length(Object arr) { return java.lang.reflect.Array.getLength(arr); }

    /** Element i of any backing array as a double; unsigned types are read unsigned by the caller's FTVL. */
    public static double getDouble(Object arr, int i, int count) {
        if (arr == null || i >= count) return 0;
        if (arr instanceof double[]) return ((double[]) arr)[i];
        if (arr instanceof float[]) return ((float[]) arr)[i];
        if (arr instanceof int[]) return ((int[]) arr)[i];
        if (arr instanceof short[]) return ((short[]) arr)[i];
        if (arr instanceof byte[]) return ((byte[]) arr)[i];
        if (arr instanceof long[]) return ((long[]) arr)[i];
        if (arr instanceof String[]) return Record.parseNumber(((String[]) arr)[i]);
        return 0;
    }

    /**
     * Copy n elements of src (any primitive array, or String[]) into dst (any) starting at dstPos, converting.
     * unsignedDst/unsignedSrc apply to the integer widening rules of UCHAR/USHORT/ULONG.
     */
    public static void copy(Object src, int srcPos, boolean unsignedSrc, Object dst, int dstPos, int n) {
        if (src.getClass() == dst.getClass()) {
            System.arraycopy(src, srcPos, dst, dstPos, n);
            return;
        }
        if (dst instanceof String[]) {
            String[] out = (String[]) dst;
            for (int i = 0; i < n; i++) out[dstPos + i] = NumberFormat.plain(get(src, srcPos + i, unsignedSrc));
            return;
        }
        for (int i = 0; i < n; i++) set(dst, dstPos + i, get(src, srcPos + i, unsignedSrc));
    }

    static double get(Object a, int i, boolean unsigned) {
        if (a instanceof double[]) return ((double[]) a)[i];
        if (a instanceof float[]) return ((float[]) a)[i];
        if (a instanceof int[]) return unsigned ? ((int[]) a)[i] & 0xFFFFFFFFL : ((int[]) a)[i];
        if (a instanceof short[]) return unsigned ? ((short[]) a)[i] & 0xFFFF : ((short[]) a)[i];
        if (a instanceof byte[]) return unsigned ? ((byte[]) a)[i] & 0xFF : ((byte[]) a)[i];
        if (a instanceof long[]) return ((long[]) a)[i];
        if (a instanceof String[]) return Record.parseNumber(((String[]) a)[i]);
        throw new IllegalArgumentException("not an array: " + a);
    }

    static void set(Object a, int i, double v) {
        if (a instanceof double[]) ((double[]) a)[i] = v;
        else if (a instanceof float[]) ((float[]) a)[i] = (float) v;
        else if (a instanceof int[]) ((int[]) a)[i] = (int) (long) v;
        else if (a instanceof short[]) ((short[]) a)[i] = (short) (long) v;
        else if (a instanceof byte[]) ((byte[]) a)[i] = (byte) (long) v;
        else if (a instanceof long[]) ((long[]) a)[i] = (long) v;
        else throw new IllegalArgumentException("not an array: " + a);
    }

    /** A CHAR array as a string up to the first NUL. */
    public static String charsToString(byte[] b, int count) {
        int n = 0;
        int lim = Math.min(count, b.length);
        while (n < lim && b[n] != 0) n++;
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Parse a constant array "[1, 2, 3]" or a single number; null if not numeric. */
    public static double[] parseList(String s) {
        String t = s.trim();
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        if (t.isEmpty()) return new double[0];
        List<Double> out = new ArrayList<>();
        for (String part : t.split(",")) {
            String p = part.trim();
            if (p.startsWith("\"") && p.endsWith("\"") && p.length() >= 2) p = p.substring(1, p.length() - 1);
            double v = Record.parseNumber(p);
            if (Double.isNaN(v) && !p.equalsIgnoreCase("nan")) return null;
            out.add(v);
        }
        double[] r = new double[out.size()];
        for (int i = 0; i < r.length; i++) r[i] = out.get(i);
        return r;
    }
}
