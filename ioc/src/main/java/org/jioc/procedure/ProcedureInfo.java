package org.jioc.procedure;

import java.util.Set;

/** What a {@link RunGate} knows of a procedure. */
public interface ProcedureInfo {
    /** The PV name of the set, e.g. "2bma:MotorHoming" (its PVs are this plus ":Start" etc.). */
    String name();

    /** The implementation name, e.g. "motor_homing". */
    String implementation();

    Set<String> resources();

    ProcedureStatus status();
}
