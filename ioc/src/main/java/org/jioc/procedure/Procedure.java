package org.jioc.procedure;

import java.util.List;
import java.util.Set;

/**
 * A runbook procedure: what must hold before it starts, what it drives, and its steps. One instance serves one PV
 * set (made by its {@link ProcedureFactory} from the arguments at iocInit). {@link #run} is called on the
 * procedure's own thread, once per start; it is written as straight-line code over {@link ProcedureRun}, whose
 * waits and puts end with {@link ProcedureAborted} when the operator aborts.
 */
public interface Procedure {
    /** Checked before the first step and shown by :Precheck. REQUIRE preconditions from the arguments are added. */
    default List<Precondition> preconditions() { return List.of(); }

    /**
     * What the procedure drives (device names: "2bma:m1", "hexapod"): two procedures that share one never run at
     * the same time; the second one fails its precheck saying which procedure holds it.
     */
    default Set<String> resources() { return Set.of(); }

    void run(ProcedureRun run) throws ProcedureException;
}
