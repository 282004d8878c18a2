package org.jioc.plan;

/** A plan PV set that cannot be bound at iocInit (a record missing, wrong states). */
public final class PlanConfigException extends Exception {
    public PlanConfigException(String message) { super(message); }
}
