package org.jioc.procedure;

/** The text form of a {@link Condition}: "PV OP VALUE [+- TOL]", as procedure arguments write it. */
final class ConditionParser {
    private static final String[] OPS = {"==", "!=", ">=", "<=", ">", "<"};

    private ConditionParser() { }

    static Condition parse(String text) {
        String t = text == null ? "" : text.trim();
        int at = -1;
        String op = null;
        for (int i = 0; i < t.length() && op == null; i++) {
            for (String o : OPS) {
                if (t.startsWith(o, i)) {
                    at = i;
                    op = o;
                    break;
                }
            }
        }
        if (op == null) throw new IllegalArgumentException("condition '" + t + "' has no operator (== != > >= < <=)");
        String pv = t.substring(0, at).trim();
        String rest = t.substring(at + op.length()).trim();
        if (pv.isEmpty() || pv.contains(" ")) throw new IllegalArgumentException("condition '" + t + "': bad PV name '"
                + pv + "'");
        if (rest.isEmpty()) throw new IllegalArgumentException("condition '" + t + "' has no value after " + op);
        String tolerance = null;
        int pm = rest.indexOf("+-");
        if (pm >= 0 && !rest.startsWith("\"")) {
            tolerance = rest.substring(pm + 2).trim();
            rest = rest.substring(0, pm).trim();
        }
        if (rest.length() >= 2 && rest.startsWith("\"") && rest.endsWith("\"")) {
            return text(t, pv, op, rest.substring(1, rest.length() - 1));
        }
        double value = number(rest);
        if (Double.isNaN(value)) {
            if (tolerance != null) throw new IllegalArgumentException("condition '" + t + "': +- needs a number");
            return text(t, pv, op, rest);
        }
        if (tolerance != null) {
            if (!op.equals("==")) throw new IllegalArgumentException("condition '" + t + "': +- only goes with ==");
            double tol = number(tolerance);
            if (!(tol >= 0)) throw new IllegalArgumentException("condition '" + t + "': bad tolerance '" + tolerance
                    + "'");
            return Condition.within(pv, value, tol);
        }
        return switch (op) {
            case "==" -> Condition.equal(pv, value);
            case "!=" -> Condition.notEqual(pv, value);
            case ">" -> Condition.above(pv, value);
            case ">=" -> Condition.atLeast(pv, value);
            case "<" -> Condition.below(pv, value);
            default -> Condition.atMost(pv, value);
        };
    }

    private static Condition text(String t, String pv, String op, String value) {
        return switch (op) {
            case "==" -> Condition.equal(pv, value);
            case "!=" -> Condition.notEqual(pv, value);
            default -> throw new IllegalArgumentException("condition '" + t + "': " + op + " needs a number");
        };
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
