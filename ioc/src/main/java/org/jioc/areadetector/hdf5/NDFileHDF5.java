package org.jioc.areadetector.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDDataType;
import org.jioc.areadetector.NDPluginFile;
import org.jioc.areadetector.asyn.Param;
import org.jioc.areadetector.asyn.ParamType;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;

/**
 * NDFileHDF5 (HDF1:): the areaDetector HDF5 file writer on the crash-safe spool (docs/areadetector-hdf1.md,
 * docs/hdf5-capture.md). Every frame to be written is first appended to a spool in the IOC's spool directory, then a
 * background thread turns sealed spools into HDF5 files, so frame intake never waits for jHDF.
 *
 * <ul>
 * <li>Stream: from Capture=1 every frame is spooled until NumCapture (0 = unlimited) or Capture=0; the file is then
 * finalised and only then does Capture return to 0 (a put-callback on Capture covers the written file).</li>
 * <li>Capture: frames are spooled ("buffered") until NumCapture or Capture=0; with AutoSave the file is written
 * then, otherwise on WriteFile=1 (FreeCapture=1 discards them).</li>
 * <li>Single: one file per frame, on each frame with AutoSave, or of the last frame on WriteFile=1.</li>
 * </ul>
 *
 * Rollover: a capture whose frames exceed one file (FramesPerFile, or the finaliser's byte limit, or a change of
 * dims or type) goes on in a new file with the next FileNumber; FullFileName_RBV and WriteMessage say so. A file whose
 * FilePath cannot be used keeps its frames in the sealed spool: WriteStatus shows the error, and WriteFile=1 after
 * FilePath is fixed writes them there (or the next IOC start's recovery, into the original FilePath).
 *
 * <p>Locking: all state is guarded by this port's lock; spool appends run under it on the plugin's thread, the
 * finaliser thread takes it only to report.
 */
public final class NDFileHDF5 extends NDPluginFile {
    private static final Logger LOG = Logger.getLogger(NDFileHDF5.class.getName());
    /** Spool directories already recovered by this process (several plugins may share one). */
    private static final Set<Path> RECOVERED = new HashSet<>();

    private final Param compression = createParam("HDF5_compressionType", ParamType.INT32);
    private final Param zLevel = createParam("HDF5_zCompressLevel", ParamType.INT32);
    private final Param flushNthFrame = createParam("HDF5_flushNthFrame", ParamType.INT32);
    /** jioc: frames per file before rollover (0 = as many as the finaliser's byte limit allows). */
    private final Param framesPerFile = createParam("HDF5_framesPerFile", ParamType.INT32);
    private final Param runTime = createParam("HDF5_totalRuntime", ParamType.FLOAT64);
    private final Param ioSpeed = createParam("HDF5_totalIoSpeed", ParamType.FLOAT64);

    private enum Job { CAPTURE, WRITE, AUTOSAVE }

    /** One file's worth of spooled frames. */
    private static final class Segment {
        final SpoolCapture spool;
        final CaptureTarget target;
        final long startNanos = System.nanoTime();
        int frames;
        long bytes;
        long limit = Long.MAX_VALUE;
        int[] dims;
        NDDataType type;

        Segment(SpoolCapture spool, CaptureTarget target) {
            this.spool = spool;
            this.target = target;
        }

        boolean fits(NDArray a) {
            return frames == 0 || (frames < limit && Arrays.equals(dims, a.dims()) && type == a.dataType());
        }
    }

    private final Path spoolDir;
    private final SpoolFinaliser finaliser;
    private final ExecutorService finaliseThread;
    private final ScheduledExecutorService syncTimer;

    private NDArray lastArray;
    private boolean capturing;
    private Segment segment;
    private int segmentIndex;
    private int baseNumber;
    private long captured;
    private long doneAcquired;
    private final List<Segment> buffered = new ArrayList<>();
    private final List<Segment> kept = new ArrayList<>();
    private int captureJobs;
    private int writeJobs;
    private int autosaveJobs;
    private boolean stopped;

