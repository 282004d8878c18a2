package org.jioc.datafile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.jhdf.api.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes with jHDF and reads back with jHDF's reader (h5py reads the same files in tests/python/test_datafiles.py). */
class NexusWriterTest {
    @TempDir Path tmp;
    private final NexusWriter writer = new NexusWriter(ZoneOffset.UTC);

    private static Object attr(Node n, String name) { return n.getAttribute(name).getData(); }

    @Test
    void lineScanLayout() throws Exception {
        Path f = tmp.resolve("line.h5");
        ScanRun run = SampleRuns.lineRun(11);
        run.stop(new RunStop(ExitStatus.SUCCESS, "", 11, SampleRuns.T0 + 6));
        writer.write(run.snapshot(), f);
        try (HdfFile h = new HdfFile(f)) {
            assertEquals("NXentry", attr(h.getByPath("entry"), "NX_class"));
            Node data = h.getByPath("entry/data");
            assertEquals("NXdata", attr(data, "NX_class"));
            assertEquals("I0", attr(data, "signal"));
            assertArrayEquals(new String[] {"m1"}, (String[]) attr(data, "axes"));
            assertArrayEquals(SampleRuns.linspace(-1, 1, 11), (double[]) h.getDatasetByPath("entry/data/m1").getData());
            double[] i0 = (double[]) h.getDatasetByPath("entry/instrument/I0/data").getData();
            assertEquals(1010.0, i0[10]);
            double[][] spectrum = (double[][]) h.getDatasetByPath("entry/data/spectrum").getData();
            assertArrayEquals(SampleRuns.spectrum(7), spectrum[7]);
            assertEquals("2023-11-14T22:13:20Z", h.getDatasetByPath("entry/start_time").getData());
            assertEquals("success", h.getDatasetByPath("entry/exit_status").getData());
            Map<?, ?> doc = new ObjectMapper().readValue((String) h.getDatasetByPath("entry/start_document/data").getData(), Map.class);
            assertEquals("uid-line-0001", doc.get("uid"));
            assertEquals(List.of(List.of(List.of("m1"), "primary")), ((Map<?, ?>) doc.get("hints")).get("dimensions"));
            assertEquals(101.5, h.getDatasetByPath("entry/instrument/extra_pvs/break_001/ring_current").getData());
            assertEquals("S:SRcurrentAI", attr(h.getByPath("entry/instrument/extra_pvs/start/ring_current"), "pv"));
            assertArrayEquals(new String[] {"/data/ad/line_001.h5", "/data/ad/line_002.h5"},
                    (String[]) h.getDatasetByPath("entry/instrument/image_files/file_path").getData());
            assertArrayEquals(new long[] {4, 5}, (long[]) h.getDatasetByPath("entry/instrument/image_files/last_frame").getData());
        }
    }

    @Test
    void gridIsShapedWithNaNWhereNotMeasured() {
        Path f = tmp.resolve("grid.h5");
        ScanRun run = SampleRuns.gridRun();
        writer.write(run.snapshot(), f);
        try (HdfFile h = new HdfFile(f)) {
            double[][] det = (double[][]) h.getDatasetByPath("entry/data/det").getData();
            assertArrayEquals(new double[] {110, 111, 112, 113}, det[1], "snaked row back in axis order");
            assertArrayEquals(new double[] {10, 11, 12, 13}, (double[]) h.getDatasetByPath("entry/data/m2").getData());
            assertEquals(1, attr(h.getByPath("entry/data"), "m2_indices"));
        }
    }

    /** Breakpoint rewrites replace the file atomically; no temp file remains; a shorter file really is shorter. */
    @Test
    void rewritesReplaceTheWholeFile() throws Exception {
        Path f = tmp.resolve("run.h5");
        ScanRun run = SampleRuns.lineRun(11);
        writer.write(run.snapshot(), f);
        long full = Files.size(f);
        ScanRun small = SampleRuns.abortedRun();
        writer.write(small.snapshot(), f);
        assertTrue(Files.size(f) < full, "jHDF does not truncate: the old tail must not survive");
        try (HdfFile h = new HdfFile(f)) {
            assertEquals(7, ((double[]) h.getDatasetByPath("entry/data/det").getData()).length);
            assertEquals("abort", h.getDatasetByPath("entry/exit_status").getData());
        }
        try (var list = Files.list(tmp)) {
            assertEquals(List.of(f), list.toList());
        }
        ScanRun partial = SampleRuns.lineRun(5);
        writer.write(partial.snapshot(), f);
        try (HdfFile h = new HdfFile(f)) {
            assertEquals("in progress", h.getDatasetByPath("entry/exit_status").getData());
            assertEquals(5, ((double[]) h.getDatasetByPath("entry/data/I0").getData()).length);
        }
    }

    @Test
    void missingDirectoryIsAClearError() {
        Path f = tmp.resolve("no/such/dir/x.h5");
        DataFileException e = assertThrows(DataFileException.class, () -> writer.write(SampleRuns.abortedRun().snapshot(), f));
        assertTrue(e.getMessage().startsWith("cannot write NeXus file " + f), e.getMessage());
    }
}
