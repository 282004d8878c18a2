package org.jioc.areadetector.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDArrayDriver;
import org.jioc.areadetector.NDAttribute;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.jioc.areadetector.asyn.PortDriver;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** ROI and Stats as ports: wiring SIM -> ROI -> Stats, parameters, readbacks, idle across the chain. */
class RoiStatsPluginTest {
    static final class Source extends NDArrayDriver {
        Source(String name) { super(name); }

        void send(NDArray a) { publish(a); }
    }

    private final PortRegistry ports = new PortRegistry();
    private final Source sim = new Source("SIM1");
    private final NDPluginROI roi;
    private final NDPluginStats stats;

    RoiStatsPluginTest() throws PortException {
        ports.add(sim);
        roi = new NDPluginROI("ROI1", ports, 5, true, "SIM1", 0);
        stats = new NDPluginStats("STATS2", ports, 5, true, "ROI1", 0);
        ports.add(roi);
        ports.add(stats);
        roi.connect();
        stats.connect();
        set(roi, "ENABLE_CALLBACKS", 1);
        set(stats, "ENABLE_CALLBACKS", 1);
    }

    @AfterEach
    void stop() {
        roi.shutdown();
        stats.shutdown();
    }

    static void set(PortDriver p, String name, int v) throws PortException { p.writeInt32(p.param(name), v); }

    static int i(PortDriver p, String name) { return p.getInteger(p.param(name)); }

    static double d(PortDriver p, String name) { return p.getDouble(p.param(name)); }

    static NDArray ramp(int nx, int ny, int id) {
        short[] px = new short[nx * ny];
        for (int k = 0; k < px.length; k++) px[k] = (short) (k % nx + 10 * (k / nx));
        return new NDArray(id, 1000, 42, NDDataType.UInt16, NDColorMode.Mono, new int[] {nx, ny}, px,
                List.of(NDAttribute.ofDouble("Energy", "keV", "2bma:Energy", 25.0)));
    }

    @Test
    void roiOutputFeedsStatsWithTheInputsIdentity() throws PortException {
        set(roi, "DIM0_MIN", 2);
        set(roi, "DIM0_SIZE", 6);
        set(roi, "DIM0_BIN", 2);
        set(roi, "DIM1_MIN", 1);
        set(roi, "DIM1_SIZE", 2);
        set(roi, "ROI_DATA_TYPE", NDDataType.UInt32.ordinal());
        sim.send(ramp(10, 4, 77));
        NDArray out = roi.lastOutput();
        assertNotNull(out);
        assertEquals(77, out.uniqueId());
        assertEquals(1000, out.epicsTsSec());
        assertEquals(42, out.epicsTsNsec());
        assertEquals(25.0, out.attribute("Energy").value());
        assertEquals(NDDataType.UInt32, out.dataType());
        // pixel x + 10y; rows 1..2, columns (2,3) (4,5) (6,7) summed per bin
        assertArrayEquals(new int[] {25, 29, 33, 45, 49, 53}, (int[]) out.data());
        assertEquals(3, i(roi, "ARRAY_SIZE_X"));
        assertEquals(2, i(roi, "ARRAY_SIZE_Y"));
        assertEquals(NDDataType.UInt32.ordinal(), i(roi, "DATA_TYPE"));
        assertEquals(10, i(roi, "DIM0_MAX_SIZE"));
        assertEquals(4, i(roi, "DIM1_MAX_SIZE"));
        assertEquals(0, i(roi, "DIM2_MAX_SIZE"));
        assertEquals(77, i(stats, "UNIQUE_ID"));
        assertEquals(25 + 29 + 33 + 45 + 49 + 53, d(stats, "TOTAL"));
        assertEquals(53, d(stats, "MAX_VALUE"));
        assertEquals(2, d(stats, "MAX_X"));
        assertEquals(1, d(stats, "MAX_Y"));
        assertEquals(1, i(stats, "ARRAY_COUNTER"));
    }

    @Test
    void aRequestBeyondTheFrameIsClippedButKeptForTheNextFrame() throws PortException {
        set(roi, "DIM0_MIN", 8);
        set(roi, "DIM0_SIZE", 100);
        assertEquals(100, i(roi, "DIM0_SIZE"), "the request echoes at once");
        sim.send(ramp(10, 4, 1));
        assertEquals(8, i(roi, "DIM0_MIN"));
        assertEquals(2, i(roi, "DIM0_SIZE"));
        assertEquals(2, i(roi, "ARRAY_SIZE_X"));
        sim.send(ramp(40, 4, 2));
        assertEquals(32, i(roi, "DIM0_SIZE"), "a larger frame gets more of the kept request");
        assertEquals(32, roi.lastOutput().dim(0));
    }

    @Test
    void defaultsPassTheWholeFrameAndCollapseDropsUnitDims() throws PortException {
        NDArray in = ramp(10, 4, 3);
        sim.send(in);
        assertArrayEquals((short[]) in.data(), (short[]) roi.lastOutput().data());
        assertEquals(NDDataType.UInt16, roi.lastOutput().dataType(), "Automatic keeps the type");
        set(roi, "DIM1_SIZE", 1);
        sim.send(in);
        assertEquals(2, roi.lastOutput().ndims());
        set(roi, "COLLAPSE_DIMS", 1);
        sim.send(in);
        assertArrayEquals(new int[] {10}, roi.lastOutput().dims());
        assertThrows(PortException.class, () -> set(roi, "ROI_DATA_TYPE", 10));
    }

