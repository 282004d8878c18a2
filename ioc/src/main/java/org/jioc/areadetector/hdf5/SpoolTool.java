package org.jioc.areadetector.hdf5;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import org.jioc.areadetector.NDDataType;

/**
 * Command-line driver of the capture spool without an IOC, for tests/python/test_hdf5_spool.py and
 * scripts/bench-hdf5. Frames are synthetic UInt16: pixel (x, y) of frame {@code id} is
 * {@code (id*1000 + y*7 + x*13) mod 65536} ("ramp", which a reader can recompute) or that plus 0..63 of noise ("noisy").
 * <pre>
 * capture SPOOLDIR OUTDIR FRAMES WIDTH HEIGHT COMPRESSION [--sync-every N] [--sync-ms T] [--max-frames-per-file N]
 *         [--pattern ramp|noisy] [--name NAME] [--no-finish] [--period-ms P]
 *     prints "acked COUNT ID CRC32..." after every sync (the frames acquired since the last line, with the CRC-32 of
 *     their data bytes), then "file PATH FRAMES" per HDF5 file and "timing spool_s finalise_s bytes" (spool_s: time
 *     in append and seal only, not making the frames)
 * recover SPOOLDIR   prints "recovered SPOOL FRAMES sealed|unsealed FILE..." or "failed SPOOL MESSAGE" per spool
 * </pre>
 */
public final class SpoolTool {
    private SpoolTool() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        try {
            if (args.length >= 1 && args[0].equals("capture") && args.length >= 7) {
                capture(args, out);
            } else if (args.length == 2 && args[0].equals("recover")) {
                for (SpoolRecovery.Outcome o : SpoolRecovery.recover(Paths.get(args[1]), new SpoolFinaliser())) {
                    if (o.error() != null) {
                        out.println("failed " + o.spool() + " " + o.error());
                    } else {
                        out.println("recovered " + o.spool() + " " + o.result().frames() + " "
                                + (o.result().sealed() ? "sealed" : "unsealed") + " "
                                + String.join(" ", o.result().files().stream().map(Path::toString).toList()));
                    }
                }
            } else {
                System.err.println("usage: SpoolTool capture SPOOLDIR OUTDIR FRAMES WIDTH HEIGHT None|zlib|LZ4 [options]"
                        + " | recover SPOOLDIR");
                System.exit(2);
            }
        } catch (CaptureSpoolException | IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
        out.flush();
    }

    private static void capture(String[] a, PrintStream out) {
        Path spoolDir = Paths.get(a[1]);
        Path outDir = Paths.get(a[2]);
        int frames = Integer.parseInt(a[3]);
        int w = Integer.parseInt(a[4]);
        int h = Integer.parseInt(a[5]);
        Compression c = Compression.ofAdName(a[6]);
        int syncEvery = 1;
        long syncMs = 1000;
        int maxPerFile = 0;
        boolean noisy = false;
        boolean finish = true;
        long periodMs = 0;
        String name = "cap";
        for (int i = 7; i < a.length; i++) {
            switch (a[i]) {
                case "--sync-every" -> syncEvery = Integer.parseInt(a[++i]);
                case "--sync-ms" -> syncMs = Long.parseLong(a[++i]);
                case "--max-frames-per-file" -> maxPerFile = Integer.parseInt(a[++i]);
                case "--pattern" -> noisy = a[++i].equals("noisy");
                case "--name" -> name = a[++i];
                case "--no-finish" -> finish = false;
                case "--period-ms" -> periodMs = Long.parseLong(a[++i]);
                default -> throw new IllegalArgumentException("unknown option " + a[i]);
            }
        }
        CaptureTarget target = new CaptureTarget(outDir.toString() + "/", name, "%s%s_%6.6d.h5", 0, c, 4, 0, maxPerFile);
        SpoolCapture cap = SpoolCapture.start(spoolDir, target, syncEvery, syncMs);
        if (cap.targetError() != null) out.println("target-error " + cap.targetError());
        out.println("spool " + cap.spool());
        out.flush();
        Random rnd = new Random(7);
        ByteBuffer buf = ByteBuffer.allocate(w * h * 2).order(ByteOrder.LITTLE_ENDIAN);
        List<String> pending = new ArrayList<>();
        long acked = 0;
        long spoolNanos = 0;
        for (int id = 1; id <= frames; id++) {
            buf.clear();
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int v = id * 1000 + y * 7 + x * 13 + (noisy ? rnd.nextInt(64) : 0);
                    buf.putShort((short) v);
                }
            }
            buf.flip();
            long sec = 1_000_000L + id;
            Frame f = new Frame(new int[]{w, h}, NDDataType.UInt16, buf, id, sec + 0.5, sec, 500_000_000,
                    List.of(FrameAttribute.of("FrameIndex", (long) id)));
            CRC32 crc = new CRC32();
            crc.update(buf.duplicate());
            pending.add(id + ":" + Long.toHexString(crc.getValue()));
            long t = System.nanoTime();
            long now = cap.append(f);
            spoolNanos += System.nanoTime() - t;
            if (now > acked) {
                out.println("acked " + now + " " + String.join(" ", pending));
                out.flush();
                pending.clear();
                acked = now;
            }
            if (periodMs > 0) {
                try {
                    Thread.sleep(periodMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        if (!finish) {
            cap.close();
            return;
        }
        long t1 = System.nanoTime();
        cap.seal();
        spoolNanos += System.nanoTime() - t1;
        t1 = System.nanoTime();
        FinalisedCapture r = new SpoolFinaliser().finalise(cap.spool());
        long t2 = System.nanoTime();
        if (!pending.isEmpty()) out.println("acked " + r.frames() + " " + String.join(" ", pending));
        long bytes = 0;
        for (int k = 0; k < r.files().size(); k++) {
            out.println("file " + r.files().get(k) + " " + r.framesPerFile().get(k));
            try {
                bytes += Files.size(r.files().get(k));
            } catch (java.io.IOException e) {
                throw new CaptureSpoolException(e.getMessage(), e);
            }
        }
        out.printf("timing %.6f %.6f %d%n", spoolNanos / 1e9, (t2 - t1) / 1e9, bytes);
    }
}
