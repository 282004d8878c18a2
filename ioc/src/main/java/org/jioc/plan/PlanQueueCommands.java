package org.jioc.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The arguments of the queue commands count, scan, rel_scan, list_scan, grid_scan and rel_grid_scan: JSON in the
 * shape of the bluesky plan's call, motors and detectors named by PV.
 *
 * <pre>
 * count      {"detectors": [...], "num": 5, "delay": 0.5}
 * scan       {"detectors": [...], "args": ["2bmb:m1", -1, 1, "2bmb:m2", 0, 2], "num": 11}
 * list_scan  {"detectors": [...], "args": ["2bmb:m1", [1, 2, 5], "2bmb:m2", [0, 0, 1]]}
 * grid_scan  {"detectors": [...], "args": ["2bmb:m1", 0, 1, 3, "2bmb:m2", 0, 2, 5], "snake_axes": true}
 * </pre>
 *
 * snake_axes: false (default), true (every motor but the first) or a list of motors. Extras, all optional:
 * "triggers", "settle", "dwell", "breakpoints", "extra_pvs", "pre_scan"/"post_scan"/"at_break" (["PV=VALUE", ...]
 * or [{"pv": ..., "value": ...}]), "point_check", "retries" (default 3), "gate", "md" (an object).
 */
final class PlanQueueCommands {
    private PlanQueueCommands() { }

