package org.jioc.plan;

/** The Status mbbi's states, in order (db-templates/plans.template; checked at iocInit). */
public enum PlanState {
    IDLE("Idle"), RUNNING("Running"), PAUSED("Paused"), DONE("Done"), FAILED("Failed"), ABORTED("Aborted");

    private final String label;

    PlanState(String label) { this.label = label; }

    public String label() { return label; }
}
