package org.jioc.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The data of one run as it grows, what a {@link RunWriter} is given: the start document (uid, scan_id, time
 * filled in), the column names, one {@link Event} per point taken (bluesky's "primary" stream), and the extra PVs
 * read at the start and at each breakpoint. Lists are appended by the run's thread only; writers are called on that
 * thread, so they see a consistent state without copying.
 */
public final class RunData {
    /**
     * One point: its index in the plan (0-based; a redone point keeps its index), when it was read (epoch
     * seconds), and one value per column.
     */
    public record Event(int seqNum, int pointIndex, double time, double[] values) { }

    /** The extra PVs read once: at the start (pointIndex -1) or after the point of a breakpoint. */
    public record ExtraPvs(int pointIndex, double time, Map<String, String> values) { }

    private final ObjectNode start;
    private final List<String> columns;
    private final List<String> motors;
    private final List<String> detectors;
    private final List<Event> events = new ArrayList<>();
    private final List<ExtraPvs> extras = new ArrayList<>();
    private final PlanPoints planned;
    private final double[] startPositions;

    RunData(ObjectNode start, List<String> motors, List<String> detectors) {
        this(start, motors, detectors, null, new double[motors.size()]);
    }

    RunData(ObjectNode start, List<String> motors, List<String> detectors, PlanPoints planned,
            double[] startPositions) {
        this.start = start;
        this.planned = planned;
        this.startPositions = startPositions.clone();
        this.motors = List.copyOf(motors);
        this.detectors = List.copyOf(detectors);
        List<String> c = new ArrayList<>();
        for (String m : motors) c.add(m);
        for (String m : motors) c.add(m + "_setpoint");
        c.addAll(detectors);
        columns = List.copyOf(c);
    }

    /** The RunStart document as recorded in the catalog. */
    public ObjectNode startDocument() { return start; }

    public String uid() { return start.path("uid").asText(); }

    public long scanId() { return start.path("scan_id").asLong(); }

    /**
     * The columns of every event: each motor's readback (named as the motor), then each motor's target
     * ("&lt;motor&gt;_setpoint"), then each detector.
     */
    public List<String> columns() { return columns; }

    public List<String> motors() { return motors; }

    public List<String> detectors() { return detectors; }

    /**
     * Every planned point in the order it is taken (absolute targets, one per motor; snake applied), with the
     * plan's shape and snaking axes; null when not known.
     */
    public PlanPoints plannedPoints() { return planned; }

    /** Where each motor was before the run (its readback), in motor order. */
    public double[] startPositions() { return startPositions.clone(); }

    public List<Event> events() { return Collections.unmodifiableList(events); }

    public List<ExtraPvs> extraPvs() { return Collections.unmodifiableList(extras); }

    /** The values of one column over the events so far. */
    public double[] column(String name) {
        int c = columns.indexOf(name);
        if (c < 0) throw new IllegalArgumentException("no column " + name + " (have " + columns + ")");
        double[] v = new double[events.size()];
        for (int i = 0; i < v.length; i++) v[i] = events.get(i).values()[c];
        return v;
    }

    void add(Event e) { events.add(e); }

    void addExtras(int pointIndex, Map<String, String> values) {
        extras.add(new ExtraPvs(pointIndex, System.currentTimeMillis() / 1000.0,
                Collections.unmodifiableMap(new LinkedHashMap<>(values))));
    }
}