    @Test
    void rgb1RegionsUseImageAxesAndOneColourBecomesMono() throws PortException {
        byte[] px = new byte[3 * 4 * 2];
        for (int k = 0; k < px.length; k++) px[k] = (byte) k;
        NDArray rgb = new NDArray(5, 0, 0, NDDataType.UInt8, NDColorMode.RGB1, new int[] {3, 4, 2}, px, List.of());
        set(roi, "DIM0_MIN", 1); // X
        set(roi, "DIM0_SIZE", 2);
        set(roi, "DIM2_MIN", 1); // colour: green only
        set(roi, "DIM2_SIZE", 1);
        sim.send(rgb);
        NDArray out = roi.lastOutput();
        assertEquals(NDColorMode.Mono, out.colorMode());
        assertArrayEquals(new int[] {2, 2}, out.dims());
        assertArrayEquals(new byte[] {4, 7, 16, 19}, (byte[]) out.data());
        assertEquals(4, i(roi, "DIM0_MAX_SIZE"));
        assertEquals(3, i(roi, "DIM2_MAX_SIZE"));
    }

    @Test
    void statsSwitchesComputeOnlyWhatIsOn() throws PortException {
        set(stats, "COMPUTE_CENTROID", 1);
        set(stats, "COMPUTE_HISTOGRAM", 1);
        stats.writeFloat64(stats.param("CENTROID_THRESHOLD"), 0);
        sim.send(ramp(10, 4, 9));
        assertTrue(d(stats, "CENTROID_TOTAL") > 0);
        // Σ(x+10y)·x / Σ(x+10y) over 10x4 pixels
        assertEquals(3840.0 / 780, d(stats, "CENTROIDX_VALUE"), 1e-12);
        double[] h = (double[]) stats.value(stats.param("HIST_ARRAY"));
        assertEquals(256, h.length);
        assertEquals(40, java.util.Arrays.stream(h).sum());
        set(stats, "COMPUTE_STATISTICS", 0);
        set(stats, "COMPUTE_CENTROID", 0);
        double total = d(stats, "TOTAL"), cx = d(stats, "CENTROIDX_VALUE");
        set(roi, "DIM0_SIZE", 3);
        sim.send(ramp(10, 4, 10));
        assertEquals(total, d(stats, "TOTAL"), "statistics off: Total keeps the last value");
        assertEquals(cx, d(stats, "CENTROIDX_VALUE"));
        assertEquals(10, i(stats, "UNIQUE_ID"));
        assertThrows(PortException.class, () -> set(stats, "HIST_SIZE", 0));
    }

    @Test
    void aChainIsIdleOnlyWhenTheLastPluginHasPostedItsResults() throws Exception {
        NDPluginROI q = new NDPluginROI("ROI2", ports, 5, false, "SIM1", 0);
        CountDownLatch hold = new CountDownLatch(1);
        NDPluginStats slow = new NDPluginStats("STATS3", ports, 5, false, "ROI2", 0);
        ports.add(q);
        ports.add(slow);
        q.connect();
        slow.connect();
        set(q, "ENABLE_CALLBACKS", 1);
        set(slow, "ENABLE_CALLBACKS", 1);
        // The Stats port's Total listener holds the worker, standing in for a slow computation.
        slow.addListener(slow.param("TOTAL"), (p, v) -> {
            try {
                hold.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        sim.send(ramp(10, 4, 11));
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (q.lastOutput() == null && System.nanoTime() < deadline) Thread.sleep(1);
        assertFalse(q.idle(), "ROI2 waits for STATS3 downstream");
        assertFalse(sim.pluginsIdle());
        hold.countDown();
        deadline = System.nanoTime() + 5_000_000_000L;
        while (!sim.pluginsIdle() && System.nanoTime() < deadline) Thread.sleep(1);
        assertTrue(sim.pluginsIdle());
        assertEquals(11, i(slow, "UNIQUE_ID"));
        assertEquals(d(stats, "TOTAL"), d(slow, "TOTAL"));
        q.shutdown();
        slow.shutdown();
    }

    @Test
    void profilesFollowTheCentroidAndTheCursorMovesBetweenFrames() throws PortException {
        set(stats, "COMPUTE_PROFILES", 1);
        stats.writeFloat64(stats.param("CENTROID_THRESHOLD"), 0);
        set(stats, "CURSOR_X", 7);
        set(stats, "CURSOR_Y", 1);
        set(roi, "DIM0_SIZE", 1000000);
        sim.send(ramp(10, 4, 12)); // pixel x + 10y; centroid (4.92, 2.21) -> row 2, column 5
        double[] avgX = (double[]) stats.value(stats.param("PROFILE_AVERAGE_X"));
        assertArrayEquals(new double[] {15, 16, 17, 18, 19, 20, 21, 22, 23, 24}, avgX, 1e-12);
        double[] cenX = (double[]) stats.value(stats.param("PROFILE_CENTROID_X"));
        assertArrayEquals(new double[] {20, 21, 22, 23, 24, 25, 26, 27, 28, 29}, cenX, 0);
        assertArrayEquals(new double[] {5, 15, 25, 35}, (double[]) stats.value(stats.param("PROFILE_CENTROID_Y")), 0);
        assertArrayEquals(new double[] {7, 17, 27, 37}, (double[]) stats.value(stats.param("PROFILE_CURSOR_Y")), 0);
        assertEquals(10, i(stats, "PROFILE_SIZE_X"));
        assertEquals(4, i(stats, "PROFILE_SIZE_Y"));
        set(stats, "CURSOR_X", 2);
        assertArrayEquals(new double[] {2, 12, 22, 32}, (double[]) stats.value(stats.param("PROFILE_CURSOR_Y")), 0);
    }
}
