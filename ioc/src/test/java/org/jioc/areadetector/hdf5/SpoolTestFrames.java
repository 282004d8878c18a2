package org.jioc.areadetector.hdf5;

import java.util.List;

/** Deterministic UInt16 test frames: pixel (x, y) of frame id = (id * 1000 + y * 7 + x * 13) mod 65536. */
final class SpoolTestFrames {
    private SpoolTestFrames() {}

    static short[] pixels(int id, int w, int h) {
        short[] p = new short[w * h];
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) p[y * w + x] = (short) (id * 1000 + y * 7 + x * 13);
        return p;
    }

    static Frame frame(int id, int w, int h) {
        return Frame.uint16(w, h, pixels(id, w, h), id, 1_000_000.25 + id, List.of(
                FrameAttribute.of("Exposure", 0.5 * id), FrameAttribute.of("Counter", (long) id * 2),
                FrameAttribute.of("Motor", "m" + id)));
    }

    static CaptureTarget target(java.nio.file.Path dir, Compression c, int maxFrames) {
        return new CaptureTarget(dir.toString() + "/", "cap", "%s%s_%3.3d.h5", 5, c, 4, 0, maxFrames);
    }
}
