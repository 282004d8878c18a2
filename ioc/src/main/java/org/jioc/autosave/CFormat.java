package org.jioc.autosave;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The two C conversions autosave's files depend on: printf's {@code %.Ng} (doubles are saved with "%.14g", floats
 * with "%.7g", independent of PREC) and strtod's reading of numbers, including "nan" and "inf".
 */
final class CFormat {
    private CFormat() { }

    /** printf("%.{precision}g", v) as glibc prints it (correctly rounded, "inf", "nan", two-digit exponent). */
    static String g(double v, int precision) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return (1 / v < 0) ? "-0" : "0";
        int p = Math.max(precision, 1);
        BigDecimal r = new BigDecimal(v).round(new MathContext(p, RoundingMode.HALF_EVEN));
        int exp = r.precision() - r.scale() - 1;
        if (exp >= -4 && exp < p) {
            return stripZeros(r.setScale(Math.max(p - 1 - exp, 0), RoundingMode.UNNECESSARY).toPlainString());
        }
        BigDecimal mantissa = r.movePointLeft(exp);
        String m = stripZeros(mantissa.setScale(p - 1, RoundingMode.HALF_EVEN).toPlainString());
        String e = Integer.toString(Math.abs(exp));
        return m + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    private static String stripZeros(String s) {
        if (s.indexOf('.') < 0) return s;
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        return s.substring(0, end);
    }

    /**
     * A number as strtod reads it: surrounding blanks, a sign, "inf"/"infinity"/"nan" in any case, decimal or
     * hexadecimal. Unlike atof, trailing text is an error (a restore must not quietly turn "1.5x" into 1.5).
     */
    static double parseDouble(String text) {
        String t = text.strip();
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        double sign = t.startsWith("-") ? -1 : 1;
        String lower = body.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) return sign * Double.POSITIVE_INFINITY;
        if (lower.equals("nan") || lower.startsWith("nan(")) return Double.NaN;
        if (lower.startsWith("0x") && !lower.contains("p")) {
            return sign * Long.parseLong(body.substring(2), 16);
        }
        if (body.isEmpty() || !Character.isDigit(body.charAt(0)) && body.charAt(0) != '.') {
            throw new NumberFormatException("not a number: '" + text + "'");
        }
        char last = body.charAt(body.length() - 1);
        if (last == 'd' || last == 'D' || last == 'f' || last == 'F') {
            throw new NumberFormatException("not a number: '" + text + "'"); // Java would accept "1d", C does not
        }
        return sign * Double.parseDouble(body);
    }
}
