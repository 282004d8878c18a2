package org.jioc.procedure.builtin;

import java.time.Duration;

import org.jioc.procedure.Procedure;
import org.jioc.procedure.ProcedureArgs;
import org.jioc.procedure.ProcedureConfigException;
import org.jioc.procedure.ProcedureException;
import org.jioc.procedure.ProcedureRun;

/**
 * dwell: wait SECONDS and end Done; the simplest procedure (a settling time in a runbook, and the framework's own
 * test of start, abort and completion). Arguments: SECONDS.
 */
public final class Dwell implements Procedure {
    private final Duration time;
    private final String text;

    public Dwell(ProcedureArgs args) throws ProcedureConfigException {
        time = args.seconds("SECONDS");
        text = args.text("SECONDS") + " s";
    }

    @Override
    public void run(ProcedureRun run) throws ProcedureException {
        run.step("dwell", "Dwelling " + text);
        run.dwell(time);
        run.result("dwelled " + text);
    }
}
