package org.jioc.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.datafile.Column;
import org.jioc.datafile.Detector;
import org.jioc.datafile.ExitStatus;
import org.jioc.datafile.ExtraPv;
import org.jioc.datafile.ExtraPvSnapshot;
import org.jioc.datafile.Positioner;
import org.jioc.datafile.RunStart;
import org.jioc.datafile.RunStop;
import org.jioc.datafile.ScanGrid;
import org.jioc.datafile.ScanRun;

/**
 * A plan run ({@link RunData}) as the data-file model ({@link ScanRun}): each motor is a positioner named by its PV
 * with the planned targets (snake applied) and its readback a column {@code <motor>_rbv}; each detector a scalar
 * column named by its PV; the grid (shape, snaking) is the plan's, so a grid_scan's NeXus arrays have its shape; the
 * extra PVs read at the start are the snapshot "start", those at the breakpoint after point i "break_iii".
 */
public final class RunDataMapping {
    /** Suffix of a motor's readback column. */
    static final String READBACK = "_rbv";
    /** Start-document keys RunStart computes itself; everything else goes in as metadata. */
    private static final Set<String> COMPUTED = Set.of("uid", "scan_id", "time", "plan_name", "plan_args", "motors",
            "detectors", "num_points");

    private RunDataMapping() { }

    /** info: the column of a PV, with the units, precision and description of its record. */
    static ScanRun scanRun(RunData run, Function<String, Column> info) {
        ObjectNode doc = run.startDocument();
        PlanPoints planned = run.plannedPoints();
        if (planned == null) throw new IllegalArgumentException("the run has no planned points");
        List<String> motors = run.motors();
        double[] origin = run.startPositions();
        ScanGrid grid = grid(planned);
        List<Positioner> positioners = new ArrayList<>();
        List<Column> readbacks = new ArrayList<>();
        for (int m = 0; m < motors.size(); m++) {
            double[] desired = new double[planned.size()];
            for (int i = 0; i < desired.length; i++) desired[i] = planned.point(i)[m];
            Column c = info.apply(motors.get(m));
            positioners.add(new Positioner(c, desired, origin[m], grid.rank() > 1 ? m : 0));
            readbacks.add(new Column(c.name() + READBACK, c.pv(), c.units(), c.precision(), "readback of "
                    + c.name()));
        }
        List<Detector> detectors = new ArrayList<>();
        for (String d : run.detectors()) detectors.add(Detector.scalar(info.apply(d)));
        return new ScanRun(runStart(doc, planned.size()), positioners, readbacks, detectors, grid);
    }

    /** The plan's grid: its shape and snaking for a grid of two or more axes, otherwise a line of its points. */
    static ScanGrid grid(PlanPoints p) {
        if (p.shape().length > 1) return new ScanGrid(p.shape(), p.snaking());
        return ScanGrid.line(p.size());
    }

    /** A start document (as the catalog recorded it) as the data-file model's RunStart of numPoints points. */
    public static RunStart runStart(ObjectNode doc, int numPoints) {
        Map<String, Object> md = new LinkedHashMap<>();
        doc.fields().forEachRemaining(e -> {
            if (!COMPUTED.contains(e.getKey())) md.put(e.getKey(), plain(e.getValue()));
        });
        List<List<String>> dims = new ArrayList<>();
        for (JsonNode d : doc.path("hints").path("dimensions")) {
            List<String> fields = new ArrayList<>();
            for (JsonNode f : d.path(0)) fields.add(f.asText());
            dims.add(fields);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> args = doc.has("plan_args") ? (Map<String, Object>) plain(doc.get("plan_args")) : Map.of();
        return new RunStart(doc.path("uid").asText(), (int) doc.path("scan_id").asLong(), doc.path("time").asDouble(),
                doc.path("plan_name").asText(), args, strings(doc.path("motors")), strings(doc.path("detectors")),
                numPoints, dims, md);
    }

    private static Object plain(JsonNode n) { return StartDocument.JSON.convertValue(n, Object.class); }

    private static List<String> strings(JsonNode a) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : a) out.add(s.asText());
        return out;
    }

    /** Adds the events and extra-PV snapshots of run that scan does not have yet (events are in point order). */
    static void addNew(RunData run, ScanRun scan, Set<Integer> extrasAdded) {
        int nm = run.motors().size();
        int nd = run.detectors().size();
        List<RunData.Event> events = run.events();
        for (RunData.ExtraPvs x : run.extraPvs()) {
            if (x.pointIndex() >= 0) continue;
            if (extrasAdded.add(x.pointIndex())) scan.addExtraPvs(snapshot(x, 0));
        }
        for (int k = scan.pointCount(); k < events.size(); k++) {
            RunData.Event e = events.get(k);
            double[] rb = new double[nm];
            System.arraycopy(e.values(), 0, rb, 0, nm);
            Object[] det = new Object[nd];
            for (int d = 0; d < nd; d++) det[d] = e.values()[2 * nm + d];
            scan.addPoint(e.time(), rb, det);
        }
        for (RunData.ExtraPvs x : run.extraPvs()) {
            if (x.pointIndex() < 0 || !extrasAdded.add(x.pointIndex())) continue;
            int after = 0;
            for (RunData.Event e : events) if (e.pointIndex() <= x.pointIndex()) after++;
            scan.addExtraPvs(snapshot(x, after));
        }
    }

    static ExtraPvSnapshot snapshot(RunData.ExtraPvs x, int afterPoints) {
        List<ExtraPv> values = new ArrayList<>();
        x.values().forEach((pv, text) -> values.add(new ExtraPv(pv, pv, value(text), "", "")));
        String label = x.pointIndex() < 0 ? "start" : String.format("break_%03d", x.pointIndex());
        return new ExtraPvSnapshot(label, x.time(), afterPoints, values);
    }

    /** A number when the PV's text is one, else the text. */
    private static Object value(String text) {
        try {
            return Double.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return text;
        }
    }

    static RunStop stop(ObjectNode stop, int points) {
        ExitStatus status = switch (stop.path("exit_status").asText()) {
            case "success" -> ExitStatus.SUCCESS;
            case "abort" -> ExitStatus.ABORT;
            default -> ExitStatus.FAIL;
        };
        return new RunStop(status, stop.path("reason").asText(""), points, stop.path("time").asDouble());
    }
}
