package org.jioc.db;

import java.math.BigDecimal;

/** Number to string conversions as EPICS does them (cvtDoubleToString with PREC, %g-like for plain values). */
public final class NumberFormat {
    private NumberFormat() { }

    /** cvtDoubleToString: fixed notation with prec digits unless the value is very large or small. */
    public static String cvtDoubleToString(double v, int prec) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        double a = Math.abs(v);
        if (a != 0 && (a >= 1e7 || a < 1e-4 && prec > 0 || a < 1e-4 && prec == 0 && a != 0 && a < 0.5)) {
            if (a < 1e7 && a >= 0.5) return String.format("%." + prec + "f", v);
            return String.format("%." + Math.max(prec, 1) + "e", v).replace("e+0", "e+").replace("e-0", "e-");
        }
        return String.format("%." + prec + "f", v);
    }

    /** Shortest round-trip form without a trailing ".0" for integral values (field values, dbgf output). */
    public static String plain(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "Infinity" : "-Infinity";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        String s = Double.toString(v);
        if (s.contains("E")) return new BigDecimal(s).stripTrailingZeros().toString();
        return s;
    }
}
