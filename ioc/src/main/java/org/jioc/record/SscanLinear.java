package org.jioc.record;

import java.util.ArrayList;
import java.util.List;

/**
 * The linear scan parameters of one positioner, kept consistent as sscan does: start SP, end EP, step SI, center
 * CP, width WD and the number of points N, with EP = SP + (N-1)·SI, CP = (SP+EP)/2, WD = EP-SP. Three of them fix
 * the rest. When one is changed, the changed one and the frozen ones are kept, and of the others the most natural
 * to keep are tried first (a new start or end keeps the other end and N, so the step changes; a new step keeps the
 * start and N, so the end moves; a new center keeps the width; a new width keeps the center; a new N keeps both
 * ends). If nothing satisfies the frozen values, the change is refused.
 */
final class SscanLinear {
    static final int SP = 0, EP = 1, SI = 2, CP = 3, WD = 4, N = 5;
    private static final String[] NAMES = {"SP", "EP", "SI", "CP", "WD", "NPTS"};

    /** Preferred kept triples (bit masks) for each changed parameter, most natural first. */
    private static final int[][] PREFERRED = {
        {m(SP, EP, N), m(SP, SI, N), m(SP, CP, N), m(SP, WD, N)},
        {m(EP, SP, N), m(EP, SI, N), m(EP, CP, N), m(EP, WD, N)},
        {m(SI, SP, N), m(SI, CP, N), m(SI, EP, N), m(SP, EP, SI)},
        {m(CP, WD, N), m(CP, SI, N), m(CP, SP, N), m(CP, EP, N)},
        {m(WD, CP, N), m(WD, SP, N), m(WD, EP, N)},
        {m(N, SP, EP), m(N, CP, WD), m(N, SP, SI), m(N, CP, SI), m(N, SP, WD), m(N, EP, SI)},
    };

    private SscanLinear() { }

    private static int m(int... vars) {
        int mask = 0;
        for (int v : vars) mask |= 1 << v;
        return mask;
    }

    /** The parameters: values[SP..WD] and n. */
    static final class Params {
        final double[] v = new double[5];
        int n;

        Params(double sp, double ep, double si, double cp, double wd, int n) {
            v[SP] = sp; v[EP] = ep; v[SI] = si; v[CP] = cp; v[WD] = wd;
            this.n = n;
        }

        Params copy() { return new Params(v[SP], v[EP], v[SI], v[CP], v[WD], n); }

        double get(int i) { return i == N ? n : v[i]; }
    }

    /**
     * Solve after changing parameter `changed` (p already holds its new value). frozenMask has bit i set for each
     * frozen parameter. Returns the consistent set, or null if the frozen values cannot all be kept.
     */
    static Params solve(Params p, int changed, int frozenMask, int maxPoints) {
        int fixed = frozenMask | (1 << changed);
        for (int kept : candidates(changed)) {
            Params r = fromKept(p, kept, maxPoints);
            if (r != null && keeps(p, r, fixed)) return r;
        }
        return null;
    }

    static String name(int i) { return NAMES[i]; }

    private static List<Integer> candidates(int changed) {
        List<Integer> out = new ArrayList<>();
        for (int c : PREFERRED[changed]) out.add(c);
        for (int a = 0; a < 6; a++) {
            for (int b = a + 1; b < 6; b++) {
                for (int c = b + 1; c < 6; c++) {
                    int k = m(a, b, c);
                    if ((k & (1 << changed)) != 0 && !out.contains(k)) out.add(k);
                }
            }
        }
        return out;
    }

    private static boolean keeps(Params in, Params out, int fixed) {
        for (int i = 0; i < 6; i++) {
            if ((fixed & (1 << i)) == 0) continue;
            double a = in.get(i), b = out.get(i);
            if (Math.abs(a - b) > 1e-9 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)))) return false;
        }
        return true;
    }

    /** The full set from three kept parameters, or null when they do not determine it (or N is impossible). */
    private static Params fromKept(Params p, int kept, int maxPoints) {
        boolean hasN = (kept & (1 << N)) != 0;
        double sp, ep;
        int n;
        double[] v = p.v;
        if (hasN) {
            n = p.n;
            int pair = kept & ~(1 << N);
            double width;
            if (pair == m(SP, EP)) { sp = v[SP]; ep = v[EP]; }
            else if (pair == m(SP, SI)) { sp = v[SP]; ep = sp + (n - 1) * v[SI]; }
            else if (pair == m(SP, CP)) { sp = v[SP]; ep = 2 * v[CP] - sp; }
            else if (pair == m(SP, WD)) { sp = v[SP]; ep = sp + v[WD]; }
            else if (pair == m(EP, SI)) { ep = v[EP]; sp = ep - (n - 1) * v[SI]; }
            else if (pair == m(EP, CP)) { ep = v[EP]; sp = 2 * v[CP] - ep; }
            else if (pair == m(EP, WD)) { ep = v[EP]; sp = ep - v[WD]; }
            else if (pair == m(SI, CP)) { width = (n - 1) * v[SI]; sp = v[CP] - width / 2; ep = v[CP] + width / 2; }
            else if (pair == m(CP, WD)) { sp = v[CP] - v[WD] / 2; ep = v[CP] + v[WD] / 2; }
            else return null; // SI and WD only say the width
        } else {
            if ((kept & (1 << SI)) == 0 || v[SI] == 0) return null;
            int pair = kept & ~(1 << SI);
            double width;
            if (pair == m(SP, EP)) width = v[EP] - v[SP];
            else if (pair == m(SP, CP)) width = 2 * (v[CP] - v[SP]);
            else if (pair == m(SP, WD) || pair == m(EP, WD) || pair == m(CP, WD)) width = v[WD];
            else if (pair == m(EP, CP)) width = 2 * (v[EP] - v[CP]);
            else return null;
            double steps = width / v[SI];
            long r = Math.round(steps);
            if (steps < -1e-9 || Math.abs(steps - r) > 1e-6 || r + 1 > maxPoints) return null;
            n = (int) r + 1;
            if ((pair & (1 << SP)) != 0) sp = v[SP];
            else if ((pair & (1 << EP)) != 0) sp = v[EP] - width;
            else sp = v[CP] - width / 2;
            ep = sp + width;
        }
        if (n < 1 || n > maxPoints) return null;
        double si = n > 1 ? (ep - sp) / (n - 1) : v[SI];
        return new Params(sp, ep, si, (sp + ep) / 2, ep - sp, n);
    }
}
