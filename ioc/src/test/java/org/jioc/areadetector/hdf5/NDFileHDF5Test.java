package org.jioc.areadetector.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import io.jhdf.HdfFile;
import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HDF1 plugin without an IOC: frames go straight into onArray (blocking callbacks, so processing is done when
 * it returns), parameters are written as the records would write them, files are read back with jHDF.
 */
class NDFileHDF5Test {
    @TempDir Path dir;
    private Path spool;
    private Path data;
    private NDFileHDF5 hdf;
    private int nextId = 1;

    @BeforeEach
    void setUp() throws Exception {
        spool = Files.createDirectory(dir.resolve("spool"));
        data = Files.createDirectory(dir.resolve("data"));
        hdf = plugin(new SpoolFinaliser());
    }

    private NDFileHDF5 plugin(SpoolFinaliser f) throws PortException {
        NDFileHDF5 p = new NDFileHDF5("HDF1", new PortRegistry(), 10, true, "", 0, spool, data.toString(), f);
        p.writeInt32(p.param("ENABLE_CALLBACKS"), 1);
        p.writeOctet(p.param("FILE_NAME"), "t");
        p.writeInt32(p.param("FILE_NUMBER"), 1);
        return p;
    }

    @AfterEach
    void tearDown() { hdf.shutdown(); }

    private void set(String param, int v) throws PortException { hdf.writeInt32(hdf.param(param), v); }

    private void set(String param, String v) throws PortException { hdf.writeOctet(hdf.param(param), v); }

    private int integer(String param) { return hdf.getInteger(hdf.param(param)); }

    private String string(String param) { return hdf.getString(hdf.param(param)); }

    private int frame(int w, int h) {
        int id = nextId++;
        short[] px = new short[w * h];
        Arrays.fill(px, (short) id);
        hdf.onArray(NDArray.now(id, NDDataType.UInt16, NDColorMode.Mono, new int[]{w, h}, px, List.of()));
        return id;
    }

    private int frame() { return frame(8, 4); }

    /** Capture=1 in {@code mode} for {@code n} frames with LazyOpen (no priming frame needed). */
    private void startLazy(int mode, int n) throws PortException {
        set("WRITE_MODE", mode);
        set("NUM_CAPTURE", n);
        set("FILE_LAZY_OPEN", 1);
        set("CAPTURE", 1);
    }

    /** The finaliser runs on its own thread: wait until it has written everything. */
    private void quiet() throws InterruptedException {
        for (int i = 0; i < 1000 && !hdf.quiet(); i++) Thread.sleep(10);
        assertTrue(hdf.quiet(), "the finaliser did not finish");
    }

    private static List<Integer> ids(Path file) {
        try (HdfFile f = new HdfFile(file)) {
            int[] ids = (int[]) f.getDatasetByPath("/entry/instrument/NDAttributes/NDArrayUniqueId").getData();
            return Arrays.stream(ids).boxed().toList();
        }
    }

