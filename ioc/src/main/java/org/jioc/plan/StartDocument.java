package org.jioc.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The bluesky RunStart metadata of a plan, with the keys and shapes bluesky's plans write (plans.py, scan_nd):
 * plan_name, plan_args, detectors, motors, num_points, num_intervals, plan_pattern(+_module, _args), hints with
 * dimensions (and gridding for grids), shape/extents/snaking for grids. uid, scan_id and time are added by the run
 * catalog when the run opens. Motors are named by their PV; the request's md is merged last (it wins, as the
 * md argument of a bluesky plan does).
 */
public final class StartDocument {
    static final ObjectMapper JSON = new ObjectMapper();

    private StartDocument() { }

    public static ObjectNode build(PlanRequest r, PlanPoints p) {
        ObjectNode md = JSON.createObjectNode();
        md.put("plan_type", "jioc");
        md.put("plan_name", r.kind().planName());
        md.set("detectors", strings(r.detectors()));
        ObjectNode args = JSON.createObjectNode();
        args.set("detectors", strings(r.detectors()));
        ObjectNode hints = JSON.createObjectNode();
        ArrayNode dims = hints.putArray("dimensions");
        List<String> motors = p.motors();
        switch (r.kind()) {
            case COUNT -> {
                args.put("num", r.num());
                args.put("delay", r.delay());
                dims.addArray().add(JSON.createArrayNode().add("time")).add("primary");
            }
            case SCAN, REL_SCAN -> {
                md.set("motors", strings(motors));
                ArrayNode a = JSON.createArrayNode();
                for (Axis x : r.axes()) a.add(x.motor()).add(x.start()).add(x.stop());
                args.put("num", r.num());
                args.set("args", a);
                args.put("per_step", "None");
                md.put("plan_pattern", "inner_product");
                md.put("plan_pattern_module", "bluesky.plan_patterns");
                md.putObject("plan_pattern_args").put("num", r.num()).set("args", a.deepCopy());
                dims.addArray().add(strings(motors)).add("primary");
            }
            case LIST_SCAN -> {
                md.set("motors", strings(motors));
                ArrayNode a = JSON.createArrayNode();
                for (Axis x : r.axes()) {
                    a.add(x.motor());
                    ArrayNode v = a.addArray();
                    for (double d : x.positions()) v.add(d);
                }
                args.set("args", a);
                args.put("per_step", "None");
                md.put("plan_pattern", "inner_list_product");
                md.put("plan_pattern_module", "bluesky.plan_patterns");
                md.putObject("plan_pattern_args").set("args", a.deepCopy());
                dims.addArray().add(strings(motors)).add("primary");
            }
            case GRID_SCAN, REL_GRID_SCAN -> {
                md.set("motors", strings(motors));
                ArrayNode a = JSON.createArrayNode();
                for (Axis x : r.axes()) a.add(x.motor()).add(x.start()).add(x.stop()).add(x.num());
                args.set("args", a);
                args.set("snake_axes", snakeAxes(r.axes()));
                args.put("per_step", "None");
                ArrayNode shape = md.putArray("shape");
                for (int n : p.shape()) shape.add(n);
                ArrayNode extents = md.putArray("extents");
                for (double[] e : p.extents()) extents.addArray().add(e[0]).add(e[1]);
                ArrayNode snaking = md.putArray("snaking");
                for (boolean s : p.snaking()) snaking.add(s);
                md.put("plan_pattern", "outer_product");
                md.put("plan_pattern_module", "bluesky.plan_patterns");
                md.putObject("plan_pattern_args").set("args", a.deepCopy());
                hints.put("gridding", "rectilinear");
                for (String m : motors) dims.addArray().add(JSON.createArrayNode().add(m)).add("primary");
            }
        }
        if (!md.has("motors")) md.putArray("motors");
        md.set("plan_args", args);
        md.put("num_points", p.size());
        md.put("num_intervals", Math.max(0, p.size() - 1));
        md.set("hints", hints);
        md.set("triggers", strings(r.triggers()));
        md.set("jioc", extras(r));
        if (r.md() != null) md.setAll(r.md().deepCopy());
        return md;
    }

    /** bluesky's snake_axes argument: False (none), True (every axis but the first), else the list of motors. */
    private static com.fasterxml.jackson.databind.JsonNode snakeAxes(List<Axis> axes) {
        List<String> snaking = new ArrayList<>();
        for (Axis a : axes) if (a.snake()) snaking.add(a.motor());
        if (snaking.isEmpty()) return JSON.getNodeFactory().booleanNode(false);
        if (axes.size() > 1 && snaking.size() == axes.size() - 1 && !axes.get(0).snake())
            return JSON.getNodeFactory().booleanNode(true);
        return strings(snaking);
    }

    /** The StepScan extras of the run, so the record says how it was taken. */
    private static ObjectNode extras(PlanRequest r) {
        ObjectNode x = JSON.createObjectNode();
        ArrayNode b = x.putArray("breakpoints");
        r.breakpoints().forEach(b::add);
        x.set("extra_pvs", strings(r.extraPvs()));
        x.set("pre_scan", strings(r.preScan().stream().map(PutAction::toString).toList()));
        x.set("post_scan", strings(r.postScan().stream().map(PutAction::toString).toList()));
        x.set("at_break", strings(r.atBreak().stream().map(PutAction::toString).toList()));
        x.put("settle", r.settle());
        x.put("dwell", r.dwell());
        if (r.pointCheck() != null) x.put("point_check", r.pointCheck());
        x.put("retries", r.retries());
        x.put("gate", r.gate());
        return x;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = JSON.createArrayNode();
        values.forEach(a::add);
        return a;
    }

    /** The RunStop document (bluesky): exit_status, reason, num_events per stream, time. */
    public static ObjectNode stop(String runStartUid, String exitStatus, String reason, Map<String, Long> numEvents) {
        ObjectNode s = JSON.createObjectNode();
        s.put("run_start", runStartUid);
        s.put("time", System.currentTimeMillis() / 1000.0);
        s.put("exit_status", exitStatus);
        s.put("reason", reason == null ? "" : reason);
        ObjectNode n = s.putObject("num_events");
        numEvents.forEach(n::put);
        return s;
    }
}
