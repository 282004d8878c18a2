package org.jioc.areadetector.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDAttribute;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** ROI maths against a direct per-pixel reference: region, binning, reversal, clipping, types, scale. */
class RoiExtractorTest {
    /** A frame of type t whose pixel values are given as doubles (stored as the type holds them). */
    static NDArray frame(NDDataType t, int[] dims, double[] v) {
        Object data = t.allocate(v.length);
        for (int i = 0; i < v.length; i++) {
            switch (t) {
                case Int8: case UInt8: ((byte[]) data)[i] = (byte) (long) v[i]; break;
                case Int16: case UInt16: ((short[]) data)[i] = (short) (long) v[i]; break;
                case Int32: case UInt32: ((int[]) data)[i] = (int) (long) v[i]; break;
                case Int64: case UInt64: ((long[]) data)[i] = (long) v[i]; break;
                case Float32: ((float[]) data)[i] = (float) v[i]; break;
                default: ((double[]) data)[i] = v[i];
            }
        }
        return new NDArray(7, 100, 5, t, NDColorMode.Mono, dims, data,
                List.of(NDAttribute.ofInt("A", "an attribute", "", 3)));
    }

    /** Values every type holds exactly: 0..(max of the type) */
    static double[] values(NDDataType t, int n, long seed) {
        Random r = new Random(seed);
        double[] v = new double[n];
        int hi = t == NDDataType.Int8 ? 127 : t == NDDataType.UInt8 ? 255 : 1000;
        for (int i = 0; i < n; i++) v[i] = r.nextInt(hi + 1) - (t.unsigned ? 0 : hi / 4);
        return v;
    }

    /** The reference: output pixel (ox, oy) = Σ over its bin of input pixels, walking reversed dims backwards. */
    static double[] reference(NDArray in, RoiDim dx, RoiDim dy) {
        int nx = in.dim(0);
        double[] out = new double[dx.outSize() * dy.outSize()];
        for (int oy = 0; oy < dy.outSize(); oy++) {
            for (int ox = 0; ox < dx.outSize(); ox++) {
                double s = 0;
                for (int by = 0; by < dy.bin(); by++) {
                    for (int bx = 0; bx < dx.bin(); bx++) {
                        int kx = ox * dx.bin() + bx, ky = oy * dy.bin() + by;
                        int x = dx.reverse() ? dx.offset() + dx.used() - 1 - kx : dx.offset() + kx;
                        int y = dy.reverse() ? dy.offset() + dy.used() - 1 - ky : dy.offset() + ky;
                        s += in.get(y * nx + x);
                    }
                }
                out[oy * dx.outSize() + ox] = s;
            }
        }
        return out;
    }

    static double[] asDoubles(Object data, NDDataType t, int[] dims) {
        NDArray a = new NDArray(0, 0, 0, t, NDColorMode.Mono, dims, data, List.of());
        double[] d = new double[a.numElements()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i);
        return d;
    }

    @ParameterizedTest
    @EnumSource(NDDataType.class)
    void regionBinningAndReversalMatchTheReferenceForEveryType(NDDataType t) {
        NDArray in = frame(t, new int[] {13, 11}, values(t, 13 * 11, t.ordinal()));
        RoiDim[][] cases = {
            {RoiDim.whole(13), RoiDim.whole(11)},
            {new RoiDim(2, 7, 1, false), new RoiDim(3, 5, 1, false)},
            {new RoiDim(1, 9, 3, false), new RoiDim(0, 11, 2, true)},
            {new RoiDim(4, 8, 2, true), new RoiDim(2, 9, 3, false)},
        };
        for (RoiDim[] c : cases) {
            Object out = RoiExtractor.extract(in, c, NDDataType.Float64, 1);
            assertArrayEquals(reference(in, c[0], c[1]), (double[]) out, 0, t + " " + c[0] + " " + c[1]);
            if (t.bytes >= 2 || (c[0].bin() == 1 && c[1].bin() == 1)) { // same-type sums that fit
                Object same = RoiExtractor.extract(in, c, t, 1);
                assertArrayEquals(reference(in, c[0], c[1]),
                        asDoubles(same, t, new int[] {c[0].outSize(), c[1].outSize()}), 0, t + " same type");
            }
        }
    }

    @Test
    void clippingFollowsNdPluginRoi() {
        assertEquals(new RoiDim(0, 64, 1, false), RoiDim.clip(0, 1000000, 1, false, true, false, 64));
        assertEquals(new RoiDim(63, 1, 1, false), RoiDim.clip(100, 10, 4, false, true, false, 64));
        assertEquals(new RoiDim(0, 1, 1, false), RoiDim.clip(-5, 0, 0, false, true, false, 64));
        assertEquals(new RoiDim(10, 54, 8, true), RoiDim.clip(10, 5, 8, true, true, true, 64));
        assertEquals(RoiDim.whole(64), RoiDim.clip(10, 5, 8, true, false, false, 64));
        assertEquals(6, new RoiDim(0, 20, 3, false).outSize());
    }