    private List<String> h5Files() throws Exception {
        try (Stream<Path> s = Files.list(data)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".h5")).sorted().toList();
        }
    }

    private long spools() throws Exception {
        try (Stream<Path> s = Files.list(spool)) {
            return s.filter(p -> p.toString().endsWith(".spool")).count();
        }
    }

    @Test
    void streamWritesNumCaptureFramesThenCaptureEnds() throws Exception {
        set("WRITE_MODE", NDFileHDF5.MODE_STREAM);
        set("NUM_CAPTURE", 3);
        set("HDF5_compressionType", Compression.LZ4.adIndex);
        frame(); // primes the plugin (dims known)
        set("CAPTURE", 1);
        assertEquals(1, integer("CAPTURE"));
        assertEquals(data + "/t_000001.h5", string("FULL_FILE_NAME"));
        assertEquals(2, integer("FILE_NUMBER"), "AutoIncrement after the name is built");
        List<Integer> want = List.of(frame(), frame(), frame());
        frame(); // after NumCapture: not captured
        quiet();
        assertEquals(0, integer("CAPTURE"));
        assertEquals(3, integer("NUM_CAPTURED"));
        assertEquals(want, ids(data.resolve("t_000001.h5")));
        assertEquals(0, spools());
        assertEquals(0, integer("WRITE_STATUS"));
    }

    @Test
    void captureZeroStopsAnUnlimitedStream() throws Exception {
        startLazy(NDFileHDF5.MODE_STREAM, 0);
        List<Integer> want = new ArrayList<>();
        for (int i = 0; i < 7; i++) want.add(frame());
        set("CAPTURE", 0);
        frame();
        quiet();
        assertEquals(want, ids(data.resolve("t_000001.h5")));
        assertEquals(0, integer("CAPTURE"));
    }

    @Test
    void captureModeBuffersUntilWriteFileAndFreeCaptureDiscards() throws Exception {
        set("AUTO_SAVE", 0);
        startLazy(NDFileHDF5.MODE_CAPTURE, 2);
        List<Integer> want = List.of(frame(), frame());
        quiet();
        assertEquals(0, integer("CAPTURE"));
        assertEquals(List.of(), h5Files(), "Capture mode writes on WriteFile, not before");
        assertEquals(1, spools(), "the buffered frames are on the spool");
        PortException busy = assertThrows(PortException.class, () -> set("CAPTURE", 1));
        assertTrue(busy.getMessage().contains("WriteFile=1 writes them"), busy.getMessage());
        set("WRITE_FILE", 1);
        quiet();
        assertEquals(0, integer("WRITE_FILE"));
        assertEquals(want, ids(data.resolve("t_000001.h5")));

        set("CAPTURE", 1);
        frame();
        frame();
        set("FREE_CAPTURE", 1);
        assertEquals(0, spools());
        assertEquals("discarded 2 captured frames", string("WRITE_MESSAGE"));
    }

    @Test
    void captureModeWithAutoSaveWritesWhenNumCaptureIsReached() throws Exception {
        set("WRITE_MODE", NDFileHDF5.MODE_CAPTURE);
        set("NUM_CAPTURE", 2);
        frame();
        set("CAPTURE", 1);
        List<Integer> want = List.of(frame(), frame());
        quiet();
        assertEquals(want, ids(data.resolve("t_000001.h5")));
        assertEquals(0, integer("CAPTURE"));
    }

    @Test
    void singleModeWritesOneFilePerFrameWithAutoSaveAndTheLastFrameOnWriteFile() throws Exception {
        int a = frame(), b = frame();
        quiet();
        assertEquals(List.of("t_000001.h5", "t_000002.h5"), h5Files());
        assertEquals(List.of(a), ids(data.resolve("t_000001.h5")));
        assertEquals(List.of(b), ids(data.resolve("t_000002.h5")));
        set("AUTO_SAVE", 0);
        int c = frame();
        quiet();
        assertEquals(2, h5Files().size());
        set("WRITE_FILE", 1);
        quiet();
        assertEquals(List.of(c), ids(data.resolve("t_000003.h5")));
        assertEquals(4, integer("FILE_NUMBER"));
        PortException e = assertThrows(PortException.class, () -> set("CAPTURE", 1));
        assertTrue(e.getMessage().contains("Single"), e.getMessage());
        assertEquals(0, integer("CAPTURE"));
    }

    @Test
    void rolloverByFramesPerFileUsesTheNextNumbersAndSaysSo() throws Exception {
        set("HDF5_framesPerFile", 2);
        set("AUTO_INCREMENT", 0);
        startLazy(NDFileHDF5.MODE_STREAM, 5);
        List<Integer> want = new ArrayList<>();
        for (int i = 0; i < 5; i++) want.add(frame());
        quiet();
        assertEquals(List.of("t_000001.h5", "t_000002.h5", "t_000003.h5"), h5Files());
        assertEquals(want.subList(0, 2), ids(data.resolve("t_000001.h5")));
        assertEquals(want.subList(2, 4), ids(data.resolve("t_000002.h5")));
        assertEquals(want.subList(4, 5), ids(data.resolve("t_000003.h5")));
        assertEquals(1, integer("FILE_NUMBER"), "AutoIncrement off: FileNumber stays, the files still never overwrite");
        assertEquals(data + "/t_000003.h5", string("FULL_FILE_NAME"));
        assertTrue(string("WRITE_MESSAGE").startsWith("rolled over to " + data + "/t_000003.h5 after 2 frames"),
                string("WRITE_MESSAGE"));
    }

    @Test
    void rolloverByBytesAndOnAShapeChange() throws Exception {
        hdf.shutdown();
        hdf = plugin(new SpoolFinaliser(3 * 8 * 4 * 2, false)); // three 8x4 UInt16 frames per file
        startLazy(NDFileHDF5.MODE_STREAM, 6);
        List<Integer> want = new ArrayList<>();
        for (int i = 0; i < 4; i++) want.add(frame());
        want.add(frame(4, 4));
        want.add(frame(4, 4));
        quiet();
        assertEquals(List.of("t_000001.h5", "t_000002.h5", "t_000003.h5"), h5Files());
        assertEquals(want.subList(0, 3), ids(data.resolve("t_000001.h5")));
        assertEquals(want.subList(3, 4), ids(data.resolve("t_000002.h5")));
        assertEquals(want.subList(4, 6), ids(data.resolve("t_000003.h5")));
        assertEquals(4, integer("FILE_NUMBER"));
    }

    @Test
    void fileTemplateIsCPrintfOfPathNameNumber() throws Exception {
        set("FILE_NUMBER", 7);
        String[][] cases = {
            {"%s%s_%6.6d.h5", data + "/t_000007.h5"},
            {"%s%s_%3d.h5", data + "/t_  7.h5"},
            {"%s%s_%-3d.h5", data + "/t_7  .h5"},
            {"%s%s_%03d.h5", data + "/t_007.h5"},
            {"%s%.0s%d.h5", data + "/7.h5"},
            {"%s%s.h5", data + "/t.h5"},
            {"%s%s_100%%_%d.h5", data + "/t_100%_7.h5"},
        };
        set("WRITE_MODE", NDFileHDF5.MODE_STREAM);
        set("FILE_LAZY_OPEN", 1);
        set("AUTO_INCREMENT", 0);
        for (String[] c : cases) {
            set("FILE_TEMPLATE", c[0]);
            set("CAPTURE", 1);
            set("CAPTURE", 0);
            assertEquals(c[1], string("FULL_FILE_NAME"), c[0]);
        }
        quiet();
        PortException e = assertThrows(PortException.class, () -> set("FILE_TEMPLATE", "%s%s_%f.h5"));
        assertTrue(e.getMessage().contains("%f"), e.getMessage());
        assertThrows(PortException.class, () -> set("FILE_TEMPLATE", "%s%s_%s_%d.h5"));
        assertEquals("%s%s_100%%_%d.h5", string("FILE_TEMPLATE"), "a refused template leaves the old one");
    }

    @Test
    void filePathGetsItsSlashAndCreateDirectoryFollowsAreaDetector() throws Exception {
        set("FILE_PATH", data.toString());
        assertEquals(data + "/", string("FILE_PATH"));
        assertEquals(1, integer("FILE_PATH_EXISTS"));

        Path deep = data.resolve("a/b/c");
        set("CREATE_DIR", 0);
        set("FILE_PATH", deep.toString());
        assertEquals(0, integer("FILE_PATH_EXISTS"));
        assertFalse(Files.exists(data.resolve("a")));

        set("CREATE_DIR", -2); // creates at most the last two components: a/ is missing
        set("FILE_PATH", deep.toString());
        assertEquals(0, integer("FILE_PATH_EXISTS"));
        assertEquals(1, integer("WRITE_STATUS"));
        assertTrue(string("WRITE_MESSAGE").contains("does not exist"), string("WRITE_MESSAGE"));

        set("CREATE_DIR", -3);
        set("FILE_PATH", deep.toString());
        assertEquals(1, integer("FILE_PATH_EXISTS"));
        assertTrue(Files.isDirectory(deep));

        Path other = data.resolve("x/y");
        set("CREATE_DIR", data.getNameCount()); // the components up to data/ must exist, x/ and y/ are made
        set("FILE_PATH", other.toString());
        assertEquals(1, integer("FILE_PATH_EXISTS"));
        Path notMade = data.resolve("p/q");
        set("CREATE_DIR", data.getNameCount() + 1); // data/p must already exist: it does not
        set("FILE_PATH", notMade.toString());
        assertEquals(0, integer("FILE_PATH_EXISTS"));
    }

    @Test
    void unsupportedCompressionIsRefusedAndTheSettingStays() throws Exception {
        set("HDF5_compressionType", Compression.ZLIB.adIndex);
        PortException e = assertThrows(PortException.class, () -> set("HDF5_compressionType", 2));
        assertEquals("Compression szip is not supported (None, zlib, LZ4); still zlib", e.getMessage());
        assertEquals(Compression.ZLIB.adIndex, integer("HDF5_compressionType"));
        assertEquals(1, integer("WRITE_STATUS"));
        assertThrows(PortException.class, () -> set("HDF5_zCompressLevel", 10));
    }

    @Test
    void captureBeforeAnyFrameNeedsLazyOpen() throws Exception {
        set("WRITE_MODE", NDFileHDF5.MODE_STREAM);
        PortException e = assertThrows(PortException.class, () -> set("CAPTURE", 1));
        assertTrue(e.getMessage().startsWith("no frame received yet"), e.getMessage());
        assertEquals(0, integer("CAPTURE"));
        set("FILE_LAZY_OPEN", 1);
        set("CAPTURE", 1);
        assertEquals(1, integer("CAPTURE"));
    }

    @Test
    void aMissingFilePathKeepsTheFramesUntilWriteFileWithAGoodPath() throws Exception {
        Path missing = dir.resolve("missing");
        set("FILE_PATH", missing.toString());
        startLazy(NDFileHDF5.MODE_STREAM, 2);
        assertEquals(1, integer("WRITE_STATUS"), "reported at Capture=1, before any frame");
        List<Integer> want = List.of(frame(), frame());
        quiet();
        assertEquals(0, integer("CAPTURE"));
        assertEquals(1, integer("WRITE_STATUS"));
        assertTrue(string("WRITE_MESSAGE").contains("2 frames kept in spool"), string("WRITE_MESSAGE"));
        assertEquals(1, spools());
        set("FILE_PATH", data.toString());
        set("WRITE_FILE", 1);
        quiet();
        assertEquals(want, ids(data.resolve("t_000001.h5")));
        assertEquals(0, integer("WRITE_STATUS"));
        assertEquals(0, spools());
    }

    @Test
    void anUnsealedSpoolIsRecoveredWhenThePluginIsMade() throws Exception {
        Path other = Files.createDirectory(dir.resolve("spool2"));
        CaptureTarget t = new CaptureTarget(data + "/", "crash", "%s%s_%3.3d.h5", 4, Compression.NONE, 0, 0, 0);
        SpoolCapture c = SpoolCapture.start(other, t, 1, 0);
        short[] px = new short[32];
        for (int i = 1; i <= 3; i++) c.append(new NDArrayFrame(NDArray.now(100 + i, NDDataType.UInt16, NDColorMode.Mono,
                new int[]{8, 4}, px, List.of())));
        c.close(); // not sealed: what kill -9 leaves
        NDFileHDF5 p = new NDFileHDF5("HDF2", new PortRegistry(), 10, true, "", 0, other, data.toString(), new SpoolFinaliser());
        try {
            assertEquals(List.of(101, 102, 103), ids(data.resolve("crash_004.h5")));
            assertEquals("recovered 3 frames at start into " + data + "/crash_004.h5", p.getString(p.param("WRITE_MESSAGE")));
        } finally {
            p.shutdown();
        }
    }
}
