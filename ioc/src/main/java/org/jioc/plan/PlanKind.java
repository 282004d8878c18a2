package org.jioc.plan;

import java.util.Arrays;

/** The plans, by their bluesky names, in the order of the PlanName mbbo's states (db-templates/plans.template). */
public enum PlanKind {
    COUNT("count"), SCAN("scan"), REL_SCAN("rel_scan"), LIST_SCAN("list_scan"), GRID_SCAN("grid_scan"),
    REL_GRID_SCAN("rel_grid_scan");

    private final String planName;

    PlanKind(String planName) { this.planName = planName; }

    /** bluesky's plan_name. */
    public String planName() { return planName; }

    /** Positions relative to where the motors are, which return there afterwards (bluesky's rel_ plans). */
    public boolean relative() { return this == REL_SCAN || this == REL_GRID_SCAN; }

    /** Outer product of the axes (grid) rather than inner product. */
    public boolean grid() { return this == GRID_SCAN || this == REL_GRID_SCAN; }

    public static PlanKind of(String planName) {
        for (PlanKind k : values()) if (k.planName.equals(planName)) return k;
        throw new IllegalArgumentException("unknown plan '" + planName + "' (known: "
                + String.join(", ", Arrays.stream(values()).map(PlanKind::planName).toList()) + ")");
    }
}
