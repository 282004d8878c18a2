package org.jioc.procedure;

/** Thrown out of the current wait or put when the procedure is aborted; the message says by whom. */
public final class ProcedureAborted extends ProcedureException {
    ProcedureAborted(String message) { super(message); }
}
