package org.jioc.record;

import java.util.ArrayList;
import java.util.List;

import org.jioc.db.NumberFormat;

/**
 * What one scan will do, taken from the record when it starts: the number of points and, for each positioner with
 * a PV, its absolute target at every point (LINEAR from SP/EP, TABLE from PnPA, RELATIVE added to the pre-scan
 * position). Also checks every target against the positioner's limits (PnLR..PnHR) before anything moves.
 */
final class SscanPlan {
    final int npts;
    /** Indices (0..3) of the positioners that have a PV. */
    final int[] active;
    /** points[p][i]: absolute target of positioner p at point i (null for inactive positioners). */
    final double[][] points = new double[SscanRecord.NUM_POS][];
    final boolean[] fly = new boolean[SscanRecord.NUM_POS];

    private SscanPlan(int npts, int[] active) {
        this.npts = npts;
        this.active = active;
    }

    /**
     * Build from the record (lock held). prior[p] is positioner p's pre-scan position (used for RELATIVE).
     * Throws IllegalArgumentException with an SMSG-sized reason when the plan is impossible.
     */
    static SscanPlan build(SscanRecord r, double[] prior) {
        int n = (int) Math.max(1, Math.min(r.l[SscanRecord.NPTS], r.mpts()));
        List<Integer> act = new ArrayList<>();
        for (int p = 0; p < SscanRecord.NUM_POS; p++) if (r.posPv[p] != null) act.add(p);
        SscanPlan plan = new SscanPlan(n, act.stream().mapToInt(Integer::intValue).toArray());
        boolean arrayMode = r.l[SscanRecord.ACQT] == SscanMenus.ACQT_1D_ARRAY;
        for (int p : plan.active) {
            double[] pts = new double[n];
            long sm = r.l[SscanRecord.PSM[p]];
            if (sm == SscanMenus.TABLE) {
                if (r.tableCount[p] < n) {
                    throw new IllegalArgumentException("P" + (p + 1) + " table has " + r.tableCount[p] + " of "
                            + n + " points");
                }
                System.arraycopy((double[]) r.o[SscanRecord.PPA[p]], 0, pts, 0, n);
            } else {
                double sp = r.d[SscanRecord.PSP[p]], ep = r.d[SscanRecord.PEP[p]];
                for (int i = 0; i < n; i++) pts[i] = n > 1 ? sp + (ep - sp) * i / (n - 1) : sp;
            }
            if (r.l[SscanRecord.PAR[p]] == SscanMenus.RELATIVE) {
                if (Double.isNaN(prior[p])) {
                    throw new IllegalArgumentException("P" + (p + 1) + " position unknown (RELATIVE)");
                }
                for (int i = 0; i < n; i++) pts[i] += prior[p];
            }
            if (r.l[SscanRecord.SNAKE] != 0 && r.outerPoint % 2 == 1) {
                for (int i = 0, j = n - 1; i < j; i++, j--) {
                    double t = pts[i];
                    pts[i] = pts[j];
                    pts[j] = t;
                }
            }
            plan.points[p] = pts;
            plan.fly[p] = sm == SscanMenus.FLY || arrayMode;
        }
        return plan;
    }

    /** Null when every target is inside its positioner's limits, else which point of which positioner is not. */
    String checkLimits(SscanRecord r) {
        for (int p : active) {
            double hi = r.d[SscanRecord.PHR[p]], lo = r.d[SscanRecord.PLR[p]];
            if (hi == 0 && lo == 0) continue; // no limits known (as in sscan: HR == LR means none)
            if (hi < lo) { double t = hi; hi = lo; lo = t; }
            for (int i = 0; i < npts; i++) {
                double v = points[p][i];
                if (v > hi || v < lo) {
                    return "P" + (p + 1) + " pt " + (i + 1) + " " + fmt(v) + (v > hi ? " > HR " + fmt(hi)
                            : " < LR " + fmt(lo));
                }
            }
        }
        return null;
    }

    private static String fmt(double v) { return NumberFormat.plain(Math.round(v * 1e6) / 1e6); }
}
