package org.jioc.procedure;

/** A step could not do its job (timeout, refused put, false condition): the procedure ends Failed with this text. */
public class ProcedureFailure extends ProcedureException {
    public ProcedureFailure(String message) { super(message); }
}
