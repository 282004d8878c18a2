package org.jioc.areadetector.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Stats, Net, centroid and histogram against straightforward per-pixel reference computations. */
class StatsMathTest {
    static NDArray frame(NDDataType t, int nx, int ny, long seed) {
        int n = nx * ny;
        return RoiExtractorTest.frame(t, ny == 1 ? new int[] {nx} : new int[] {nx, ny},
                RoiExtractorTest.values(t, n, seed));
    }

    /** Pixel-by-pixel reference of everything BasicStats reports. */
    static void checkBasic(NDArray a, int bgd) {
        int n = a.numElements(), nx = a.dim(0), ny = a.ndims() > 1 ? a.dim(1) : 1;
        double min = Double.MAX_VALUE, max = -Double.MAX_VALUE, sum = 0;
        int imin = 0, imax = 0;
        for (int i = 0; i < n; i++) {
            double v = a.get(i);
            if (v < min) { min = v; imin = i; }
            if (v > max) { max = v; imax = i; }
            sum += v;
        }
        double mean = sum / n, ss = 0;
        for (int i = 0; i < n; i++) ss += (a.get(i) - mean) * (a.get(i) - mean);
        // Background: each pixel counted once per (dimension, side) slab it lies in, as areaDetector does.
        double bsum = 0;
        long bn = 0;
        for (int i = 0; i < n; i++) {
            int[] c = {i % nx, i / nx};
            int[] len = {nx, ny};
            for (int d = 0; d < a.ndims(); d++) {
                int w1 = Math.min(bgd, len[d]), off = Math.max(0, len[d] - bgd);
                int k = (c[d] < w1 ? 1 : 0) + (c[d] >= off ? 1 : 0);
                bsum += k * a.get(i);
                bn += k;
            }
        }
        double net = bgd > 0 ? sum - bsum / bn * n : sum;
        BasicStats s = BasicStats.of(a, bgd);
        String what = a.dataType() + " " + nx + "x" + ny + " bgd " + bgd;
        assertEquals(min, s.min(), what);
        assertEquals(max, s.max(), what);
        assertEquals(sum, s.total(), 1e-9 * Math.abs(sum) + 1e-9, what);
        assertEquals(mean, s.mean(), 1e-9 * Math.abs(mean) + 1e-12, what);
        assertEquals(Math.sqrt(ss / n), s.sigma(), 1e-7 * Math.sqrt(ss / n) + 1e-9, what);
        assertEquals(net, s.net(), 1e-9 * Math.abs(sum) + 1e-6, what);
        assertEquals(imin % nx, s.minX(), what);
        assertEquals(imin / nx, s.minY(), what);
        assertEquals(imax % nx, s.maxX(), what);
        assertEquals(imax / nx, s.maxY(), what);
    }

    @ParameterizedTest
    @EnumSource(NDDataType.class)
    void basicStatisticsMatchTheReferenceForEveryType(NDDataType t) {
        for (int bgd : new int[] {0, 1, 3, 40}) {
            checkBasic(frame(t, 37, 23, t.ordinal()), bgd);
            checkBasic(frame(t, 9000, 1, t.ordinal() + 10), bgd); // 1-D, more than one chunk
            checkBasic(frame(t, 5000, 3, t.ordinal() + 20), bgd);  // rows longer than a chunk
        }
    }

    @Test
    void firstOccurrenceWinsForMinAndMax() {
        NDArray a = RoiExtractorTest.frame(NDDataType.UInt16, new int[] {3, 2}, new double[] {5, 1, 9, 1, 9, 5});
        BasicStats s = BasicStats.of(a, 0);
        assertEquals(1, s.minIndex());
        assertEquals(2, s.maxIndex());
        assertEquals(2, s.maxX());
        assertEquals(0, s.maxY());
    }

    @Test
    void netWithAFlatBackgroundIsTheSignalAboveIt() {
        double[] v = new double[10 * 10];
        java.util.Arrays.fill(v, 10);
        v[55] = 110; // one bright pixel inside the border
        NDArray a = RoiExtractorTest.frame(NDDataType.UInt16, new int[] {10, 10}, v);
        assertEquals(100, BasicStats.of(a, 1).net(), 1e-9);
        assertEquals(1100, BasicStats.of(a, 0).net(), 1e-9);
    }

    @Test
    void colourFramesReportImagePositions() {
        double[] v = new double[3 * 4 * 2];
        v[3 * (4 + 2) + 1] = 50; // RGB1: green of pixel x=2, y=1
        NDArray in = RoiExtractorTest.frame(NDDataType.UInt8, new int[] {3, 4, 2}, v);
        NDArray rgb1 = new NDArray(1, 0, 0, NDDataType.UInt8, NDColorMode.RGB1, new int[] {3, 4, 2}, in.data(),
                List.of());
        BasicStats s = BasicStats.of(rgb1, 0);
        assertEquals(2, s.maxX());
        assertEquals(1, s.maxY());
        assertEquals(50, s.total());
    }