    @Test
    void binnedSumsWrapInANarrowOutputTypeAsCConversionDoes() {
        double[] v = {200, 100, 255, 255};
        NDArray in = frame(NDDataType.UInt8, new int[] {4}, v);
        Object out = RoiExtractor.extract(in, new RoiDim[] {new RoiDim(0, 4, 2, false)}, NDDataType.UInt8, 1);
        assertArrayEquals(new byte[] {(byte) 300, (byte) 510}, (byte[]) out); // 44 and 254
        Object wide = RoiExtractor.extract(in, new RoiDim[] {new RoiDim(0, 4, 2, false)}, NDDataType.UInt16, 1);
        assertArrayEquals(new short[] {300, 510}, (short[]) wide);
        Object signed = RoiExtractor.extract(in, new RoiDim[] {RoiDim.whole(4)}, NDDataType.Int8, 1);
        assertArrayEquals(new byte[] {-56, 100, -1, -1}, (byte[]) signed);
    }

    @Test
    void floatsTruncateTowardZeroIntoIntegersAndScaleDividesBeforeTheCast() {
        NDArray in = frame(NDDataType.Float64, new int[] {4}, new double[] {1.9, -1.9, 2.5, 3.4});
        assertArrayEquals(new int[] {1, -1, 2, 3},
                (int[]) RoiExtractor.extract(in, new RoiDim[] {RoiDim.whole(4)}, NDDataType.Int32, 1));
        // 3x1 binning of ones with scale 3 gives ones again (the reason ADCore scales in double).
        NDArray ones = frame(NDDataType.UInt16, new int[] {6}, new double[] {1, 1, 1, 1, 1, 1});
        assertArrayEquals(new short[] {1, 1},
                (short[]) RoiExtractor.extract(ones, new RoiDim[] {new RoiDim(0, 6, 3, false)}, NDDataType.UInt16, 3));
        assertArrayEquals(new float[] {1.5f, 1.5f},
                (float[]) RoiExtractor.extract(ones, new RoiDim[] {new RoiDim(0, 6, 3, false)}, NDDataType.Float32, 2));
    }

    @Test
    void largeUnsignedValuesSurviveTheDoublePath() {
        NDArray in = frame(NDDataType.UInt64, new int[] {2}, new double[] {0, 0});
        ((long[]) in.data())[0] = -2L; // 2^64 - 2
        long[] out = (long[]) RoiExtractor.extract(in, new RoiDim[] {RoiDim.whole(2)}, NDDataType.UInt64, 1);
        assertEquals(-2L, out[0]);
        double[] d = (double[]) RoiExtractor.extract(in, new RoiDim[] {RoiDim.whole(2)}, NDDataType.Float64, 1);
        assertEquals(18446744073709551614.0, d[0]);
    }

    @Test
    void threeDimensionalRegionsBinAlongZ() {
        double[] v = new double[4 * 3 * 4];
        for (int i = 0; i < v.length; i++) v[i] = i;
        NDArray in = frame(NDDataType.Int32, new int[] {4, 3, 4}, v);
        RoiDim[] d = {new RoiDim(1, 2, 1, false), new RoiDim(0, 3, 3, false), new RoiDim(0, 4, 2, true)};
        int[] out = (int[]) RoiExtractor.extract(in, d, NDDataType.Int32, 1);
        // out[z][x] = Σ over y 0..2 and z pairs (reversed: output z 0 takes input z 3,2)
        int[] want = new int[4];
        for (int oz = 0; oz < 2; oz++) {
            for (int ox = 0; ox < 2; ox++) {
                int s = 0;
                for (int bz = 0; bz < 2; bz++) {
                    int z = 3 - (oz * 2 + bz);
                    for (int y = 0; y < 3; y++) s += (z * 3 + y) * 4 + 1 + ox;
                }
                want[oz * 2 + ox] = s;
            }
        }
        assertArrayEquals(want, out);
    }

    @Test
    void moreThanThreeDimensionsIsAnError() {
        NDArray in = frame(NDDataType.UInt8, new int[] {2, 2, 2, 2}, new double[16]);
        RoiDim w = RoiDim.whole(2);
        assertThrows(IllegalArgumentException.class,
                () -> RoiExtractor.extract(in, new RoiDim[] {w, w, w, w}, NDDataType.UInt8, 1));
    }
}
