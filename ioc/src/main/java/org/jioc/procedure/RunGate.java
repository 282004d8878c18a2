package org.jioc.procedure;

import java.util.List;

/**
 * A site rule every procedure start must pass (hutch searched, beam permit, a resource free), added with
 * {@link ProcedureService#addGate}. The beamline decides which procedures a gate concerns by their name or
 * implementation.
 */
public interface RunGate {
    /**
     * Null when the procedure may start now, else why not ("hutch B not searched"). Called on the procedure
     * control thread, never with a record lock held, so it may read PVs.
     */
    String check(ProcedureInfo procedure);

    /** PVs whose changes can change the answer: every :Precheck is evaluated again when one of them changes. */
    default List<String> watchedPvs() { return List.of(); }
}
