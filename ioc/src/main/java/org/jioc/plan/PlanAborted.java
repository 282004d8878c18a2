package org.jioc.plan;

/** The run was aborted; the message says by whom. */
final class PlanAborted extends Exception {
    PlanAborted(String reason) { super(reason); }
}
