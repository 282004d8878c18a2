package org.jioc.datafile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Text renderings shared by the SPEC file (and the NeXus title): numbers, dates, Python-style values. */
final class SpecText {
    private SpecText() {}

    /** C strftime("%a %b %d %H:%M:%S %Y") in the IOC's time zone, e.g. "Thu Jan 20 18:39:46 2022". */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.ENGLISH);

    static String date(double epochSeconds, ZoneId zone) {
        long ms = Math.round(epochSeconds * 1000.0);
        return DATE.format(Instant.ofEpochMilli(ms).atZone(zone));
    }

    /** Python's format(v, ".12g"): up to 12 significant digits, "-0" and "0.0" as "0", nan/inf as Python writes them. */
    static String number(double v) {
        if (Double.isNaN(v)) return "nan";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        if (v == 0) return "0";
        BigDecimal bd = new BigDecimal(v).round(new MathContext(12));
        int exp = bd.precision() - bd.scale() - 1;
        if (exp < -4 || exp >= 12) {
            String mantissa = bd.movePointLeft(exp).stripTrailingZeros().toPlainString();
            return mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return bd.stripTrailingZeros().toPlainString();
    }

    /** A value as Python's repr would show it: 'text', 1.5, True, None, [..], {'k': v}. */
    static String repr(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e16) return (long) d + ".0";
            return Double.isNaN(d) ? "nan" : Double.toString(d);
        }
        if (v instanceof Number n) return n.toString();
        if (v instanceof CharSequence s) return "'" + s.toString().replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
        if (v instanceof double[] a) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (double d : a) j.add(repr(d));
            return j.toString();
        }
        if (v instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            for (Object o : c) j.add(repr(o));
            return j.toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            m.forEach((k, x) -> j.add(repr(k) + ": " + repr(x)));
            return j.toString();
        }
        return repr(v.toString());
    }

    /** The #S command: plan_name(key=value, ...) from the plan arguments; single line. */
    static String command(RunStart start) {
        StringJoiner j = new StringJoiner(", ", start.planName() + "(", ")");
        start.planArgs().forEach((k, v) -> j.add(k + "=" + repr(v)));
        return j.toString().replace('\n', ' ');
    }
}