    /** Centroid reference: direct moments over the pixels at or above the threshold. */
    @ParameterizedTest
    @EnumSource(NDDataType.class)
    void centroidMatchesDirectMoments(NDDataType t) {
        int nx = 31, ny = 17;
        double[] v = new double[nx * ny];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                double g = 100 * Math.exp(-0.5 * (Math.pow((x - 12.3) / 4, 2) + Math.pow((y - 9.1) / 2.5, 2))
                        + 0.3 * (x - 12.3) * (y - 9.1) / 10);
                v[y * nx + x] = Math.floor(Math.min(g, 120));
            }
        }
        NDArray a = RoiExtractorTest.frame(t, new int[] {nx, ny}, v);
        double thr = 5;
        double m = 0, sx = 0, sy = 0;
        for (int i = 0; i < v.length; i++) if (a.get(i) >= thr) {
            m += a.get(i);
            sx += a.get(i) * (i % nx);
            sy += a.get(i) * (i / nx);
        }
        double cx = sx / m, cy = sy / m, vx = 0, vy = 0, vxy = 0, s3x = 0, s4x = 0;
        for (int i = 0; i < v.length; i++) if (a.get(i) >= thr) {
            double dx = i % nx - cx, dy = i / nx - cy, w = a.get(i);
            vx += w * dx * dx;
            vy += w * dy * dy;
            vxy += w * dx * dy;
            s3x += w * dx * dx * dx;
            s4x += w * dx * dx * dx * dx;
        }
        vx /= m;
        vy /= m;
        vxy /= m;
        Centroid c = Centroid.of(a, thr);
        assertEquals(m, c.total(), 1e-9);
        assertEquals(cx, c.x(), 1e-9);
        assertEquals(cy, c.y(), 1e-9);
        assertEquals(Math.sqrt(vx), c.sigmaX(), 1e-9);
        assertEquals(Math.sqrt(vy), c.sigmaY(), 1e-9);
        assertEquals(vxy / Math.sqrt(vx * vy), c.sigmaXY(), 1e-9);
        assertEquals(s3x / m / Math.pow(vx, 1.5), c.skewX(), 1e-6);
        assertEquals(s4x / m / (vx * vx) - 3, c.kurtosisX(), 1e-6);
        assertEquals(Math.toDegrees(0.5 * Math.atan2(2 * vxy, vx - vy)), c.orientation(), 1e-9);
    }

    @Test
    void centroidWithNothingAboveThresholdIsZeroAndNeedsAtMostTwoDims() {
        NDArray a = RoiExtractorTest.frame(NDDataType.UInt8, new int[] {4, 4}, new double[16]);
        assertSame(Centroid.NONE, Centroid.of(a, 1));
        NDArray line = RoiExtractorTest.frame(NDDataType.Float32, new int[] {5}, new double[] {0, 1, 2, 1, 0});
        assertEquals(2, Centroid.of(line, 1).x(), 1e-12);
        NDArray cube = RoiExtractorTest.frame(NDDataType.UInt8, new int[] {2, 2, 2}, new double[8]);
        assertThrows(IllegalArgumentException.class, () -> Centroid.of(cube, 1));
    }

    @ParameterizedTest
    @EnumSource(NDDataType.class)
    void histogramMatchesTheBinRule(NDDataType t) {
        checkHistogram(frame(t, 50, 40, 99 + t.ordinal())); // 16-bit: per pixel
        checkHistogram(frame(t, 300, 230, 7 + t.ordinal())); // 8- and 16-bit: by look-up table
    }

    private static void checkHistogram(NDArray a) {
        int size = 16;
        double lo = 10, hi = 200;
        double[] want = new double[size];
        long below = 0, above = 0;
        for (int i = 0; i < a.numElements(); i++) {
            double v = a.get(i);
            int b = (int) Math.floor((v - lo) * size / (hi - lo) + 0.5);
            if (v < lo) below++;
            else if (v > hi || b > size - 1) above++;
            else want[b]++;
        }
        double e = 0;
        for (double c : want) if (c > 0) e -= c * Math.log(c);
        Histogram h = Histogram.of(a, size, lo, hi);
        assertArrayEquals(want, h.counts(), 0);
        assertEquals(below, h.below());
        assertEquals(above, h.above());
        assertEquals(e / a.numElements(), h.entropy(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(a, size, 5, 5));
        assertThrows(IllegalArgumentException.class, () -> Histogram.of(a, 0, 0, 5));
    }

    @ParameterizedTest
    @EnumSource(NDDataType.class)
    void profilesAverageColumnsAndRowsAndCutLines(NDDataType t) {
        NDArray a = frame(t, 13, 7, 5 + t.ordinal());
        int nx = 13, ny = 7;
        double thr = 100;
        double[][] p = Profiles.averages(a, thr);
        double[][] want = new double[4][];
        want[0] = new double[nx];
        want[1] = new double[ny];
        want[2] = new double[nx];
        want[3] = new double[ny];
        for (int i = 0; i < nx * ny; i++) {
            double v = a.get(i), above = v >= thr ? v : 0;
            want[0][i % nx] += v / ny;
            want[1][i / nx] += v / nx;
            want[2][i % nx] += above / ny;
            want[3][i / nx] += above / nx;
        }
        for (int k = 0; k < 4; k++) assertArrayEquals(want[k], p[k], 1e-9, "profile " + k);
        double[][] l = Profiles.lines(a, 4, 99); // y clamped to the last row
        for (int x = 0; x < nx; x++) assertEquals(a.get((ny - 1) * nx + x), l[0][x]);
        for (int y = 0; y < ny; y++) assertEquals(a.get(y * nx + 4), l[1][y]);
        assertEquals(3, Profiles.nearest(2.5));
        assertEquals(2, Profiles.nearest(2.49));
    }
}
