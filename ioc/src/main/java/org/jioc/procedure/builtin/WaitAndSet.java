package org.jioc.procedure.builtin;

import java.time.Duration;

import org.jioc.procedure.Condition;
import org.jioc.procedure.Procedure;
import org.jioc.procedure.ProcedureArgs;
import org.jioc.procedure.ProcedureConfigException;
import org.jioc.procedure.ProcedureException;
import org.jioc.procedure.ProcedureRun;

/**
 * wait_and_set: wait until a condition holds, optionally dwell, then put a value with completion, the runbook's
 * "cawait X; caput -c Y" pair. Arguments:
 * <ul>
 * <li>WAIT: the condition, "PV OP VALUE [+- TOL]"; TIMEOUT: seconds to wait for it (default: no limit)</li>
 * <li>DWELL: seconds between the two (default 0)</li>
 * <li>SET, VALUE: the PV of this IOC to put, and the value; PUT_TIMEOUT: seconds for its completion (default none)</li>
 * <li>STOP, STOP_VALUE: what to put (no wait) when aborted while the put is in progress, e.g. a motor's .STOP and 1
 * (default: nothing)</li>
 * </ul>
 */
public final class WaitAndSet implements Procedure {
    private final Condition wait;
    private final Duration timeout;
    private final Duration dwell;
    private final String set;
    private final String value;
    private final Duration putTimeout;
    private final String stop;
    private final String stopValue;

    public WaitAndSet(ProcedureArgs args) throws ProcedureConfigException {
        wait = args.condition("WAIT");
        timeout = args.has("TIMEOUT") ? args.seconds("TIMEOUT") : null;
        dwell = args.seconds("DWELL", 0);
        set = args.localPv("SET");
        value = args.text("VALUE");
        putTimeout = args.has("PUT_TIMEOUT") ? args.seconds("PUT_TIMEOUT") : null;
        stop = args.has("STOP") ? args.localPv("STOP") : null;
        stopValue = stop == null ? null : args.text("STOP_VALUE");
        if (stop == null && args.has("STOP_VALUE")) throw new ProcedureConfigException("STOP_VALUE needs STOP");
    }

    @Override
    public void run(ProcedureRun run) throws ProcedureException {
        run.step("wait", "Waiting for " + wait);
        run.waitFor(wait, timeout);
        if (!dwell.isZero()) {
            run.step("dwell", "Dwelling " + dwell.toMillis() / 1000.0 + " s");
            run.dwell(dwell);
        }
        run.step("set", "Setting " + set + " = " + value);
        if (stop != null) run.onAbort(() -> run.putNoWait(stop, stopValue));
        run.put(set, value, putTimeout);
        run.result(set + " = " + value);
    }
}
