package org.jioc.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The points of a plan, in the order they are taken: for each point one target per motor (motors in the plan's
 * order). For relative plans the targets are offsets from where the motors are when the run starts.
 *
 * <p>Orders follow bluesky: scan / list_scan move every motor together (inner product); grid_scan is the outer
 * product, first motor slowest, last fastest, and a snaking axis runs backwards on odd passes of the axes outside
 * it, exactly as bluesky.utils.snake_cyclers builds them (values doubled as v + reversed(v), each repeated the
 * product of the later lengths, tiled the product of the earlier lengths, cut to the total).
 */
public record PlanPoints(List<String> motors, List<double[]> points, int[] shape, double[][] extents,
                         boolean[] snaking) {

    public int size() { return points.size(); }

    public double[] point(int i) { return points.get(i); }

    /** The points of a plan; arguments are checked by {@link PlanRequest}. */
    public static PlanPoints of(PlanKind kind, List<Axis> axes, int num) {
        List<String> motors = axes.stream().map(Axis::motor).toList();
        return switch (kind) {
            case COUNT -> {
                List<double[]> pts = new ArrayList<>();
                for (int i = 0; i < num; i++) pts.add(new double[0]);
                yield new PlanPoints(List.of(), pts, new int[] {num}, new double[0][], new boolean[0]);
            }
            case SCAN, REL_SCAN -> inner(motors, axes.stream().map(a -> Axis.linspace(a.start(), a.stop(), num))
                    .toList(), axes);
            case LIST_SCAN -> inner(motors, axes.stream().map(Axis::positions).toList(), axes);
            case GRID_SCAN, REL_GRID_SCAN -> grid(motors, axes);
        };
    }

    private static PlanPoints inner(List<String> motors, List<double[]> values, List<Axis> axes) {
        int n = values.isEmpty() ? 0 : values.get(0).length;
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[motors.size()];
            for (int m = 0; m < p.length; m++) p[m] = values.get(m)[i];
            pts.add(p);
        }
        double[][] extents = new double[axes.size()][];
        for (int m = 0; m < extents.length; m++) extents[m] = new double[] {values.get(m)[0], values.get(m)[n - 1]};
        return new PlanPoints(motors, pts, new int[] {n}, extents, new boolean[axes.size()]);
    }

    private static PlanPoints grid(List<String> motors, List<Axis> axes) {
        int dims = axes.size();
        int[] shape = new int[dims];
        double[][] values = new double[dims][];
        double[][] extents = new double[dims][];
        boolean[] snaking = new boolean[dims];
        int total = 1;
        for (int i = 0; i < dims; i++) {
            Axis a = axes.get(i);
            values[i] = Axis.linspace(a.start(), a.stop(), a.num());
            shape[i] = a.num();
            extents[i] = new double[] {a.start(), a.stop()};
            snaking[i] = a.snake();
            total *= a.num();
        }
        List<double[]> pts = new ArrayList<>(total);
        for (int j = 0; j < total; j++) pts.add(new double[dims]);
        for (int i = 0; i < dims; i++) {
            int repeats = 1;
            for (int k = i + 1; k < dims; k++) repeats *= shape[k];
            int n = shape[i];
            int cycle = snaking[i] ? 2 * n : n;
            for (int j = 0; j < total; j++) {
                int k = (j / repeats) % cycle;
                pts.get(j)[i] = values[i][k < n ? k : 2 * n - 1 - k];
            }
        }
        return new PlanPoints(motors, pts, shape, extents, snaking);
    }

    /** The same points moved by origin (one per motor): a relative plan's absolute targets. */
    public PlanPoints shifted(double[] origin) {
        List<double[]> pts = new ArrayList<>(points.size());
        for (double[] p : points) {
            double[] q = p.clone();
            for (int m = 0; m < q.length; m++) q[m] += origin[m];
            pts.add(q);
        }
        return new PlanPoints(motors, pts, shape, extents, snaking);
    }
}
