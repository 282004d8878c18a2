package org.jioc.procedure;

/** Why a procedure stopped before its end: it failed ({@link ProcedureFailure}) or was aborted. */
public abstract class ProcedureException extends Exception {
    ProcedureException(String message) { super(message, null, false, false); }
}
