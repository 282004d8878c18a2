package org.jioc.areadetector.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a spool (sealed, or unsealed after a crash: every frame up to the last valid record) into HDF5 files.
 * Frames go into file 0 until it is full, then into file 1 and so on (rollover, names from {@link CaptureTarget#file}):
 * a file is full at the target's frames-per-file limit, at jHDF's limit for a chunked dataset (the encoded data must
 * fit one 2 GiB buffer) or at the heap budget {@code maxBytesPerFile}; a frame whose dims or data type differ from
 * the file's also starts a new file. Every file is written completely and renamed into place before the spool is
 * deleted, so a crash while finalising leaves the spool to be finalised again (the files are rewritten the same).
 */
public final class SpoolFinaliser {
    /** jHDF encodes a chunked dataset into one byte array. */
    static final long JHDF_CHUNKED_LIMIT = Integer.MAX_VALUE;

    private final long maxBytesPerFile;
    private final boolean keepSpool;

    /**
     * @param maxBytesPerFile data bytes per file at most (capped at jHDF's 2 GiB); jHDF needs about twice the data in
     *                        heap while writing, see {@link #defaultMaxBytes()}
     * @param keepSpool       keep the spool after a successful finalise (tests, debugging)
     */
    public SpoolFinaliser(long maxBytesPerFile, boolean keepSpool) {
        if (maxBytesPerFile < 1) throw new IllegalArgumentException("maxBytesPerFile < 1");
        this.maxBytesPerFile = Math.min(maxBytesPerFile, JHDF_CHUNKED_LIMIT);
        this.keepSpool = keepSpool;
    }

    public SpoolFinaliser() { this(defaultMaxBytes(), false); }

    /** The data bytes one file holds at most (the plugin rolls over to a new file before this). */
    public long maxBytesPerFile() { return maxBytesPerFile; }

    /** A third of the maximum heap (jHDF holds the frames array plus its encoded copy), at most 2 GiB. */
    public static long defaultMaxBytes() { return Math.min(JHDF_CHUNKED_LIMIT, Runtime.getRuntime().maxMemory() / 3); }

    public FinalisedCapture finalise(Path spool) { return finalise(spool, null); }

    /**
     * Finalises {@code spool}; with {@code target} non-null its files go there instead of the target in the spool
     * header (a retry after the original FilePath was wrong). The target directory is prepared (CreateDirectory)
     * before anything is written; if that fails the spool is left untouched.
     */
    public FinalisedCapture finalise(Path spool, CaptureTarget target) {
        try (SpoolReader r = SpoolReader.open(spool)) {
            CaptureTarget t = target != null ? target : r.target();
            List<SpoolReader.Entry> frames = r.frames();
            List<List<SpoolReader.Entry>> files = split(frames, t.maxFramesPerFile());
            List<Path> written = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            if (!files.isEmpty()) t.prepareDirectory();
            for (int k = 0; k < files.size(); k++) {
                Path f = t.file(k);
                Hdf5FrameFile.write(r, files.get(k), f, t.compression(), t.zLevel());
                written.add(f);
                counts.add(files.get(k).size());
            }
            FinalisedCapture result = new FinalisedCapture(spool, written, counts, r.sealed(),
                    t.firstFileNumber() + files.size(), r.stopReason());
            r.close();
            if (!keepSpool) {
                try {
                    Files.delete(spool);
                    SpoolIo.syncDirectory(spool.toAbsolutePath().getParent());
                } catch (IOException e) {
                    throw new CaptureSpoolException("files written but cannot delete spool " + spool + ": " + e.getMessage(), e);
                }
            }
            return result;
        }
    }

    List<List<SpoolReader.Entry>> split(List<SpoolReader.Entry> frames, int maxFrames) {
        List<List<SpoolReader.Entry>> out = new ArrayList<>();
        List<SpoolReader.Entry> cur = new ArrayList<>();
        long bytes = 0;
        for (SpoolReader.Entry e : frames) {
            if (e.dataLength() > maxBytesPerFile) {
                throw new CaptureSpoolException("frame " + e.uniqueId() + " (" + e.dataLength()
                        + " bytes) is larger than the file limit of " + maxBytesPerFile + " bytes");
            }
            boolean full = !cur.isEmpty() && ((maxFrames > 0 && cur.size() >= maxFrames)
                    || bytes + e.dataLength() > maxBytesPerFile || !cur.get(0).sameShape(e));
            if (full) {
                out.add(cur);
                cur = new ArrayList<>();
                bytes = 0;
            }
            cur.add(e);
            bytes += e.dataLength();
        }
        if (!cur.isEmpty()) out.add(cur);
        return out;
    }
}
