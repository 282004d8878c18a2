package org.jioc.areadetector.hdf5;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.CRC32C;

import org.jioc.areadetector.NDDataType;

/**
 * Reads a spool file: {@link #open} scans it once, checking every record's CRC-32C, and keeps the index of valid
 * frames (metadata and data offset; the pixel data stays on disk until {@link #data} reads it). The scan stops at
 * the first record that is torn (the file ends inside it) or fails its checksum; frames before it are valid, so a
 * spool cut by kill -9 or a crash yields every frame written in full.
 */
public final class SpoolReader implements AutoCloseable {
    private static final int SCAN_BLOCK = 1 << 20;

    /** A valid frame in the spool: its metadata and where its data lies. */
    public record Entry(int index, int uniqueId, double timeStamp, long epicsTsSec, int epicsTsNsec, NDDataType dataType,
                        int[] dims, List<FrameAttribute> attributes, long dataOffset, int dataLength) {
        boolean sameShape(Entry o) { return dataType == o.dataType && java.util.Arrays.equals(dims, o.dims); }
    }

    private final Path path;
    private final FileChannel channel;
    private final CaptureTarget target;
    private final List<Entry> frames = new ArrayList<>();
    private boolean sealed;
    private long validBytes;
    private String stopReason = "";

    private SpoolReader(Path path, FileChannel channel, CaptureTarget target) {
        this.path = path;
        this.channel = channel;
        this.target = target;
    }

