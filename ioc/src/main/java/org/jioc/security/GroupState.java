package org.jioc.security;

import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.calc.CalcExpression;
import org.jioc.db.Menus;
import org.jioc.security.AcfConfig.Asg;
import org.jioc.security.AcfConfig.Input;
import org.jioc.security.AcfConfig.Rule;

/**
 * The live state of one ASG (base's ASG pavalue / inpBad / inpChanged and each rule's result): the latest value of
 * every INPx, which inputs are bad (not connected, or INVALID severity), and what each CALC came to. A rule with a
 * CALC applies only while none of the inputs it reads is bad and its result is true, i.e. between 0.99 and 1.01
 * (asComputeAsg). Updates are serialized; access checks read an immutable snapshot.
 */
final class GroupState {
    private static final Logger LOG = Logger.getLogger(GroupState.class.getName());

    /** What checks read: bit mask of bad inputs and each rule's CALC result (false for rules without CALC). */
    record Snapshot(int bad, boolean[] results) {
        boolean same(Snapshot o) { return bad == o.bad && Arrays.equals(results, o.results); }
    }

    final Asg asg;
    private final double[] values = new double[CalcExpression.MAX_INPUTS];
    private final double[] scratch = new double[CalcExpression.MAX_INPUTS];
    private final boolean[] results;
    private int bad;
    private int changed;
    private volatile Snapshot snapshot;

    GroupState(Asg asg) {
        this.asg = asg;
        List<Rule> rules = asg.rules();
        this.results = new boolean[rules.size()];
        for (Input in : asg.inputs()) bad |= 1 << in.index();
        // a CALC that reads no input never sees an input change: evaluate it once now
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.calc() != null && r.inputsUsed() == 0) results[i] = evaluate(r, false);
        }
        snapshot = new Snapshot(bad, results.clone());
    }

    Snapshot snapshot() { return snapshot; }

    /** Latest value of input index (for ascar/asprules), and whether it is bad. */
    synchronized double value(int index) { return values[index]; }

    synchronized boolean isBad(int index) { return (bad & (1 << index)) != 0; }

    /** A monitor update of input index; true if any rule's outcome may have changed. */
    synchronized boolean update(int index, double value, int severity) {
        int bit = 1 << index;
        if (severity >= Menus.INVALID) {
            bad |= bit;
        } else {
            bad &= ~bit;
            values[index] = value;
        }
        changed |= bit;
        return recompute();
    }

    /** Input index lost its connection; true if any rule's outcome may have changed. */
    synchronized boolean disconnected(int index) {
        bad |= 1 << index;
        return recompute();
    }

    private boolean recompute() {
        List<Rule> rules = asg.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.calc() != null && (changed & r.inputsUsed()) != 0) results[i] = evaluate(r, results[i]);
        }
        changed = 0;
        Snapshot old = snapshot;
        Snapshot now = new Snapshot(bad, results.clone());
        snapshot = now;
        return !now.same(old);
    }

    /** calcPerform with the inputs; VAL is the rule's previous result. */
    private boolean evaluate(Rule r, boolean previous) {
        System.arraycopy(values, 0, scratch, 0, values.length);
        try {
            double v = r.calc().evaluate(scratch, previous ? 1 : 0);
            return v > 0.99 && v < 1.01;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "ASG(" + asg.name() + ") CALC(\"" + r.calc().source() + "\"): " + e, e);
            return false;
        }
    }
}
