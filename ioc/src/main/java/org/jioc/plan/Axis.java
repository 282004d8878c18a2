package org.jioc.plan;

/**
 * One motor of a plan: its name (a PV of this IOC, e.g. "2bmb:m1"), and either start/stop (scan: with the plan's
 * num; grid: with this axis' own num) or an explicit list of positions (list_scan). snake: grid only, run this axis
 * backwards on odd passes of the axes outside it (bluesky snake_axes).
 */
public record Axis(String motor, double start, double stop, int num, double[] positions, boolean snake) {
    public static Axis linear(String motor, double start, double stop, int num) {
        return new Axis(motor, start, stop, num, null, false);
    }

    public static Axis grid(String motor, double start, double stop, int num, boolean snake) {
        return new Axis(motor, start, stop, num, null, snake);
    }

    public static Axis list(String motor, double... positions) {
        return new Axis(motor, Double.NaN, Double.NaN, positions.length, positions.clone(), false);
    }

    /** num points from start to stop inclusive, as numpy.linspace. */
    static double[] linspace(double start, double stop, int num) {
        double[] v = new double[num];
        if (num == 1) {
            v[0] = start;
            return v;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) v[i] = start + i * step;
        v[num - 1] = stop;
        return v;
    }
}
