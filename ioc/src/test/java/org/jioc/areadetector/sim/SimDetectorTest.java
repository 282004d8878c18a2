package org.jioc.areadetector.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDArrayListener;
import org.jioc.areadetector.NDDataType;
import org.jioc.areadetector.asyn.PortException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimDetectorTest {
    private final SimDetector cam = new SimDetector("SIM", 16, 8, NDDataType.UInt16);
    private final CopyOnWriteArrayList<NDArray> frames = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<String> events = new CopyOnWriteArrayList<>();

    SimDetectorTest() {
        cam.addPlugin(new NDArrayListener() {
            @Override
            public void onArray(NDArray a) { frames.add(a); }

            @Override
            public boolean idle() { return true; }
        });
        cam.addListener(cam.acquire, (p, v) -> events.add("ACQUIRE=" + v));
        cam.addListener(cam.acquireBusy, (p, v) -> events.add("BUSY=" + v));
        cam.addListener(cam.status, (p, v) -> events.add("STATUS=" + v));
    }

    @AfterEach
    void stop() { cam.shutdown(); }

    private void waitIdle() throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (cam.getInteger(cam.acquireBusy) != 0 && System.nanoTime() < end) Thread.sleep(2);
        assertEquals(0, cam.getInteger(cam.acquireBusy), "acquisition did not end");
    }

    @Test
    void multipleModeTakesNumImagesThenEndsAcquireBeforeBusy() throws Exception {
        cam.writeInt32(cam.imageMode, SimDetector.MULTIPLE);
        cam.writeInt32(cam.numImages, 3);
        cam.writeFloat64(cam.acquirePeriod, 0.02);
        events.clear();
        long t0 = System.nanoTime();
        cam.writeInt32(cam.acquire, 1);
        waitIdle();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(3, frames.size());
        assertEquals(List.of(1, 2, 3), frames.stream().map(NDArray::uniqueId).toList());
        assertEquals(3, cam.getInteger(cam.numImagesCounter));
        assertTrue(seconds >= 0.04, "two periods between three frames, took " + seconds);
        // Acquire 1 then 0, and only after that the busy flag clears (ophyd and the busy record rely on it).
        int a1 = events.indexOf("ACQUIRE=1"), a0 = events.indexOf("ACQUIRE=0"), b0 = events.indexOf("BUSY=0");
        assertTrue(a1 >= 0 && a1 < a0 && a0 < b0, events.toString());
        assertTrue(events.contains("STATUS=" + SimDetector.READOUT));
        assertEquals(SimDetector.IDLE, cam.getInteger(cam.status));
    }

    @Test
    void waitForPluginsHoldsBusyUntilThePluginsAreIdle() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean pluginIdle = new java.util.concurrent.atomic.AtomicBoolean(false);
        cam.addPlugin(new NDArrayListener() {
            @Override
            public void onArray(NDArray a) { }

            @Override
            public boolean idle() { return pluginIdle.get(); }
        });
        cam.writeInt32(cam.imageMode, SimDetector.SINGLE);
        cam.writeInt32(cam.waitForPlugins, 1);
        cam.writeInt32(cam.acquire, 1);
        long end = System.nanoTime() + 5_000_000_000L;
        while (cam.getInteger(cam.acquire) != 0 && System.nanoTime() < end) Thread.sleep(2);
        assertEquals(0, cam.getInteger(cam.acquire));
        Thread.sleep(100);
        assertEquals(1, cam.getInteger(cam.acquireBusy), "busy until the plugin is idle");
        pluginIdle.set(true);
        waitIdle();
        cam.writeInt32(cam.waitForPlugins, 0);
    }

    @Test
    void stopDuringExposureAborts() throws Exception {
        cam.writeInt32(cam.imageMode, SimDetector.SINGLE);
        cam.writeFloat64(cam.acquireTime, 5);
        cam.writeInt32(cam.acquire, 1);
        Thread.sleep(100);
        cam.writeInt32(cam.acquire, 0);
        waitIdle();
        assertEquals(0, frames.size());
        assertEquals(SimDetector.ABORTED, cam.getInteger(cam.status));
    }

    @Test
    void linearRampAddsGainEachFrameAndBinningSums() throws Exception {
        cam.writeInt32(cam.imageMode, SimDetector.SINGLE);
        cam.writeFloat64(cam.gain, 2);
        cam.writeInt32(cam.acquire, 1);
        waitIdle();
        cam.writeInt32(cam.acquire, 1);
        waitIdle();
        short[] f0 = (short[]) frames.get(0).data(), f1 = (short[]) frames.get(1).data();
        assertEquals(16, frames.get(0).dim(0));
        assertEquals(8, frames.get(0).dim(1));
        assertEquals(2 * (5 + 3), f0[3 * 16 + 5]); // Gain*(GainX*col + GainY*row)
        assertEquals(2 * (5 + 3) + 2, f1[3 * 16 + 5]);
        cam.writeInt32(cam.binX, 2);
        cam.writeInt32(cam.binY, 2);
        cam.writeInt32(cam.acquire, 1);
        waitIdle();
        NDArray b = frames.get(2);
        assertEquals(8, b.dim(0));
        assertEquals(4, b.dim(1));
        // binned pixel (row 1, col 2) sums sensor rows 2..3, cols 4..5: 2*((4+2)+(5+2)+(4+3)+(5+3))
        assertEquals(2 * (6 + 7 + 7 + 8), b.get(1 * 8 + 2));
    }

    @Test
    void sineAndOffsetNoiseModes() throws Exception {
        SimDetector d = new SimDetector("SINE", 20, 10, NDDataType.Float64);
        try {
            CopyOnWriteArrayList<NDArray> got = new CopyOnWriteArrayList<>();
            d.addPlugin(new NDArrayListener() {
                @Override
                public void onArray(NDArray a) { got.add(a); }

                @Override
                public boolean idle() { return true; }
            });
            d.writeInt32(d.imageMode, SimDetector.SINGLE);
            d.writeInt32(d.simMode, 2);
            d.writeFloat64(d.gain, 3);
            NDArray f = take(d, got);
            // defaults: sine 1 amplitude 1, frequency 1, phase 0; sine 2 amplitude 1, frequency 2, phase 90; Add
            for (int i : new int[] {0, 3, 9}) {
                for (int j : new int[] {0, 5, 13}) {
                    double x = Math.sin(2 * Math.PI * j / 20.0) + Math.sin(2 * Math.PI * (2 * j / 20.0 + 0.25));
                    double y = Math.sin(2 * Math.PI * i / 10.0) + Math.sin(2 * Math.PI * (2 * i / 10.0 + 0.25));
                    assertEquals(3 * (x + y), f.get(i * 20 + j), 1e-9);
                }
            }
            d.writeInt32(d.simMode, 3);
            d.writeFloat64(d.gain, 1);
            d.writeFloat64(d.offset, 100);
            d.writeFloat64(d.noise, 10);
            NDArray n = take(d, got);
            double sum = 0;
            for (int k = 0; k < n.numElements(); k++) {
                assertTrue(n.get(k) >= 100 && n.get(k) < 110, "Offset + Noise*uniform(0,1): " + n.get(k));
                sum += n.get(k);
            }
            assertEquals(105, sum / n.numElements(), 1.5);
        } finally {
            d.shutdown();
        }
    }

    @Test
    void refusesBadSettings() {
        assertThrows(() -> cam.writeInt32(cam.param("DATA_TYPE"), 12));
        assertThrows(() -> cam.writeInt32(cam.numImages, 0));
        assertThrows(() -> cam.writeFloat64(cam.acquireTime, -1));
    }

    private interface Write {
        void run() throws PortException;
    }

    private static void assertThrows(Write w) {
        org.junit.jupiter.api.Assertions.assertThrows(PortException.class, w::run);
    }

    private double mean(NDArray a) {
        double s = 0;
        for (int i = 0; i < a.numElements(); i++) s += a.get(i);
        return s / a.numElements();
    }

    private NDArray shot() throws Exception {
        int before = frames.size();
        cam.writeInt32(cam.acquire, 1);
        waitIdle();
        assertEquals(before + 1, frames.size());
        return frames.get(before);
    }

    @Test
    void beamlineModeFollowsShutterSampleAndEnergy() throws Exception {
        SimDetector big = new SimDetector("BIG", 200, 100, NDDataType.Float64);
        try {
            CopyOnWriteArrayList<NDArray> got = new CopyOnWriteArrayList<>();
            big.addPlugin(new NDArrayListener() {
                @Override
                public void onArray(NDArray a) { got.add(a); }

                @Override
                public boolean idle() { return true; }
            });
            big.writeInt32(big.imageMode, SimDetector.SINGLE);
            big.writeInt32(big.simMode, SimDetector.BEAMLINE_MODE);
            big.writeFloat64(big.beamSampleX, 5); // sample out of the field of view
            NDArray flat = take(big, got);
            big.writeFloat64(big.beamSampleX, 0);
            NDArray sample = take(big, got);
            NDArray again = take(big, got);
            big.writeInt32(big.beamShutter, 0);
            NDArray dark = take(big, got);
            big.writeInt32(big.beamShutter, 1);
            big.writeFloat64(big.beamRotation, 90);
            NDArray turned = take(big, got);
            big.writeFloat64(big.beamEnergy, 12.5);
            NDArray lowE = take(big, got);
            double mFlat = mean(flat), mSample = mean(sample), mDark = mean(dark);
            assertTrue(mDark < 12 && mDark > 8, "dark level ~10, got " + mDark);
            assertTrue(mFlat > 5 * mDark, "open shutter is bright: " + mFlat);
            assertTrue(mSample < 0.9 * mFlat, "the sample absorbs: " + mSample + " vs " + mFlat);
            // the centre column is behind the sample: much darker than in the flat field
            double centre = flat.get(50 * 200 + 100), behind = sample.get(50 * 200 + 100);
            assertTrue(behind < 0.3 * centre, behind + " vs " + centre);
            // column profiles (mean over rows): the same angle repeats within noise, 90 degrees moves the inclusions
            double[] p0 = profile(sample), p1 = profile(again), p2 = profile(turned);
            double same = 0, rotated = 0;
            for (int j = 0; j < 200; j++) {
                same = Math.max(same, Math.abs(p0[j] - p1[j]));
                rotated = Math.max(rotated, Math.abs(p0[j] - p2[j]));
            }
            assertTrue(rotated > 5 * same, "rotation changes the projection: " + rotated + " vs noise " + same);
            assertTrue(mean(lowE) < mSample, "lower energy: less flux, more absorption");
        } finally {
            big.shutdown();
        }
    }

    private static double[] profile(NDArray a) {
        double[] p = new double[a.dim(0)];
        for (int i = 0; i < a.dim(1); i++) for (int j = 0; j < a.dim(0); j++) p[j] += a.get(i * a.dim(0) + j) / a.dim(1);
        return p;
    }

    private static NDArray take(SimDetector d, List<NDArray> got) throws Exception {
        int before = got.size();
        d.writeInt32(d.acquire, 1);
        long end = System.nanoTime() + 10_000_000_000L;
        while (got.size() == before && System.nanoTime() < end) Thread.sleep(2);
        while (d.getInteger(d.acquireBusy) != 0 && System.nanoTime() < end) Thread.sleep(2);
        return got.get(before);
    }
}
