package org.jioc.procedure;

/** A procedure's binding or arguments are wrong (unknown implementation, missing PV, bad argument): iocInit stops. */
public final class ProcedureConfigException extends Exception {
    public ProcedureConfigException(String message) { super(message, null, false, false); }
}