    static PlanRequest request(PlanKind kind, JsonNode a) {
        if (a == null || !a.isObject()) throw new IllegalArgumentException(kind.planName() + " needs a JSON object");
        for (var it = a.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!KNOWN.contains(f)) throw new IllegalArgumentException(kind.planName() + ": unknown argument '" + f
                    + "' (known: " + String.join(", ", KNOWN) + ")");
        }
        List<Axis> axes = axes(kind, a.get("args"), a.get("snake_axes"));
        int num = kind == PlanKind.COUNT ? a.path("num").asInt(1) : a.path("num").asInt(0);
        if ((kind == PlanKind.SCAN || kind == PlanKind.REL_SCAN) && !a.path("num").isInt())
            throw new IllegalArgumentException(kind.planName() + " needs \"num\" (points)");
        JsonNode md = a.get("md");
        if (md != null && !md.isObject()) throw new IllegalArgumentException("md must be a JSON object");
        return new PlanRequest(kind, axes, num, strings(a, "triggers"), strings(a, "detectors"),
                a.path("delay").asDouble(0), a.path("settle").asDouble(0), a.path("dwell").asDouble(0),
                breakpoints(a.get("breakpoints")), strings(a, "extra_pvs"), actions(a, "pre_scan"),
                actions(a, "post_scan"), actions(a, "at_break"), a.path("point_check").asText(null),
                a.path("retries").asInt(3), a.path("gate").asText(""), (ObjectNode) md);
    }

    private static final Set<String> KNOWN = new TreeSet<>(List.of("detectors", "args", "num", "delay",
            "snake_axes", "per_step", "triggers", "settle", "dwell", "breakpoints", "extra_pvs", "pre_scan",
            "post_scan", "at_break", "point_check", "retries", "gate", "md"));

    private static List<Axis> axes(PlanKind kind, JsonNode args, JsonNode snakeAxes) {
        List<Axis> axes = new ArrayList<>();
        if (kind == PlanKind.COUNT) {
            if (args != null && !args.isEmpty()) throw new IllegalArgumentException("count takes no args");
            return axes;
        }
        if (args == null || !args.isArray()) throw new IllegalArgumentException(kind.planName()
                + " needs \"args\": [motor, ...]");
        int per = kind == PlanKind.LIST_SCAN ? 2 : kind.grid() ? 4 : 3;
        if (args.size() == 0 || args.size() % per != 0)
            throw new IllegalArgumentException(kind.planName() + ": args must be groups of " + per + " ("
                    + (per == 2 ? "motor, [positions]" : per == 3 ? "motor, start, stop" : "motor, start, stop, num")
                    + "), got " + args.size() + " values");
        Set<String> snake = snakeSet(kind, args, per, snakeAxes);
        for (int i = 0; i < args.size(); i += per) {
            JsonNode m = args.get(i);
            if (!m.isTextual()) throw new IllegalArgumentException(kind.planName() + ": " + m + " is not a motor name");
            String name = m.asText();
            if (per == 2) {
                JsonNode l = args.get(i + 1);
                if (!l.isArray()) throw new IllegalArgumentException(name + ": positions must be a list");
                double[] p = new double[l.size()];
                for (int k = 0; k < p.length; k++) p[k] = number(l.get(k), name);
                axes.add(Axis.list(name, p));
            } else if (per == 3) {
                axes.add(Axis.linear(name, number(args.get(i + 1), name), number(args.get(i + 2), name), 0));
            } else {
                JsonNode n = args.get(i + 3);
                if (!n.isInt()) throw new IllegalArgumentException(name + ": num must be an integer, not " + n);
                axes.add(Axis.grid(name, number(args.get(i + 1), name), number(args.get(i + 2), name), n.asInt(),
                        snake.contains(name)));
            }
        }
        return axes;
    }

    /** bluesky's snake_axes: True = every motor but the first; a list must not hold the first or unknown motors. */
    private static Set<String> snakeSet(PlanKind kind, JsonNode args, int per, JsonNode s) {
        Set<String> out = new TreeSet<>();
        if (s == null || s.isNull() || (s.isBoolean() && !s.asBoolean())) return out;
        if (!kind.grid()) throw new IllegalArgumentException("snake_axes only goes with grid plans");
        List<String> motors = new ArrayList<>();
        for (int i = 0; i < args.size(); i += per) motors.add(args.get(i).asText());
        if (s.isBoolean()) {
            out.addAll(motors.subList(1, motors.size()));
            return out;
        }
        if (!s.isArray()) throw new IllegalArgumentException("snake_axes must be true, false or a list of motors");
        for (JsonNode n : s) {
            String m = n.asText();
            if (!motors.contains(m)) throw new IllegalArgumentException("snake_axes: " + m + " is not a motor of the"
                    + " plan");
            if (m.equals(motors.get(0))) throw new IllegalArgumentException("snake_axes: the first (slowest) motor "
                    + m + " cannot snake");
            if (!out.add(m)) throw new IllegalArgumentException("snake_axes: " + m + " is listed twice");
        }
        return out;
    }

    private static double number(JsonNode n, String motor) {
        if (n == null || !n.isNumber()) throw new IllegalArgumentException(motor + ": " + n + " is not a number");
        return n.asDouble();
    }

    private static List<String> strings(JsonNode a, String key) {
        JsonNode n = a.get(key);
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (n.isTextual()) return PlanPvs.splitNames(n.asText());
        if (!n.isArray()) throw new IllegalArgumentException(key + " must be a list of PV names");
        for (JsonNode s : n) out.add(s.asText());
        return out;
    }

    private static Set<Integer> breakpoints(JsonNode n) {
        Set<Integer> out = new TreeSet<>();
        if (n == null || n.isNull()) return out;
        if (!n.isArray()) throw new IllegalArgumentException("breakpoints must be a list of point indices");
        for (JsonNode i : n) {
            if (!i.isInt()) throw new IllegalArgumentException("breakpoint " + i + " is not a point index");
            out.add(i.asInt());
        }
        return out;
    }

    private static List<PutAction> actions(JsonNode a, String key) {
        JsonNode n = a.get(key);
        List<PutAction> out = new ArrayList<>();
        if (n == null || n.isNull()) return out;
        if (n.isTextual()) return PutAction.parseList(n.asText());
        if (!n.isArray()) throw new IllegalArgumentException(key + " must be a list of actions");
        for (JsonNode x : n) {
            if (x.isObject()) out.add(new PutAction(x.path("pv").asText(), x.path("value").asText()));
            else out.addAll(PutAction.parseList(x.asText()));
        }
        return out;
    }
}
