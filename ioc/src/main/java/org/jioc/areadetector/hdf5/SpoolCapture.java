package org.jioc.areadetector.hdf5;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One capture (Capture=1 … NumCapture reached or Capture=0) as the HDF5 plugin drives it: {@link #start} checks the
 * target and opens a spool in the IOC's spool directory, {@link #append} spools each frame, {@link #finish} seals
 * and finalises into HDF5 files.
 *
 * <p>The spool directory is the IOC's own (not FilePath), so a FilePath that does not exist does not lose frames:
 * {@link #targetError()} reports it at start (the plugin shows WriteStatus=Write error and the message), frames are
 * still spooled and acknowledged, {@link #finish} throws the same error and leaves the sealed spool in place, and
 * {@link SpoolFinaliser#finalise(Path, CaptureTarget)} with a corrected target (or the next IOC start's recovery, once
 * the directory exists) writes the files.
 */
public final class SpoolCapture implements AutoCloseable {
    private static final AtomicInteger SEQ = new AtomicInteger();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final SpoolWriter writer;
    private final CaptureTarget target;
    private final String targetError;
    private boolean finished;

    private SpoolCapture(SpoolWriter writer, CaptureTarget target, String targetError) {
        this.writer = writer;
        this.target = target;
        this.targetError = targetError;
    }

    /**
     * Opens a capture. Throws only if the spool itself cannot be created (spool directory missing or unwritable);
     * a target directory problem is reported by {@link #targetError()}.
     */
    public static SpoolCapture start(Path spoolDir, CaptureTarget target, int syncEveryFrames, long syncIntervalMillis) {
        String error = null;
        try {
            target.prepareDirectory();
        } catch (CaptureSpoolException e) {
            error = e.getMessage();
        }
        if (!Files.isDirectory(spoolDir)) throw new CaptureSpoolException("spool directory " + spoolDir + " does not exist");
        String name = STAMP.format(LocalDateTime.now()) + "-" + ProcessHandle.current().pid() + "-"
                + SEQ.incrementAndGet() + SpoolFormat.SUFFIX;
        return new SpoolCapture(SpoolWriter.create(spoolDir.resolve(name), target, syncEveryFrames, syncIntervalMillis), target, error);
    }

    /** null, or why the target directory is not usable (checked at start). */
    public String targetError() { return targetError; }

    public CaptureTarget target() { return target; }

    public Path spool() { return writer.path(); }

    /** Spools a frame; returns the acquired (synced) count, what NumCaptured_RBV shows. */
    public long append(SpoolFrame frame) { return writer.append(frame); }

    public long acquired() { return writer.synced(); }

    /** For a timer: sync frames waiting longer than the interval. */
    public long syncIfDue() { return writer.syncIfDue(); }

    /** Seals the spool and finalises it with {@code finaliser}. */
    public FinalisedCapture finish(SpoolFinaliser finaliser) {
        seal();
        return finaliser.finalise(writer.path());
    }

    /** Seals and closes the spool without finalising (finalise later, or let recovery do it). */
    public void seal() {
        if (finished) return;
        writer.seal();
        writer.close();
        finished = true;
    }

    @Override
    public void close() {
        if (!finished) {
            writer.close();
            finished = true;
        }
    }
}
