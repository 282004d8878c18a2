package org.jioc.areadetector.plugins;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Random;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.jioc.areadetector.asyn.PortDriver;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;
import org.jioc.areadetector.hdf5.Compression;
import org.jioc.areadetector.hdf5.NDFileHDF5;
import org.jioc.areadetector.hdf5.SpoolFinaliser;

/**
 * Issue 6's benchmark without the simulated camera: N ready-made 1024×1024 UInt16 frames handed to ROI1 (whole
 * frame) → Stats1 and ROI1 → HDF1 (Stream capture), every plugin on the feeding thread (blocking callbacks, so the
 * time is the plugins' and nothing is dropped), uncompressed and LZ4; the disk's own write speed (the spool's
 * writes and syncs without its records) is measured in the same directory. Not a test: numbers only.
 *   args: dir [frames (default 200)]   (run by scripts/bench-ad)
 */
public final class PipelineBenchmark {
    private static final int NX = 1024, NY = 1024, PATTERNS = 8;

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int frames = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long bytes = (long) NX * NY * 2;
        double gb = frames * bytes / 1e9;
        short[][] pixels = patterns();
        System.out.printf("in-process: %d frames of %dx%d UInt16 (%.3f GB), ROI1 -> Stats1 + HDF1, blocking, in %s%n",
                frames, NX, NY, gb, dir);
        double disk = diskSeconds(dir, frames, bytes);
        System.out.printf("disk (same writes, sync every 16)        : %7.1f frames/s %6.3f GB/s%n", frames / disk, gb / disk);

        PortRegistry ports = new PortRegistry();
        StatsBenchmark.Feeder cam = new StatsBenchmark.Feeder();
        ports.add(cam);
        NDPluginROI roi = new NDPluginROI("ROI1", ports, 20, true, "BENCH", 0);
        NDPluginStats stats = new NDPluginStats("STATS1", ports, 20, true, "ROI1", 0);
        Path spool = Files.createDirectories(dir.resolve("spool")), data = Files.createDirectories(dir.resolve("data"));
        NDFileHDF5 hdf = new NDFileHDF5("HDF1", ports, 20, true, "ROI1", 0, spool, data.toString(), new SpoolFinaliser());
        for (PortDriver p : List.of(roi, stats, hdf)) {
            ports.add(p);
        }
        roi.connect();
        stats.connect();
        hdf.connect();
        set(roi, "ENABLE_CALLBACKS", 1);
        set(stats, "ENABLE_CALLBACKS", 1);
        int id = 1;
        long t0 = System.nanoTime();
        for (int i = 0; i < frames; i++) cam.send(frame(id++, pixels[i % PATTERNS]));
        double roiStats = (System.nanoTime() - t0) / 1e9;
        System.out.printf("ROI + Stats                              : %7.1f frames/s %6.3f GB/s%n",
                frames / roiStats, gb / roiStats);

        set(hdf, "ENABLE_CALLBACKS", 1);
        for (Compression c : new Compression[] {Compression.NONE, Compression.LZ4}) {
            set(hdf, "WRITE_MODE", NDFileHDF5.MODE_STREAM);
            set(hdf, "NUM_CAPTURE", frames);
            set(hdf, "HDF5_compressionType", c.adIndex);
            set(hdf, "FILE_LAZY_OPEN", 1);
            hdf.writeOctet(hdf.param("FILE_NAME"), "bench_" + c);
            set(hdf, "CAPTURE", 1);
            t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) cam.send(frame(id++, pixels[i % PATTERNS]));
            double in = (System.nanoTime() - t0) / 1e9;
            while (!hdf.quiet()) Thread.sleep(2);
            double file = (System.nanoTime() - t0) / 1e9;
            if (hdf.getInteger(hdf.param("NUM_CAPTURED")) != frames) throw new IllegalStateException("frames lost");
            System.out.printf("%-4s ROI + Stats + HDF5 spool (acquired) : %7.1f frames/s %6.3f GB/s = %4.2f x disk%n",
                    c.name(), frames / in, gb / in, disk / in);
            System.out.printf("%-4s ROI + Stats + HDF5 file written     : %7.1f frames/s %6.3f GB/s = %4.2f x disk%n",
                    c.name(), frames / file, gb / file, disk / file);
        }
        for (PortDriver p : List.of(roi, stats, hdf)) {
            if (p instanceof org.jioc.areadetector.NDPluginDriver d) d.shutdown();
        }
    }

    private static void set(PortDriver p, String param, int v) throws PortException { p.writeInt32(p.param(param), v); }

    private static NDArray frame(int id, short[] px) {
        return NDArray.now(id, NDDataType.UInt16, NDColorMode.Mono, new int[] {NX, NY}, px, List.of());
    }

    /** Noisy frames with a spot: compress about like a detector image (not like zeros). */
    private static short[][] patterns() {
        Random r = new Random(1);
        short[][] out = new short[PATTERNS][NX * NY];
        for (short[] px : out) {
            for (int k = 0; k < px.length; k++) px[k] = (short) (1000 + (k % NX) + r.nextInt(64));
        }
        return out;
    }

    private static double diskSeconds(Path dir, int frames, long bytes) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect((int) bytes);
        new Random(2).ints((int) bytes / 4).forEach(buf::putInt);
        Path f = dir.resolve("disk.bin");
        long t0 = System.nanoTime();
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < frames; i++) {
                buf.rewind();
                while (buf.hasRemaining()) ch.write(buf);
                if ((i + 1) % 16 == 0 || i + 1 == frames) ch.force(false);
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        Files.delete(f);
        return s;
    }
}
