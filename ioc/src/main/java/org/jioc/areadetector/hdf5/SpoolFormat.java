package org.jioc.areadetector.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The spool file format (docs/hdf5-capture.md). Little-endian throughout. Every record is
 * {@code int magic, int bodyLength, body, int crc32c} with the CRC-32C over magic, length and body, so a torn or
 * corrupted tail is recognised and everything before it is kept.
 * <pre>
 * header  magic "JSPL"  body: int version, properties text (UTF-8, java.util.Properties) — the capture target
 * frame   magic "FRAM"  body: int uniqueId, double timeStamp, long epicsTsSec, int epicsTsNsec, byte type, byte rank,
 *                       int[rank] dims, int attrCount, attributes, int dataLength, data
 *         attribute: short nameLength, name UTF-8, byte kind (0 long, 1 double, 2 string), value
 *                    (long | double | int length + UTF-8)
 * seal    magic "SEAL"  body: long frameCount — written when the capture ends normally
 * </pre>
 */
final class SpoolFormat {
    static final int HEADER = 0x4c50534a; // "JSPL"
    static final int FRAME = 0x4d415246;  // "FRAM"
    static final int SEAL = 0x4c414553;   // "SEAL"
    static final int VERSION = 1;
    static final String SUFFIX = ".spool";
    /** Frame metadata (body before the data bytes) is at most this long; the reader parses it from one read. */
    static final int MAX_META = 65536;
    static final byte KIND_LONG = 0, KIND_DOUBLE = 1, KIND_STRING = 2;

    private SpoolFormat() {}

    static ByteBuffer le(int capacity) { return ByteBuffer.allocate(capacity).order(ByteOrder.LITTLE_ENDIAN); }

    /** Frame body without its data bytes (they follow, after dataLength). */
    static ByteBuffer frameMeta(SpoolFrame f, int dataLength) {
        int[] dims = f.dims();
        int size = 4 + 8 + 8 + 4 + 1 + 1 + 4 * dims.length + 4 + 4;
        for (FrameAttribute a : f.attributes()) {
            size += 2 + utf8(a.name()).length + 1;
            size += a.value() instanceof String s ? 4 + utf8(s).length : 8;
        }
        if (size > MAX_META) {
            throw new CaptureSpoolException("frame " + f.uniqueId() + ": " + size + " bytes of metadata (attributes) exceed "
                    + MAX_META);
        }
        ByteBuffer b = le(8 + size);
        b.putInt(FRAME).putInt(size + dataLength);
        b.putInt(f.uniqueId()).putDouble(f.timeStamp()).putLong(f.epicsTsSec()).putInt(f.epicsTsNsec());
        b.put((byte) f.dataType().ordinal()).put((byte) dims.length);
        for (int d : dims) b.putInt(d);
        b.putInt(f.attributes().size());
        for (FrameAttribute a : f.attributes()) {
            byte[] name = utf8(a.name());
            if (name.length > Short.MAX_VALUE) throw new CaptureSpoolException("attribute name too long: " + a.name());
            b.putShort((short) name.length).put(name);
            Object v = a.value();
            if (v instanceof Long l) {
                b.put(KIND_LONG).putLong(l);
            } else if (v instanceof Double d) {
                b.put(KIND_DOUBLE).putDouble(d);
            } else {
                byte[] s = utf8((String) v);
                b.put(KIND_STRING).putInt(s.length).put(s);
            }
        }
        b.putInt(dataLength);
        b.flip();
        return b;
    }

    static byte[] utf8(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
