package org.jioc.record;

/**
 * Where PASM's data-driven modes put a positioner after the scan, from the reference detector's data (REFD) and the
 * positioner's readbacks of the same scan: the point of the largest or smallest value, the steepest rise or fall
 * (between the two points around it), or the centroid. NaN when the data show nothing (flat data, no weight): then
 * the positioner stays.
 */
final class SscanPeak {
    private SscanPeak() { }

    static double position(int pasm, double[] pos, float[] det, int n) {
        if (n < 1) return Double.NaN;
        switch (pasm) {
            case SscanMenus.PASM_PEAK: return extreme(pos, det, n, true);
            case SscanMenus.PASM_VALLEY: return extreme(pos, det, n, false);
            case SscanMenus.PASM_RISING_EDGE: return edge(pos, det, n, true);
            case SscanMenus.PASM_FALLING_EDGE: return edge(pos, det, n, false);
            case SscanMenus.PASM_COM: return centroid(pos, det, n);
            default: return Double.NaN;
        }
    }

    private static double extreme(double[] pos, float[] det, int n, boolean max) {
        int best = 0;
        boolean flat = true;
        for (int i = 1; i < n; i++) {
            if (det[i] != det[0]) flat = false;
            if (max ? det[i] > det[best] : det[i] < det[best]) best = i;
        }
        return flat && n > 1 ? Double.NaN : pos[best];
    }

    private static double edge(double[] pos, float[] det, int n, boolean rising) {
        if (n < 2) return Double.NaN;
        int best = -1;
        double bestSlope = 0;
        for (int i = 0; i + 1 < n; i++) {
            double dp = pos[i + 1] - pos[i];
            if (dp == 0) continue;
            double slope = (det[i + 1] - det[i]) / dp;
            if (rising ? slope > bestSlope : slope < bestSlope) {
                bestSlope = slope;
                best = i;
            }
        }
        return best < 0 ? Double.NaN : (pos[best] + pos[best + 1]) / 2;
    }

    private static double centroid(double[] pos, float[] det, int n) {
        double sw = 0, swx = 0;
        for (int i = 0; i < n; i++) {
            sw += det[i];
            swx += det[i] * pos[i];
        }
        return sw == 0 ? Double.NaN : swx / sw;
    }
}
