package org.jioc.procedure;

import java.util.Objects;
import java.util.function.Predicate;

import org.jioc.db.NumberFormat;

/**
 * A test on one PV's value ("jioc:m1.DMOV == 1", "jioc:m1.RBV == 3 +- 0.01", "jioc:Shutter == Closed"): what
 * {@link ProcedureRun#waitFor} waits for and what a {@link Precondition} checks. A disconnected PV never satisfies
 * a condition.
 */
public final class Condition {
    private final String pv;
    private final String description;
    private final Predicate<PvValue> test;

    private Condition(String pv, String description, Predicate<PvValue> test) {
        this.pv = Objects.requireNonNull(pv);
        this.description = description;
        this.test = test;
    }

    /** Any test; description says what it wants, e.g. "jioc:x is even". */
    public static Condition of(String pv, String description, Predicate<PvValue> test) {
        return new Condition(pv, description, test);
    }

    /** The number equals value (enum PVs compare their index). */
    public static Condition equal(String pv, double value) {
        return new Condition(pv, pv + " == " + num(value), v -> v.number() == value);
    }

    /** The text equals value (enum PVs compare their string). */
    public static Condition equal(String pv, String value) {
        return new Condition(pv, pv + " == \"" + value + "\"", v -> v.text().equals(value));
    }

    public static Condition notEqual(String pv, double value) {
        return new Condition(pv, pv + " != " + num(value), v -> !Double.isNaN(v.number()) && v.number() != value);
    }

    public static Condition notEqual(String pv, String value) {
        return new Condition(pv, pv + " != \"" + value + "\"", v -> !v.text().equals(value));
    }

    /** |value - target| &lt;= tolerance: a readback in position. */
    public static Condition within(String pv, double target, double tolerance) {
        if (!(tolerance >= 0)) throw new IllegalArgumentException("tolerance must be >= 0, not " + tolerance);
        return new Condition(pv, pv + " == " + num(target) + " +- " + num(tolerance),
                v -> Math.abs(v.number() - target) <= tolerance);
    }

    public static Condition above(String pv, double value) {
        return new Condition(pv, pv + " > " + num(value), v -> v.number() > value);
    }

    public static Condition atLeast(String pv, double value) {
        return new Condition(pv, pv + " >= " + num(value), v -> v.number() >= value);
    }

    public static Condition below(String pv, double value) {
        return new Condition(pv, pv + " < " + num(value), v -> v.number() < value);
    }

    public static Condition atMost(String pv, double value) {
        return new Condition(pv, pv + " <= " + num(value), v -> v.number() <= value);
    }

    /**
     * Parse "PV OP VALUE" with OP one of == != &gt; &gt;= &lt; &lt;=, "PV == VALUE +- TOL", a VALUE in double
     * quotes or not a number compared as text (== and != only).
     *
     * @throws IllegalArgumentException with what is wrong
     */
    public static Condition parse(String text) {
        return ConditionParser.parse(text);
    }

    public String pv() { return pv; }

    /** True when the PV is connected and its value passes. */
    public boolean test(PvValue v) { return v.connected() && test.test(v); }

    static String num(double v) { return NumberFormat.plain(v); }

    @Override
    public String toString() { return description; }
}
