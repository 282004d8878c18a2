package org.jioc.procedure;

/** The :Status values, in the order of the mbbi's states (ZRST..FRST). */
public enum ProcedureStatus {
    IDLE("Idle"), RUNNING("Running"), DONE("Done"), FAILED("Failed"), ABORTED("Aborted");

    private final String label;

    ProcedureStatus(String label) { this.label = label; }

    /** The state string the :Status record must have for this value. */
    public String label() { return label; }
}
