package org.jioc.plan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Everything one run of a plan needs, from the Plan PVs ({@link PlanPvs}) or a queued command
 * ({@link PlanQueueCommands}): the plan and its motors, what to read, and the StepScan extras.
 *
 * @param num        readings (count) or points (scan, rel_scan); ignored by list_scan and grid plans
 * @param triggers   PVs put to 1 with completion at every point (a detector's Acquire, a scaler's CNT)
 * @param detectors  PVs read at every point after the triggers completed
 * @param delay      count: seconds between readings
 * @param settle     seconds to wait after the motors arrived, before triggering
 * @param dwell      the count time the triggers should take; &gt; 0 enables the too-early check (bad point)
 * @param breakpoints point indices (0-based) after which the data so far is written and at-break actions run
 * @param extraPvs   PVs recorded at the start and at each breakpoint
 * @param pointCheck a condition on a reading ("2bmb:I0 > 1000"), null for none: a point failing it is redone
 * @param retries    how often one point may be redone before the run fails
 * @param gate       conditions separated by ';' that must all hold before anything moves (empty: none)
 * @param md         extra start-document metadata (may be null)
 */
public record PlanRequest(PlanKind kind, List<Axis> axes, int num, List<String> triggers, List<String> detectors,
                          double delay, double settle, double dwell, Set<Integer> breakpoints, List<String> extraPvs,
                          List<PutAction> preScan, List<PutAction> postScan, List<PutAction> atBreak,
                          String pointCheck, int retries, String gate, ObjectNode md) {

    public static final int MAX_POINTS = 1_000_000;

    public PlanRequest {
        axes = List.copyOf(axes);
        triggers = List.copyOf(triggers);
        detectors = List.copyOf(detectors);
        breakpoints = new TreeSet<>(breakpoints);
        extraPvs = List.copyOf(extraPvs);
        preScan = List.copyOf(preScan);
        postScan = List.copyOf(postScan);
        atBreak = List.copyOf(atBreak);
        gate = gate == null ? "" : gate.trim();
        pointCheck = pointCheck == null || pointCheck.isBlank() ? null : pointCheck.trim();
    }

    /** A plain plan without extras. */
    public static PlanRequest of(PlanKind kind, List<Axis> axes, int num, List<String> detectors) {
        return new PlanRequest(kind, axes, num, List.of(), detectors, 0, 0, 0, Set.of(), List.of(), List.of(),
                List.of(), List.of(), null, 3, "", null);
    }

    /** The checks bluesky's plans make on their arguments; throws with what is wrong. */
    public PlanPoints points() {
        List<String> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Axis a : axes) {
            if (a.motor() == null || a.motor().isBlank()) errors.add("a motor has no name");
            else if (!seen.add(a.motor())) errors.add("motor " + a.motor() + " is given twice");
        }
        if (!(delay >= 0) || !(settle >= 0) || !(dwell >= 0)) errors.add("delay, settle and dwell must be >= 0");
        if (retries < 0) errors.add("retries must be >= 0");
        switch (kind) {
            case COUNT -> {
                if (!axes.isEmpty()) errors.add("count takes no motors");
                if (num < 1) errors.add("count needs num >= 1, not " + num);
            }
            case SCAN, REL_SCAN -> {
                if (axes.isEmpty()) errors.add(kind.planName() + " needs at least one motor");
                if (num < 1) errors.add(kind.planName() + " needs num >= 1, not " + num);
                for (Axis a : axes)
                    if (!Double.isFinite(a.start()) || !Double.isFinite(a.stop()))
                        errors.add(a.motor() + ": start and stop must be numbers");
            }
            case LIST_SCAN -> {
                if (axes.isEmpty()) errors.add("list_scan needs at least one motor");
                int n = axes.isEmpty() || axes.get(0).positions() == null ? 0 : axes.get(0).positions().length;
                for (Axis a : axes) {
                    if (a.positions() == null || a.positions().length == 0)
                        errors.add(a.motor() + ": list_scan needs a list of positions");
                    else if (a.positions().length != n)
                        errors.add("list_scan: the lists must have the same length (" + axes.get(0).motor() + " has "
                                + n + ", " + a.motor() + " has " + a.positions().length + ")");
                    else for (double v : a.positions())
                        if (!Double.isFinite(v)) errors.add(a.motor() + ": position " + v + " is not a number");
                }
            }
            case GRID_SCAN, REL_GRID_SCAN -> {
                if (axes.isEmpty()) errors.add(kind.planName() + " needs at least one motor");
                long total = 1;
                for (Axis a : axes) {
                    if (a.num() < 1) errors.add(a.motor() + ": num must be >= 1, not " + a.num());
                    if (!Double.isFinite(a.start()) || !Double.isFinite(a.stop()))
                        errors.add(a.motor() + ": start and stop must be numbers");
                    total *= Math.max(1, a.num());
                }
                if (!axes.isEmpty() && axes.get(0).snake())
                    errors.add("the first motor (" + axes.get(0).motor() + ", slowest) cannot snake");
                if (total > MAX_POINTS) errors.add("the grid has " + total + " points, more than " + MAX_POINTS);
            }
        }
        if (kind != PlanKind.COUNT && (long) num > MAX_POINTS) errors.add("num is over " + MAX_POINTS);
        if (!errors.isEmpty()) throw new IllegalArgumentException(String.join("; ", errors));
        PlanPoints p = PlanPoints.of(kind, axes, num);
        for (int b : breakpoints)
            if (b < 0 || b >= p.size())
                throw new IllegalArgumentException("breakpoint " + b + " is not a point index (0.." + (p.size() - 1)
                        + ")");
        return p;
    }
}
