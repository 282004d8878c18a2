package org.jioc.procedure;

/**
 * Something that must hold before a procedure moves anything, with the reason an operator reads when it does not
 * ("hutch B not searched"). Checked when the procedure starts (a false one ends it Failed before the first step) and
 * by its :Precheck PV whenever the PV changes.
 */
public record Precondition(Condition condition, String reason) {
    public static Precondition of(Condition condition, String reason) { return new Precondition(condition, reason); }

    /** The condition alone: the reason is the condition's own text. */
    public static Precondition of(Condition condition) { return new Precondition(condition, null); }

    /** Null when v passes, else what to tell the operator, with the value seen. */
    public String failure(PvValue v) {
        if (condition.test(v)) return null;
        String seen = condition.pv() + " is " + v.describe() + ", needs " + condition;
        return reason == null || reason.isEmpty() ? seen : reason + " (" + seen + ")";
    }
}
