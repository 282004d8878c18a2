package org.jioc.procedure;

/** A precondition or run gate said no before the first step: nothing was done. */
public final class PreconditionFailure extends ProcedureFailure {
    public PreconditionFailure(String message) { super(message); }
}