    public static SpoolReader open(Path path) {
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.READ);
        } catch (IOException e) {
            throw new CaptureSpoolException("cannot open spool " + path + ": " + e.getMessage(), e);
        }
        try {
            lockShared(path, ch);
            return scan(path, ch);
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // the scan failure is reported
            }
            if (e instanceof CaptureSpoolException c) throw c;
            throw new CaptureSpoolException("cannot read spool " + path + ": " + e.getMessage(), e);
        }
    }

    /** A capture still writing the spool holds an exclusive lock (this or another process): refuse to read it. */
    private static void lockShared(Path path, FileChannel ch) throws IOException {
        java.nio.channels.FileLock lock;
        try {
            lock = ch.tryLock(0, Long.MAX_VALUE, true);
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) throw new CaptureSpoolException("spool " + path + " is in use by a running capture");
    }

    private static SpoolReader scan(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer head = read(ch, 0, (int) Math.min(size, 8));
        if (head.remaining() < 8 && isPrefixOfMagic(head)) throw new EmptySpoolException(path + ":0: spool header is torn");
        if (head.remaining() < 8 || head.getInt(0) != SpoolFormat.HEADER) {
            throw new CaptureSpoolException(path + ":0: not a jioc capture spool (bad magic)");
        }
        int headLen = head.getInt(4);
        if (headLen < 4) throw new CaptureSpoolException(path + ":0: bad spool header length " + headLen);
        if (8L + headLen + 4 > size) throw new EmptySpoolException(path + ":0: spool header is torn");
        ByteBuffer body = read(ch, 8, headLen + 4);
        CRC32C crc = new CRC32C();
        crc.update(head.duplicate().rewind());
        crc.update(body.duplicate().limit(headLen));
        if ((int) crc.getValue() != body.getInt(headLen)) throw new CaptureSpoolException(path + ":0: spool header checksum mismatch");
        int version = body.getInt(0);
        if (version != SpoolFormat.VERSION) throw new CaptureSpoolException(path + ":0: spool version " + version + " is not " + SpoolFormat.VERSION);
        Properties p = new Properties();
        p.load(new StringReader(new String(body.array(), 4, headLen - 4, StandardCharsets.UTF_8)));
        SpoolReader r = new SpoolReader(path, ch, CaptureTarget.fromProperties(p, path.toString()));
        r.scanRecords(8L + headLen + 4, size);
        return r;
    }

    private static boolean isPrefixOfMagic(ByteBuffer head) {
        ByteBuffer magic = SpoolFormat.le(4).putInt(SpoolFormat.HEADER).flip();
        for (int i = 0; i < Math.min(4, head.remaining()); i++) if (head.get(i) != magic.get(i)) return false;
        return true;
    }

    private void scanRecords(long pos, long size) throws IOException {
        validBytes = pos;
        CRC32C crc = new CRC32C();
        ByteBuffer block = ByteBuffer.allocate(SCAN_BLOCK);
        while (pos < size) {
            if (sealed) { stopReason = "data after the seal record at offset " + pos; return; }
            if (size - pos < 12) { stopReason = "torn record at offset " + pos; return; }
            ByteBuffer rh = read(channel, pos, 8);
            int magic = rh.getInt(0);
            long len = Integer.toUnsignedLong(rh.getInt(4));
            if (magic != SpoolFormat.FRAME && magic != SpoolFormat.SEAL) { stopReason = "bad record magic at offset " + pos; return; }
            if (pos + 8 + len + 4 > size) { stopReason = "torn record at offset " + pos; return; }
            crc.reset();
            crc.update(rh.duplicate().rewind());
            // metadata is small; read up to 64 KiB of the body for parsing, then stream the rest through the CRC
            int metaLen = (int) Math.min(len, SpoolFormat.MAX_META);
            ByteBuffer meta = read(channel, pos + 8, metaLen);
            crc.update(meta.duplicate());
            long at = pos + 8 + metaLen;
            long end = pos + 8 + len;
            while (at < end) {
                int n = (int) Math.min(SCAN_BLOCK, end - at);
                block.clear().limit(n);
                readFully(channel, block, at);
                block.flip();
                crc.update(block);
                at += n;
            }
            int stored = read(channel, end, 4).getInt(0);
            if (stored != (int) crc.getValue()) { stopReason = "checksum mismatch in record at offset " + pos; return; }
            if (magic == SpoolFormat.SEAL) {
                sealed = true;
            } else {
                Entry e = parseFrame(meta, pos + 8, len);
                if (e == null) { stopReason = "malformed frame record at offset " + pos; return; }
                frames.add(e);
            }
            pos = end + 4;
            validBytes = pos;
        }
    }

    private Entry parseFrame(ByteBuffer m, long bodyOffset, long len) {
        try {
            int uid = m.getInt();
            double ts = m.getDouble();
            long sec = m.getLong();
            int nsec = m.getInt();
            NDDataType type = NDDataType.of(m.get());
            int rank = m.get();
            if (rank < 1 || rank > 3) return null;
            int[] dims = new int[rank];
            for (int i = 0; i < rank; i++) dims[i] = m.getInt();
            int nattr = m.getInt();
            List<FrameAttribute> attrs = new ArrayList<>(Math.min(nattr, 256));
            for (int i = 0; i < nattr; i++) {
                byte[] name = new byte[m.getShort()];
                m.get(name);
                String n = new String(name, StandardCharsets.UTF_8);
                byte kind = m.get();
                Object v = switch (kind) {
                    case SpoolFormat.KIND_LONG -> m.getLong();
                    case SpoolFormat.KIND_DOUBLE -> m.getDouble();
                    case SpoolFormat.KIND_STRING -> { byte[] s = new byte[m.getInt()]; m.get(s); yield new String(s, StandardCharsets.UTF_8); }
                    default -> throw new IllegalArgumentException("attribute kind " + kind);
                };
                attrs.add(new FrameAttribute(n, v));
            }
            int dataLength = m.getInt();
            long expect = SpoolFrame.elementCount(dims) * type.bytes;
            if (dataLength != expect || m.position() + (long) dataLength != len) return null;
            return new Entry(frames.size(), uid, ts, sec, nsec, type, dims, List.copyOf(attrs), bodyOffset + m.position(), dataLength);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public Path path() { return path; }

    public CaptureTarget target() { return target; }

    /** Valid frames, in spool order. */
    public List<Entry> frames() { return List.copyOf(frames); }

    /** True when the capture ended normally (the seal record is present and valid). */
    public boolean sealed() { return sealed; }

    /** Length of the valid prefix; after it the file is torn or corrupt (see {@link #stopReason}). */
    public long validBytes() { return validBytes; }

    /** Why the scan stopped before the end of the file ("" = it did not). */
    public String stopReason() { return stopReason; }

    /** Reads a frame's data (little-endian) into {@code dst} from its position. */
    public void data(Entry e, ByteBuffer dst) {
        if (dst.remaining() < e.dataLength()) throw new IllegalArgumentException("buffer too small");
        ByteBuffer slice = dst.slice().limit(e.dataLength());
        try {
            readFully(channel, slice, e.dataOffset());
        } catch (IOException ex) {
            throw new CaptureSpoolException("cannot read spool " + path + ": " + ex.getMessage(), ex);
        }
        dst.position(dst.position() + e.dataLength());
    }

    /** A frame as a {@link Frame} with its data read into a new buffer. */
    public Frame frame(Entry e) {
        ByteBuffer b = ByteBuffer.allocate(e.dataLength()).order(ByteOrder.LITTLE_ENDIAN);
        data(e, b);
        b.flip();
        return new Frame(e.dims(), e.dataType(), b, e.uniqueId(), e.timeStamp(), e.epicsTsSec(), e.epicsTsNsec(), e.attributes());
    }

    private static ByteBuffer read(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, b, pos);
        b.flip();
        return b;
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) throw new IOException("unexpected end of file at " + pos);
            pos += n;
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new CaptureSpoolException("cannot close spool " + path + ": " + e.getMessage(), e);
        }
    }
}
