package org.jioc.areadetector.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.Node;
import io.jhdf.filter.PipelineFilterWithData;
import org.jioc.areadetector.NDDataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolFinaliserTest {
    @TempDir Path dir;

    private Path capture(CaptureTarget target, int frames, boolean seal) {
        SpoolCapture c = SpoolCapture.start(dir, target, 1, 0);
        assertNull(c.targetError());
        for (int i = 1; i <= frames; i++) assertEquals(i, c.append(SpoolTestFrames.frame(i, 24, 10)));
        if (seal) c.seal(); else c.close();
        return c.spool();
    }

    @ParameterizedTest
    @EnumSource(Compression.class)
    void layoutReadsBackWithJhdf(Compression compression) {
        Path out = Files.exists(dir) ? dir : null;
        Path spool = capture(SpoolTestFrames.target(out, compression, 0), 4, true);
        FinalisedCapture r = new SpoolFinaliser().finalise(spool);
        assertTrue(r.sealed());
        assertEquals(List.of(dir.resolve("cap_005.h5")), r.files());
        assertEquals(6, r.nextFileNumber());
        assertFalse(Files.exists(spool), "spool deleted after finalise");
        try (HdfFile f = new HdfFile(r.files().get(0))) {
            assertEquals("NXentry", f.getByPath("/entry").getAttribute("NX_class").getData());
            assertEquals("NXdata", f.getByPath("/entry/data").getAttribute("NX_class").getData());
            assertEquals("NXinstrument", f.getByPath("/entry/instrument").getAttribute("NX_class").getData());
            assertEquals("NXcollection", f.getByPath("/entry/instrument/NDAttributes").getAttribute("NX_class").getData());
            Dataset d = f.getDatasetByPath("/entry/data/data");
            assertArrayEquals(new int[]{4, 10, 24}, d.getDimensions());
            assertEquals(1, ((Number) d.getAttribute("signal").getData()).intValue());
            List<Integer> ids = d.getFilters().stream().map(PipelineFilterWithData::getId).toList();
            assertEquals(compression == Compression.NONE ? List.of() : List.of(compression.filterId), ids);
            int[][][] px = (int[][][]) d.getData(); // u16 widens to int
            for (int n = 0; n < 4; n++) {
                short[] want = SpoolTestFrames.pixels(n + 1, 24, 10);
                for (int y = 0; y < 10; y++) for (int x = 0; x < 24; x++) {
                    assertEquals(Short.toUnsignedInt(want[y * 24 + x]), px[n][y][x], "frame " + n + " y " + y + " x " + x);
                }
            }
            String a = "/entry/instrument/NDAttributes/";
            assertArrayEquals(new int[]{1, 2, 3, 4}, (int[]) f.getDatasetByPath(a + "NDArrayUniqueId").getData());
            assertArrayEquals(new double[]{1_000_001.25, 1_000_002.25, 1_000_003.25, 1_000_004.25},
                    (double[]) f.getDatasetByPath(a + "NDArrayTimeStamp").getData());
            assertArrayEquals(new long[]{1_000_001, 1_000_002, 1_000_003, 1_000_004},
                    (long[]) f.getDatasetByPath(a + "NDArrayEpicsTSSec").getData(), "u32 widens to long");
            assertArrayEquals(new long[]{250_000_000, 250_000_000, 250_000_000, 250_000_000},
                    (long[]) f.getDatasetByPath(a + "NDArrayEpicsTSnSec").getData());
            assertArrayEquals(new double[]{0.5, 1.0, 1.5, 2.0}, (double[]) f.getDatasetByPath(a + "Exposure").getData());
            assertArrayEquals(new long[]{2, 4, 6, 8}, (long[]) f.getDatasetByPath(a + "Counter").getData());
            assertArrayEquals(new String[]{"m1", "m2", "m3", "m4"}, (String[]) f.getDatasetByPath(a + "Motor").getData());
        }
    }

    @Test
    void rolloverWritesNumberedFiles() {
        Path spool = capture(SpoolTestFrames.target(dir, Compression.LZ4, 3), 7, true);
        FinalisedCapture r = new SpoolFinaliser().finalise(spool);
        assertEquals(List.of(dir.resolve("cap_005.h5"), dir.resolve("cap_006.h5"), dir.resolve("cap_007.h5")), r.files());
        assertEquals(List.of(3, 3, 1), r.framesPerFile());
        assertEquals(8, r.nextFileNumber());
        int id = 1;
        for (Path p : r.files()) {
            try (HdfFile f = new HdfFile(p)) {
                for (int u : (int[]) f.getDatasetByPath("/entry/instrument/NDAttributes/NDArrayUniqueId").getData()) assertEquals(id++, u);
            }
        }
        assertEquals(8, id);
    }

    @Test
    void byteLimitRollsOverToo() {
        Path spool = capture(SpoolTestFrames.target(dir, Compression.NONE, 0), 5, true);
        FinalisedCapture r = new SpoolFinaliser(2 * 24 * 10 * 2, false).finalise(spool);
        assertEquals(List.of(2, 2, 1), r.framesPerFile());
    }

    @Test
    void unsealedSpoolIsRecoveredAtStart() {
        Path spool = capture(SpoolTestFrames.target(dir, Compression.ZLIB, 0), 3, false);
        List<SpoolRecovery.Outcome> out = SpoolRecovery.recover(dir, new SpoolFinaliser());
        assertEquals(1, out.size());
        assertNull(out.get(0).error());
        assertFalse(out.get(0).result().sealed());
        assertEquals(3, out.get(0).result().frames());
        assertFalse(Files.exists(spool));
        assertTrue(Files.exists(dir.resolve("cap_005.h5")));
    }

    @Test
    void overwritingALargerOldFileLeavesNoStaleTail() throws IOException {
        Path target = dir.resolve("cap_005.h5");
        Files.write(target, new byte[5_000_000]);
        FinalisedCapture r = new SpoolFinaliser().finalise(capture(SpoolTestFrames.target(dir, Compression.NONE, 0), 1, true));
        assertTrue(Files.size(r.files().get(0)) < 100_000, "size " + Files.size(target));
    }

    @Test
    void missingFilePathIsReportedAtStartAndLosesNoFrames() throws IOException {
        Path missing = dir.resolve("no/such");
        CaptureTarget t = new CaptureTarget(missing + "/", "cap", "%s%s_%3.3d.h5", 1, Compression.LZ4, 4, 0, 0);
        Path spools = Files.createDirectory(dir.resolve("spool"));
        SpoolCapture c = SpoolCapture.start(spools, t, 1, 0);
        assertEquals("FilePath " + missing + " does not exist (CreateDirectory=0)", c.targetError());
        for (int i = 1; i <= 3; i++) assertEquals(i, c.append(SpoolTestFrames.frame(i, 8, 8)));
        CaptureSpoolException e = assertThrows(CaptureSpoolException.class, () -> c.finish(new SpoolFinaliser()));
        assertEquals(c.targetError(), e.getMessage());
        assertTrue(Files.exists(c.spool()), "spool kept");
        // recovery at the next start still cannot write: logged, kept
        assertNotNull(SpoolRecovery.recover(spools, new SpoolFinaliser()).get(0).error());
        assertTrue(Files.exists(c.spool()));
        // a corrected target (CreateDirectory -2 creates the two missing levels) writes all frames
        CaptureTarget fixed = new CaptureTarget(missing + "/", "cap", "%s%s_%3.3d.h5", 1, Compression.LZ4, 4, -2, 0);
        FinalisedCapture r = new SpoolFinaliser().finalise(c.spool(), fixed);
        assertEquals(3, r.frames());
        assertTrue(Files.exists(missing.resolve("cap_001.h5")));
    }

    @Test
    void createDirectoryDepthIsRespected() {
        Path missing = dir.resolve("a/b/c");
        CaptureTarget shallow = new CaptureTarget(missing + "/", "x", "%s%s.h5", 1, Compression.NONE, 4, -2, 0);
        assertThrows(CaptureSpoolException.class, shallow::prepareDirectory);
        CaptureTarget deep = new CaptureTarget(missing + "/", "x", "%s%s.h5", 1, Compression.NONE, 4, -3, 0);
        deep.prepareDirectory();
        assertTrue(Files.isDirectory(missing));
    }

    @Test
    void recoveryLeavesASpoolThatIsStillBeingWritten() {
        SpoolCapture c = SpoolCapture.start(dir, SpoolTestFrames.target(dir, Compression.NONE, 0), 1, 0);
        c.append(SpoolTestFrames.frame(1, 8, 8));
        List<SpoolRecovery.Outcome> out = SpoolRecovery.recover(dir, new SpoolFinaliser());
        assertEquals("spool " + c.spool() + " is in use by a running capture", out.get(0).error());
        c.append(SpoolTestFrames.frame(2, 8, 8));
        FinalisedCapture r = c.finish(new SpoolFinaliser());
        assertEquals(2, r.frames());
    }

    @Test
    void oversizedAttributesAreRefusedBeforeWriting() {
        SpoolCapture c = SpoolCapture.start(dir, SpoolTestFrames.target(dir, Compression.NONE, 0), 1, 0);
        Frame big = Frame.uint16(2, 2, new short[4], 9, 1.0, List.of(FrameAttribute.of("Huge", "x".repeat(70000))));
        CaptureSpoolException e = assertThrows(CaptureSpoolException.class, () -> c.append(big));
        assertTrue(e.getMessage().startsWith("frame 9: "), e.getMessage());
        c.append(SpoolTestFrames.frame(1, 8, 8));
        assertEquals(1, c.finish(new SpoolFinaliser()).frames());
    }

    @Test
    void otherTypesAndRanksKeepTheirShapeAndValues() {
        SpoolCapture c = SpoolCapture.start(dir, SpoolTestFrames.target(dir, Compression.ZLIB, 0), 1, 0);
        java.nio.ByteBuffer line = java.nio.ByteBuffer.allocate(5 * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 5; i++) line.putDouble(i * 0.5 - 1);
        line.flip();
        c.append(new Frame(new int[]{5}, NDDataType.Float64, line, 1, 1.0, 1, 0, List.of()));
        // RGB1: dims {3, X=4, Y=2}, colour fastest -> dataset (N, 2, 4, 3)
        java.nio.ByteBuffer rgb = java.nio.ByteBuffer.allocate(3 * 4 * 2 * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 24; i++) rgb.putInt(i - 5);
        rgb.flip();
        c.append(new Frame(new int[]{3, 4, 2}, NDDataType.Int32, rgb, 2, 2.0, 2, 0, List.of()));
        FinalisedCapture r = c.finish(new SpoolFinaliser());
        assertEquals(List.of(1, 1), r.framesPerFile(), "a new shape starts a new file");
        try (HdfFile f = new HdfFile(r.files().get(0))) {
            assertArrayEquals(new double[][]{{-1, -0.5, 0, 0.5, 1}}, (double[][]) f.getDatasetByPath("/entry/data/data").getData());
        }
        try (HdfFile f = new HdfFile(r.files().get(1))) {
            Dataset d = f.getDatasetByPath("/entry/data/data");
            assertArrayEquals(new int[]{1, 2, 4, 3}, d.getDimensions());
            int[][][][] v = (int[][][][]) d.getData();
            assertEquals(-5, v[0][0][0][0]);
            assertEquals(-5 + 1 * 12 + 2 * 3 + 1, v[0][1][2][1], "y=1, x=2, colour 1");
        }
    }
}
