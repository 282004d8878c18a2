package org.jioc.areadetector.hdf5;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Appends frames to one spool file as they arrive. A frame counts as <em>acquired</em> (NumCaptured) once its record
 * has been written and the file synced with {@code FileChannel.force}; that happens every {@code syncEveryFrames}
 * frames, or on the first append at least {@code syncIntervalMillis} after the last sync, or when the owner calls
 * {@link #syncIfDue()} from a timer, and always at {@link #seal()}. kill -9 of the IOC loses no written record (the
 * kernel keeps it); an OS crash or power loss loses at most the frames appended since the last sync, i.e. the
 * frames not yet acknowledged. Thread-safe: a timer may call {@link #syncIfDue()} while the capture thread appends.
 */
public final class SpoolWriter implements AutoCloseable {
    /** Suggested policy for the plugin: sync every 16 frames (32 MiB of 1024×1024 UInt16) or 200 ms. */
    public static final int DEFAULT_SYNC_EVERY_FRAMES = 16;
    public static final long DEFAULT_SYNC_INTERVAL_MILLIS = 200;
    private final Path path;
    private final FileChannel channel;
    private final int syncEveryFrames;
    private final long syncIntervalNanos;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer crcBuf = SpoolFormat.le(4);
    private long appended;
    private long synced;
    private long bytes;
    private long lastSync = System.nanoTime();
    private boolean sealed;
    /** Why the spool takes no more frames (a failed sync or an uncuttable partial record), or null. */
    private String broken;

    private SpoolWriter(Path path, FileChannel channel, int syncEveryFrames, long syncIntervalMillis) {
        this.path = path;
        this.channel = channel;
        this.syncEveryFrames = syncEveryFrames;
        this.syncIntervalNanos = syncIntervalMillis * 1_000_000L;
    }

    /** Creates a new spool file (it must not exist) with the target in its header, synced before it returns. */
    public static SpoolWriter create(Path path, CaptureTarget target, int syncEveryFrames, long syncIntervalMillis) {
        if (syncEveryFrames < 1) throw new IllegalArgumentException("syncEveryFrames " + syncEveryFrames + " < 1");
        if (syncIntervalMillis < 0) throw new IllegalArgumentException("syncIntervalMillis < 0");
        FileChannel ch;
        try {
            ch = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new CaptureSpoolException("cannot create spool " + path + ": " + e.getMessage(), e);
        }
        SpoolWriter w = new SpoolWriter(path, ch, syncEveryFrames, syncIntervalMillis);
        try {
            // held until close: recovery and the finaliser refuse a spool that is still being written
            if (ch.tryLock() == null) throw new IOException("spool is locked by another process");
            StringWriter text = new StringWriter();
            target.toProperties().store(text, null);
            byte[] props = SpoolFormat.utf8(text.toString());
            ByteBuffer head = SpoolFormat.le(8 + 4 + props.length);
            head.putInt(SpoolFormat.HEADER).putInt(4 + props.length).putInt(SpoolFormat.VERSION).put(props).flip();
            w.writeRecord(head, null);
            ch.force(true);
            SpoolIo.syncDirectory(path.toAbsolutePath().getParent());
        } catch (IOException | RuntimeException e) {
            w.closeQuietly();
            throw new CaptureSpoolException("cannot write spool header " + path + ": " + e.getMessage(), e);
        }
        return w;
    }

    public Path path() { return path; }

    /** Frames appended (written to the file, maybe not yet synced). */
    public synchronized long appended() { return appended; }

    /** Frames whose records are synced: the acquired count. */
    public synchronized long synced() { return synced; }

    /** Bytes in the spool file. */
    public synchronized long bytes() { return bytes; }

    /** Appends one frame; syncs if due. Returns the acquired (synced) count afterwards. */
    public synchronized long append(SpoolFrame frame) {
        if (sealed) throw new IllegalStateException("spool " + path + " is sealed");
        if (broken != null) throw new CaptureSpoolException(broken);
        ByteBuffer data = frame.data().duplicate();
        long expect = SpoolFrame.elementCount(frame.dims()) * frame.dataType().bytes;
        if (data.remaining() != expect) {
            throw new CaptureSpoolException("frame " + frame.uniqueId() + " has " + data.remaining()
                    + " data bytes, its dims and type need " + expect);
        }
        if (expect > Integer.MAX_VALUE - 65536) throw new CaptureSpoolException("frame " + frame.uniqueId() + " is larger than 2 GiB");
        ByteBuffer meta = SpoolFormat.frameMeta(frame, data.remaining());
        long before = bytes;
        try {
            writeRecord(meta, data);
        } catch (IOException e) {
            String msg = "cannot write spool " + path + ": " + e.getMessage();
            dropPartialRecord(before, msg);
            throw new CaptureSpoolException(msg, e);
        }
        appended++;
        if (appended - synced >= syncEveryFrames || System.nanoTime() - lastSync >= syncIntervalNanos) sync();
        return synced;
    }

    /** Syncs if frames are waiting and the interval has passed (for a timer while frames are slow). */
    public synchronized long syncIfDue() {
        if (appended > synced && System.nanoTime() - lastSync >= syncIntervalNanos) sync();
        return synced;
    }

    public synchronized long sync() {
        if (appended == synced) return synced;
        if (broken != null) throw new CaptureSpoolException(broken);
        try {
            channel.force(false);
        } catch (IOException e) {
            // after a failed fsync the kernel may have dropped the dirty pages: nothing unsynced can be trusted
            broken = "cannot sync spool " + path + ": " + e.getMessage();
            throw new CaptureSpoolException(broken, e);
        }
        synced = appended;
        lastSync = System.nanoTime();
        return synced;
    }

    /** Writes the seal record (the capture ended normally) and syncs; the spool is then ready to finalise. */
    public synchronized void seal() {
        if (sealed) return;
        ByteBuffer b = SpoolFormat.le(16);
        b.putInt(SpoolFormat.SEAL).putInt(8).putLong(appended).flip();
        try {
            writeRecord(b, null);
            channel.force(false);
        } catch (IOException e) {
            throw new CaptureSpoolException("cannot seal spool " + path + ": " + e.getMessage(), e);
        }
        synced = appended;
        sealed = true;
    }

    /**
     * A failed write (disk full, I/O error) may leave part of a record; the reader would stop there and lose every
     * later frame, so the file is cut back to the last whole record. If even that fails the spool takes no more frames.
     */
    private void dropPartialRecord(long end, String cause) {
        try {
            channel.truncate(end);
            channel.position(end);
            bytes = end;
        } catch (IOException e) {
            broken = cause + "; cannot cut the partial record: " + e.getMessage();
        }
    }

    private void writeRecord(ByteBuffer head, ByteBuffer data) throws IOException {
        crc.reset();
        crc.update(head.duplicate());
        if (data != null) crc.update(data.duplicate());
        crcBuf.clear();
        crcBuf.putInt((int) crc.getValue()).flip();
        ByteBuffer[] parts = data == null ? new ByteBuffer[]{head, crcBuf} : new ByteBuffer[]{head, data, crcBuf};
        long total = 0;
        for (ByteBuffer p : parts) total += p.remaining();
        long done = 0;
        while (done < total) done += channel.write(parts);
        bytes += total;
    }

    @Override
    public synchronized void close() {
        try {
            if (appended > synced) sync();
            channel.close();
        } catch (IOException e) {
            throw new CaptureSpoolException("cannot close spool " + path + ": " + e.getMessage(), e);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // reporting the original failure
        }
    }
}