    public NDFileHDF5(String portName, PortRegistry ports, int queueSize, boolean blocking, String source, int addr,
                      Path spoolDir, String defaultPath, SpoolFinaliser finaliser) {
        super(portName, "NDFileHDF5", ports, queueSize, blocking, source, addr, defaultPath);
        this.spoolDir = spoolDir;
        this.finaliser = finaliser;
        setInteger(compression, Compression.NONE.adIndex);
        setInteger(zLevel, 6);
        setInteger(flushNthFrame, 0);
        setInteger(framesPerFile, 0);
        setDouble(runTime, 0);
        setDouble(ioSpeed, 0);
        recover();
        finaliseThread = Executors.newSingleThreadExecutor(r -> daemon(r, "hdf5-finalise-" + portName));
        syncTimer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "hdf5-sync-" + portName));
        syncTimer.scheduleWithFixedDelay(this::syncIfDue, 100, 100, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Finalise what a crash left in the spool directory, once per directory per process; WriteMessage tells. */
    private void recover() {
        synchronized (RECOVERED) {
            if (!RECOVERED.add(spoolDir.toAbsolutePath().normalize())) return;
        }
        int frames = 0;
        List<String> files = new ArrayList<>();
        String error = null;
        for (SpoolRecovery.Outcome o : SpoolRecovery.recover(spoolDir, finaliser)) {
            if (o.error() != null && error == null) error = "spool " + o.spool() + " not recovered: " + o.error();
            if (o.result() == null) continue;
            frames += o.result().frames();
            for (Path f : o.result().files()) files.add(f.toString());
        }
        if (error != null) {
            setWriteStatus(error); // the log has every spool; the first failure is what needs the user
        } else if (!files.isEmpty()) {
            setString(fullFileName, files.get(files.size() - 1));
            setWriteInfo("recovered " + frames + " frames at start into " + String.join(", ", files));
        }
    }

    // --- frames ---

    @Override
    protected void processArray(NDArray a) {
        synchronized (this) {
            lastArray = a;
            if (capturing) {
                append(a);
            } else if (getInteger(writeMode) == MODE_SINGLE && getInteger(autoSave) != 0) {
                writeSingle(a, Job.AUTOSAVE);
            }
            callParamCallbacks();
        }
    }

    private void append(NDArray a) {
        NDArrayFrame f;
        try {
            f = new NDArrayFrame(a);
        } catch (IllegalArgumentException e) {
            setWriteStatus(e.getMessage());
            return;
        }
        try {
            if (!segment.fits(a)) roll(a);
            if (segment.frames == 0) {
                segment.dims = a.dims();
                segment.type = a.dataType();
                long byFrames = getInteger(framesPerFile) > 0 ? getInteger(framesPerFile) : Long.MAX_VALUE;
                segment.limit = Math.max(1, Math.min(byFrames, finaliser.maxBytesPerFile() / Math.max(1, a.sizeBytes())));
            }
            long acquired = segment.spool.append(f);
            segment.frames++;
            segment.bytes += a.sizeBytes();
            captured++;
            setInteger(numCaptured, (int) (doneAcquired + acquired));
        } catch (CaptureSpoolException e) {
            setWriteStatus("spool: " + e.getMessage());
            endCapture();
            return;
        }
        int n = getInteger(numCapture);
        if (n > 0 && captured >= n) endCapture();
    }

    /** The open file is full (or the frame's shape differs): hand it on and go on in the next file. */
    private void roll(NDArray a) {
        Segment full = segment;
        doneAcquired += full.frames;
        if (getInteger(writeMode) == MODE_STREAM) {
            dispatch(full, Job.CAPTURE);
        } else if (seal(full)) {
            buffered.add(full);
        }
        segmentIndex++;
        segment = null; // dispatched: if the next spool cannot be opened, endCapture must not hand it on again
        segment = openSegment();
        String why = Arrays.equals(full.dims, a.dims()) && full.type == a.dataType() ? "after " + full.frames + " frames"
                : "because frame " + a.uniqueId() + " has another shape or type";
        if (segment.spool.targetError() == null) {
            setWriteInfo("rolled over to " + segment.target.file(0) + " " + why + " in " + full.target.file(0));
        }
    }

    /** Sync spooled frames older than the interval (the timer's job) and show the acquired count. */
    private void syncIfDue() {
        synchronized (this) {
            if (!capturing || segment == null) return;
            try {
                setInteger(numCaptured, (int) (doneAcquired + segment.spool.syncIfDue()));
            } catch (CaptureSpoolException e) {
                setWriteStatus("spool: " + e.getMessage());
            }
            callParamCallbacks();
        }
    }

    // --- commands ---

    @Override
    public synchronized void writeInt32(Param p, int value) throws PortException {
        if (p == capture || p == writeFile || p == readFile || p == freeCapture) {
            command(p, value != 0);
            callParamCallbacks();
            return;
        }
        if (p == compression) {
            if (value != Compression.NONE.adIndex && value != Compression.ZLIB.adIndex && value != Compression.LZ4.adIndex) {
                String msg = "Compression " + compressionName(value) + " is not supported (None, zlib, LZ4); still "
                        + compressionName(getInteger(compression));
                setWriteStatus(msg);
                markChanged(compression);
                callParamCallbacks();
                throw new PortException(msg);
            }
        } else if (p == zLevel && (value < 0 || value > 9)) {
            throw new PortException("ZLevel " + value + " is not 0..9");
        } else if ((p == flushNthFrame || p == framesPerFile) && value < 0) {
            throw new PortException(p.name() + " " + value + " < 0");
        } else if (p == fileFormat && value != 0) {
            throw new PortException("FileFormat " + value + ": this plugin writes HDF5 (0) only");
        } else if (p == writeMode && capturing) {
            throw new PortException("FileWriteMode cannot change during a capture (Capture=0 first)");
        }
        super.writeInt32(p, value);
    }

    /** Capture, WriteFile, ReadFile, FreeCapture: the parameter says itself when it is done. */
    private void command(Param p, boolean on) throws PortException {
        if (p == capture) {
            if (on) startCapture();
            else stopCapture();
        } else if (!on) {
            return;
        } else if (p == writeFile) {
            write();
        } else if (p == readFile) {
            refuseBusy(readFile, "ReadFile is not supported: jioc's NDFileHDF5 writes files only");
        } else {
            freeBuffered();
        }
    }

    private static final String[] COMPRESSION = {"None", "N-bit", "szip", "zlib", "Blosc", "BSLZ4", "LZ4", "JPEG"};

    private static String compressionName(int index) {
        return index >= 0 && index < COMPRESSION.length ? COMPRESSION[index] : Integer.toString(index);
    }

    private Compression currentCompression() {
        return Compression.ofAdName(compressionName(getInteger(compression)));
    }

    private void startCapture() throws PortException {
        int mode = getInteger(writeMode);
        if (mode == MODE_SINGLE) refuseBusy(capture, "Capture is for Capture and Stream modes (FileWriteMode is Single)");
        if (capturing) return;
        if (lastArray == null && getInteger(lazyOpen) == 0) {
            refuseBusy(capture, "no frame received yet, so the file's dims are unknown: acquire one frame first or set LazyOpen=Yes");
        }
        if (getString(filePath).isEmpty()) refuseBusy(capture, "FilePath is empty");
        if (!buffered.isEmpty()) {
            refuseBusy(capture, buffered.stream().mapToInt(s -> s.frames).sum() + " captured frames are not written yet: "
                    + "WriteFile=1 writes them, FreeCapture=1 discards them");
        }
        captured = 0;
        doneAcquired = 0;
        segmentIndex = 0;
        baseNumber = getInteger(fileNumber);
        setWriteStatus(null);
        try {
            segment = openSegment();
        } catch (CaptureSpoolException e) {
            refuseBusy(capture, e.getMessage());
        }
        capturing = true;
        setInteger(numCaptured, 0);
        setInteger(capture, 1);
    }

    /** A new spool for the next file of this capture, named by FileTemplate (FileNumber advances with AutoIncrement). */
    private Segment openSegment() {
        FileName name = segmentIndex > 0 && getInteger(autoIncrement) == 0 ? fileNameFor(baseNumber + segmentIndex)
                : createFileName();
        CaptureTarget t = target(name.number(), 0);
        SpoolCapture sc = SpoolCapture.start(spoolDir, t, syncEvery(), SpoolWriter.DEFAULT_SYNC_INTERVAL_MILLIS);
        checkPath(); // the start applied CreateDirectory: ophyd checks FilePathExists_RBV right after Capture=1
        if (sc.targetError() != null) {
            setWriteStatus(sc.targetError() + "; frames are kept in spool " + sc.spool());
        }
        return new Segment(sc, t);
    }

    private CaptureTarget target(int number, int maxFrames) {
        return new CaptureTarget(getString(filePath), getString(fileName), getString(fileTemplate), number,
                currentCompression(), getInteger(zLevel), getInteger(createDir), maxFrames);
    }

    /** NumFramesFlush: sync the spool every N frames (0 = the spool default). */
    private int syncEvery() {
        int n = getInteger(flushNthFrame);
        return n > 0 ? n : SpoolWriter.DEFAULT_SYNC_EVERY_FRAMES;
    }

    /** Capture=0 waits for the capture's files (see {@link #stopCapture}). */
    @Override
    public boolean writeMayBlock(Param p, int value) { return p == capture && value == 0; }

    /**
     * Capture=0: end the capture and return only when its files are written, as ADCore closes the file inside this
     * write, so the busy record (and a pending put-callback of 1) completes with the file on disk. The wait releases
     * the port lock, so frames and the finaliser go on meanwhile.
     */
    private void stopCapture() {
        if (capturing) endCapture();
        while (captureJobs > 0 && !stopped) {
            try {
                wait(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!capturing && captureJobs == 0) setInteger(capture, 0);
        markChanged(capture);
    }

    /** NumCapture reached, Capture=0 or a spool error: seal the open file and write it (Stream, Capture+AutoSave). */
    private void endCapture() {
        capturing = false;
        Segment s = segment;
        segment = null;
        if (s != null) {
            if (getInteger(writeMode) == MODE_STREAM) {
                dispatch(s, Job.CAPTURE);
            } else {
                seal(s);
                buffered.add(s);
                if (getInteger(autoSave) != 0) writeBuffered(Job.CAPTURE);
            }
        }
        setInteger(numCaptured, (int) captured);
        captureDone();
    }

    private void captureDone() {
        if (!capturing && captureJobs == 0) setInteger(capture, 0);
        if (writeJobs == 0) setInteger(writeFile, 0);
    }

    private void write() throws PortException {
        if (writeJobs > 0) return;
        if (!kept.isEmpty()) {
            retryKept();
        } else {
            switch (getInteger(writeMode)) {
                case MODE_SINGLE -> {
                    if (lastArray == null) refuseBusy(writeFile, "no frame received yet: nothing to write");
                    writeSingle(lastArray, Job.WRITE);
                }
                case MODE_CAPTURE -> {
                    if (capturing) refuseBusy(writeFile, "the capture is still running: Capture=0 first");
                    if (buffered.isEmpty()) refuseBusy(writeFile, "no captured frames to write");
                    writeBuffered(Job.WRITE);
                }
                default -> refuseBusy(writeFile, "WriteFile is for Single and Capture modes: in Stream mode the file is written when the capture ends");
            }
        }
        setInteger(writeFile, writeJobs > 0 ? 1 : 0);
        markChanged(writeFile);
    }

    /** FilePath was wrong when these were captured: write them into the FilePath set now, under their own names. */
    private void retryKept() {
        List<Segment> retry = new ArrayList<>(kept);
        kept.clear();
        setWriteStatus(null);
        for (Segment s : retry) {
            CaptureTarget old = s.target;
            CaptureTarget now = new CaptureTarget(getString(filePath), old.fileName(), old.fileTemplate(),
                    old.firstFileNumber(), old.compression(), old.zLevel(), getInteger(createDir), old.maxFramesPerFile());
            setString(fullFileName, now.file(0).toString());
            submit(new Segment(s.spool, now), Job.WRITE, now);
        }
    }

    private void writeSingle(NDArray a, Job job) {
        try {
            NDArrayFrame f = new NDArrayFrame(a);
            FileName name = createFileName();
            CaptureTarget t = target(name.number(), 0);
            SpoolCapture sc = SpoolCapture.start(spoolDir, t, 1, SpoolWriter.DEFAULT_SYNC_INTERVAL_MILLIS);
            checkPath();
            if (sc.targetError() != null) setWriteStatus(sc.targetError() + "; frame kept in spool " + sc.spool());
            Segment s = new Segment(sc, t);
            sc.append(f);
            s.frames = 1;
            s.bytes = a.sizeBytes();
            dispatch(s, job);
        } catch (CaptureSpoolException | IllegalArgumentException e) {
            setWriteStatus(e.getMessage());
        }
    }

    private void writeBuffered(Job job) {
        List<Segment> all = new ArrayList<>(buffered);
        buffered.clear();
        for (Segment s : all) submit(s, job, null);
    }

    private void freeBuffered() {
        int frames = 0;
        for (Segment s : buffered) {
            frames += s.frames;
            try {
                Files.deleteIfExists(s.spool.spool());
            } catch (IOException e) {
                setWriteStatus("cannot delete spool " + s.spool.spool() + ": " + e.getMessage());
            }
        }
        buffered.clear();
        setInteger(freeCapture, 0);
        markChanged(freeCapture);
        if (frames > 0) setWriteInfo("discarded " + frames + " captured frames");
    }

    private void dispatch(Segment s, Job job) {
        if (seal(s)) submit(s, job, null);
    }

    private boolean seal(Segment s) {
        try {
            s.spool.seal();
            return true;
        } catch (CaptureSpoolException e) {
            setWriteStatus("cannot seal spool " + s.spool.spool() + ": " + e.getMessage() + " (recovery at the next start writes its frames)");
            return false;
        }
    }

    /** Queue a sealed spool for the finaliser thread; {@code target} non-null redirects it (retry after a bad FilePath). */
    private void submit(Segment s, Job job, CaptureTarget target) {
        if (job == Job.CAPTURE) captureJobs++;
        if (job == Job.WRITE) writeJobs++;
        if (job == Job.AUTOSAVE) autosaveJobs++;
        finaliseThread.execute(() -> finalise(s, job, target));
    }

    /** On the finaliser thread: write the file(s), then report under the lock. */
    private void finalise(Segment s, Job job, CaptureTarget target) {
        FinalisedCapture result = null;
        String error = null;
        try {
            result = finaliser.finalise(s.spool.spool(), target);
        } catch (RuntimeException e) {
            error = e.getMessage();
            LOG.warning(portName() + ": " + s.spool.spool() + ": " + error);
        }
        synchronized (this) {
            if (job == Job.CAPTURE) captureJobs--;
            if (job == Job.WRITE) writeJobs--;
            if (job == Job.AUTOSAVE) autosaveJobs--;
            if (error != null) {
                kept.add(s);
                setWriteStatus(error + "; " + s.frames + " frames kept in spool " + s.spool.spool()
                        + " (set FilePath, then WriteFile=1 writes them)");
            } else {
                double seconds = (System.nanoTime() - s.startNanos) / 1e9;
                setDouble(runTime, seconds);
                setDouble(ioSpeed, seconds > 0 ? s.bytes * 8 / 1e6 / seconds : 0);
                if (kept.isEmpty() && getInteger(writeStatus) != 0 && !capturing) setWriteStatus(null);
                if (!result.files().isEmpty()) LOG.fine(portName() + ": wrote " + result.files());
            }
            captureDone();
            callParamCallbacks();
            notifyAll();
        }
    }

    /** True when no capture runs and no file waits to be written (tests, adReport). */
    public synchronized boolean quiet() { return !capturing && captureJobs + writeJobs + autosaveJobs == 0; }

    @Override
    public void shutdown() {
        synchronized (this) {
            // A clean stop leaves the open capture sealed in its spool: the next start's recovery writes its file.
            if (segment != null) seal(segment);
            segment = null;
            capturing = false;
            stopped = true;
            notifyAll();
        }
        syncTimer.shutdownNow();
        finaliseThread.shutdownNow();
        super.shutdown();
    }

    @Override
    public String report() {
        synchronized (this) {
            return super.report() + ", " + (capturing ? "capturing " + captured + " frames" : "idle") + ", "
                    + (captureJobs + writeJobs + autosaveJobs) + " files to write, spool " + spoolDir;
        }
    }
}
