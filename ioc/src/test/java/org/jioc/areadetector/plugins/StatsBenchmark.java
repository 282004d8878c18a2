package org.jioc.areadetector.plugins;

import java.util.List;
import java.util.Random;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDArrayDriver;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;

/**
 * "Stats alone in GB/s" (issue 6): 1024×1024 UInt16 frames through the Stats kernel and through NDPluginStats
 * ports fed in-process (blocking callbacks, so the producer's thread does the work and the time is the plugin's),
 * plus ROI→Stats. Not a test: numbers only. Run by scripts/bench-stats.
 *   args: [seconds per case (default 3)]
 */
public final class StatsBenchmark {
    private static final int NX = 1024, NY = 1024, FRAMES = 8;

    /** A producer port that publishes the frames it is handed (what a camera does). */
    static final class Feeder extends NDArrayDriver {
        Feeder() { super("BENCH"); }

        void send(NDArray a) { publish(a); }
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        NDArray[] frames = frames();
        long bytes = frames[0].sizeBytes();
        System.out.printf("frames %dx%d UInt16 (%.2f MB), %s, %d cpus, %.1f s per case%n", NX, NY, bytes / 1e6,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), seconds);
        run("BasicStats kernel (min/max/positions/total/mean/sigma/net bgd 1)", seconds, bytes, frames,
                a -> BasicStats.of(a, 1));
        run("BasicStats kernel, BgdWidth 0", seconds, bytes, frames, a -> BasicStats.of(a, 0));
        run("Centroid kernel (threshold 1)", seconds, bytes, frames, a -> Centroid.of(a, 1));
        Histogram.Tables tables = new Histogram.Tables();
        run("Histogram kernel (256 bins)", seconds, bytes, frames, a -> Histogram.of(a, 256, 0, 65535, tables));

        PortRegistry ports = new PortRegistry();
        Feeder cam = new Feeder();
        ports.add(cam);
        NDPluginStats stats = new NDPluginStats("STATS1", ports, 20, true, "BENCH", 0);
        ports.add(stats);
        stats.connect();
        on(stats, "ENABLE_CALLBACKS");
        run("NDPluginStats port, statistics only (default switches)", seconds, bytes, frames, cam::send);
        on(stats, "COMPUTE_CENTROID");
        on(stats, "COMPUTE_HISTOGRAM");
        run("NDPluginStats port, statistics + centroid + histogram", seconds, bytes, frames, cam::send);
        stats.shutdown();

        NDPluginROI roi = new NDPluginROI("ROI1", ports, 20, true, "BENCH", 0);
        NDPluginStats stats2 = new NDPluginStats("STATS2", ports, 20, true, "ROI1", 0);
        ports.add(roi);
        ports.add(stats2);
        roi.connect();
        stats2.connect();
        on(roi, "ENABLE_CALLBACKS");
        on(stats2, "ENABLE_CALLBACKS");
        cam.removePlugin(stats);
        run("ROI (whole frame, copy) -> Stats", seconds, bytes, frames, cam::send);
        roi.writeInt32(roi.param("DIM0_BIN"), 2);
        roi.writeInt32(roi.param("DIM1_BIN"), 2);
        run("ROI (bin 2x2) -> Stats", seconds, bytes, frames, cam::send);
        roi.shutdown();
        stats2.shutdown();
    }

    private static void on(org.jioc.areadetector.asyn.PortDriver p, String param) throws PortException {
        p.writeInt32(p.param(param), 1);
    }

    private interface Work {
        void accept(NDArray a) throws Exception;
    }

    /** Warm up for a third of the time, then count frames for the rest. */
    private static void run(String what, double seconds, long bytes, NDArray[] frames, Work w) throws Exception {
        long warm = System.nanoTime() + (long) (seconds / 3 * 1e9);
        int i = 0;
        while (System.nanoTime() < warm) w.accept(frames[i++ % FRAMES]);
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        int n = 0;
        while (System.nanoTime() < end) {
            w.accept(frames[n++ % FRAMES]);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%-62s %8.1f frames/s %7.2f GB/s%n", what, n / s, n * (double) bytes / s / 1e9);
    }

    /** A bright Gaussian spot on a noisy background, different noise per frame. */
    private static NDArray[] frames() {
        Random r = new Random(1);
        NDArray[] f = new NDArray[FRAMES];
        for (int k = 0; k < FRAMES; k++) {
            short[] px = new short[NX * NY];
            for (int y = 0; y < NY; y++) {
                for (int x = 0; x < NX; x++) {
                    double g = 40000 * Math.exp(-0.5 * (Math.pow((x - 500.0) / 40, 2) + Math.pow((y - 530.0) / 25, 2)));
                    px[y * NX + x] = (short) (int) (100 + r.nextInt(50) + g);
                }
            }
            f[k] = NDArray.now(k + 1, NDDataType.UInt16, NDColorMode.Mono, new int[] {NX, NY}, px, List.of());
        }
        return f;
    }
}
