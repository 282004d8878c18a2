package org.jioc.areadetector.plugins;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;

/**
 * NDPluginStats' statistics of one frame: minimum and maximum with the X/Y position of their first occurrence,
 * total, mean, population standard deviation (sqrt(Σv²/N − mean²), as areaDetector computes it) and net =
 * total − (mean of the border pixels)·N. All elements count, colour frames included.
 */
record BasicStats(long n, double min, double max, int minIndex, int maxIndex, int minX, int minY, int maxX,
                  int maxY, double total, double mean, double sigma, double net) {
    /** Pixels widened per pass: small enough for the L1 cache, large enough to amortise the type switch. */
    private static final int CHUNK = 4096;

    /**
     * @param bgdWidth the border width for Net: along every dimension the first and last bgdWidth pixels (full
     * extent in the other dimensions) form the background, corners counted once per dimension as in areaDetector;
     * bgdWidth ≤ 0 gives net = total
     */
    static BasicStats of(NDArray a, int bgdWidth) {
        Sums s = PixelRows.fitsInt(a.dataType()) ? intSums(a) : doubleSums(a);
        long n = a.numElements();
        double mean = s.total / n;
        double var = s.sumSq / n - mean * mean;
        double sigma = Math.sqrt(Math.max(var, 0));
        double net = s.total;
        if (bgdWidth > 0) {
            double bgdCounts = 0;
            long bgdPixels = 0;
            for (int d = 0; d < a.ndims(); d++) {
                int len = a.dim(d);
                int w1 = Math.min(bgdWidth, len);
                bgdCounts += slabSum(a, d, 0, w1);
                bgdPixels += (long) a.numElements() / len * w1;
                int off = Math.max(0, len - bgdWidth);
                int w2 = Math.min(bgdWidth, len - off);
                bgdCounts += slabSum(a, d, off, off + w2);
                bgdPixels += (long) a.numElements() / len * w2;
            }
            net = s.total - bgdCounts / Math.max(1, bgdPixels) * n;
        }
        int[] pmin = position(a, s.minIndex), pmax = position(a, s.maxIndex);
        return new BasicStats(n, s.min, s.max, s.minIndex, s.maxIndex, pmin[0], pmin[1], pmax[0], pmax[1], s.total,
                mean, sigma, net);
    }

    private record Sums(double min, double max, int minIndex, int maxIndex, double total, double sumSq) { }

    /** 8- and 16-bit frames: exact long sums of values and squares. */
    private static Sums intSums(NDArray a) {
        Object data = a.data();
        NDDataType t = a.dataType();
        int n = a.numElements();
        int[] buf = new int[Math.min(CHUNK, n)];
        int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE, imin = 0, imax = 0;
        long sum = 0, sq = 0;
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            PixelRows.toInt(data, t, from, len, buf);
            int cmin = Integer.MAX_VALUE, cmax = Integer.MIN_VALUE;
            long csum = 0, csq = 0;
            for (int i = 0; i < len; i++) {
                int v = buf[i];
                csum += v;
                csq += v * (long) v;
                cmin = Math.min(cmin, v);
                cmax = Math.max(cmax, v);
            }
            sum += csum;
            sq += csq;
            // Positions only when this chunk holds a new extreme: the hot loop above stays branch-free.
            if (cmin < min) {
                min = cmin;
                imin = from + indexOf(buf, len, cmin);
            }
            if (cmax > max) {
                max = cmax;
                imax = from + indexOf(buf, len, cmax);
            }
        }
        return new Sums(min, max, imin, imax, sum, sq);
    }

    private static int indexOf(int[] buf, int len, int v) {
        for (int i = 0; i < len; i++) if (buf[i] == v) return i;
        throw new IllegalStateException("value not in chunk");
    }

    /** Wider and float frames: sums in double (NaN pixels make the total NaN and are never the min or max). */
    private static Sums doubleSums(NDArray a) {
        Object data = a.data();
        NDDataType t = a.dataType();
        int n = a.numElements();
        double[] buf = new double[Math.min(CHUNK, n)];
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, sum = 0, sq = 0;
        int imin = -1, imax = -1;
        for (int from = 0; from < n; from += CHUNK) {
            int len = Math.min(CHUNK, n - from);
            PixelRows.toDouble(data, t, from, len, buf);
            for (int i = 0; i < len; i++) {
                double v = buf[i];
                sum += v;
                sq += v * v;
                if (v < min) {
                    min = v;
                    imin = from + i;
                }
                if (v > max) {
                    max = v;
                    imax = from + i;
                }
            }
        }
        if (imin < 0) { // every pixel NaN
            min = max = Double.NaN;
            imin = imax = 0;
        }
        return new Sums(min, max, imin, imax, sum, sq);
    }

    /** Σ of the elements whose index along dimension d is in [lo, hi). */
    static double slabSum(NDArray a, int d, int lo, int hi) {
        if (hi <= lo) return 0;
        int inner = 1, outer = 1;
        for (int i = 0; i < d; i++) inner *= a.dim(i);
        for (int i = d + 1; i < a.ndims(); i++) outer *= a.dim(i);
        int len = a.dim(d);
        int run = (hi - lo) * inner;
        double[] buf = new double[Math.min(run, CHUNK)];
        double sum = 0;
        for (int o = 0; o < outer; o++) {
            int start = (o * len + lo) * inner;
            for (int from = 0; from < run; from += CHUNK) {
                int n = Math.min(CHUNK, run - from);
                PixelRows.toDouble(a.data(), a.dataType(), start + from, n, buf);
                for (int i = 0; i < n; i++) sum += buf[i];
            }
        }
        return sum;
    }

    /** The image X and Y of element i (colour frames: of the pixel holding it; 1-D frames: Y = 0). */
    static int[] position(NDArray a, int i) {
        if (a.ndims() == 3 && a.colorMode() == NDColorMode.RGB1) {
            int p = i / a.dim(0);
            return new int[] {p % a.dim(1), p / a.dim(1)};
        }
        if (a.ndims() == 3 && a.colorMode() == NDColorMode.RGB2) {
            return new int[] {i % a.dim(0), i / (a.dim(0) * a.dim(1))};
        }
        int nx = a.dim(0);
        return new int[] {i % nx, a.ndims() > 1 ? (i / nx) % a.dim(1) : 0};
    }
}
