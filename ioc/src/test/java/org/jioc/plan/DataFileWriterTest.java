package org.jioc.plan;

import static org.jioc.testing.InProcessIoc.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jhdf.HdfFile;
import org.jioc.catalog.RunEntry;
import org.jioc.catalog.RunFile;
import org.jioc.datafile.FileNameTemplate;
import org.jioc.db.DbException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plan layer's data files: runs through the PVs of the test IOC write NeXus and SPEC files named by the file PVs
 * (read back with jHDF and as text), a grid keeps its shape and snake, breakpoints rewrite the files with the
 * points so far, and a FilePath that cannot be used refuses the run before anything moves.
 */
class DataFileWriterTest {
    static final String P = PlanTestIoc.P;
    @TempDir
    Path dir;
    PlanTestIoc t;

    @AfterEach
    void stop() { if (t != null) t.close(); }

    private void plan(String name, String detectors) throws DbException {
        t.put("Plan:PlanName", name);
        t.put("Plan:Detectors", detectors);
        t.put("Plan:Triggers", P + "trig.PROC");
    }

    private void motor(int n, String name, double start, double stop, int num) throws DbException {
        t.put("Plan:M" + n + ":Name", P + name);
        t.put("Plan:M" + n + ":Start", "" + start);
        t.put("Plan:M" + n + ":Stop", "" + stop);
        t.put("Plan:M" + n + ":Num", "" + num);
    }

    private void run(String status) throws Exception {
        CompletableFuture<DbException> done = t.start();
        assertNull(done.get(60, TimeUnit.SECONDS));
        assertEquals(status, t.get("Plan:Status"), t.get("Plan:Message"));
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Math.round(v[i] * 1000) / 1000.0;
        return r;
    }

    private static double[] data(HdfFile h, String path) { return (double[]) h.getDatasetByPath(path).getData(); }

    @Test
    void aScanWritesNexusAndSpecNamedByTheFilePvsAndTheCatalogListsThem() throws Exception {
        t = new PlanTestIoc(dir, false);
        Path data = dir.resolve("var/data");
        until("FilePathExists_RBV", 5, () -> "Yes".equals(t.get("Plan:FilePathExists_RBV")) || !Files.exists(data));
        plan("scan", P + "det1 " + P + "det2");
        motor(1, "m1", 0, 4, 1);
        motor(2, "m2", 10, 2, 1);
        t.put("Plan:Num", "5");
        run("Done");
        Path nexus = data.resolve("scan_0001.h5");
        assertEquals(nexus.toString(), t.get("Plan:FullFileName_RBV"));
        assertEquals(data.resolve("scan.spec").toString(), t.get("Plan:SpecFile_RBV"));
        assertEquals(2, t.getLong("Plan:FileNumber"), "AutoIncrement advanced the number");
        assertEquals("Yes", t.get("Plan:FilePathExists_RBV"));
        try (HdfFile h = new HdfFile(nexus)) {
            assertArrayEquals(new double[] {0, 1, 2, 3, 4}, data(h, "entry/data/" + P + "m1"));
            assertArrayEquals(new double[] {10, 8, 6, 4, 2}, data(h, "entry/data/" + P + "m2"));
            assertArrayEquals(new double[] {0, 1, 2, 3, 4}, round(data(h, "entry/data/" + P + "det1")));
            assertArrayEquals(new double[] {10, 8, 6, 4, 2}, round(data(h, "entry/data/" + P + "det2")));
            assertArrayEquals(new double[] {0, 1, 2, 3, 4},
                    round(data(h, "entry/instrument/readbacks/" + P + "m1_rbv")));
            assertEquals(P + "det1", h.getByPath("entry/data").getAttribute("signal").getData());
            assertArrayEquals(new String[] {P + "m1"},
                    (String[]) h.getByPath("entry/data").getAttribute("axes").getData());
            assertEquals("success", h.getDatasetByPath("entry/exit_status").getData());
            assertEquals(t.get("Plan:Uid"), h.getDatasetByPath("entry/entry_identifier").getData());
        }
        List<String> spec = Files.readAllLines(data.resolve("scan.spec"));
        assertTrue(spec.contains("#L " + P + "m1  " + P + "m2  Epoch  Epoch_float  " + P + "m1_rbv  " + P
                + "m2_rbv  " + P + "det2  " + P + "det1"), String.join("\n", spec));
        String sLine = "#S " + t.getLong("Plan:ScanId") + "  scan(";
        assertTrue(spec.stream().anyMatch(l -> l.startsWith(sLine)), String.join("\n", spec));
        assertEquals(5, spec.stream().filter(l -> !l.isEmpty() && !l.startsWith("#")).count(), "5 data rows");
        assertTrue(spec.stream().anyMatch(l -> l.startsWith("#C ") && l.endsWith("exit_status = success")));
        RunEntry r = t.catalog.runs().run(t.get("Plan:Uid")).orElseThrow();
        assertEquals(List.of(nexus.toString(), data.resolve("scan.spec").toString()),
                r.files().stream().map(RunFile::path).toList());
        assertEquals(List.of("nexus", "spec"), r.files().stream().map(RunFile::kind).toList());

        t.put("Plan:AutoIncrement", "No");
        t.put("Plan:FileName", "fixed");
        run("Done");
        run("Done");
        assertEquals(data.resolve("fixed_0002.h5").toString(), t.get("Plan:FullFileName_RBV"));
        assertEquals(2, t.getLong("Plan:FileNumber"), "AutoIncrement No keeps the number");
        long scans = Files.readAllLines(data.resolve("fixed.spec")).stream().filter(l -> l.startsWith("#S ")).count();
        assertEquals(2, scans, "both runs are appended to FilePath/FileName.spec");
    }

    @Test
    void aFilePathThatCannotBeUsedRefusesTheRunBeforeAnythingMoves() throws Exception {
        t = new PlanTestIoc(dir, false);
        Path file = Files.writeString(dir.resolve("afile"), "not a directory");
        plan("scan", P + "det1");
        motor(1, "m1", 0, 1, 1);
        t.put("Plan:Num", "2");
        t.put("Plan:FilePath", file + "/sub");
        until("FilePathExists_RBV No", 5, () -> "No".equals(t.get("Plan:FilePathExists_RBV")));
        long sid = t.catalog.runs().lastScanId();
        List<String> moves = t.posts("m1");
        run("Failed");
        String msg = t.get("Plan:Message");
        assertTrue(msg.startsWith("Refused: data files: cannot create data directory " + file + "/sub"), msg);
        assertTrue(msg.endsWith("(nothing moved)"), msg);
        assertEquals(List.of(), moves, "nothing was written to the motor");
        assertEquals(sid, t.catalog.runs().lastScanId(), "a refused plan is no run");
        assertEquals("", t.get("Plan:FullFileName_RBV"));

        t.put("Plan:FilePath", dir.resolve("ok").toString());
        t.put("Plan:FileTemplate", "%s%s_%f.h5");
        run("Failed");
        msg = t.get("Plan:Message");
        assertTrue(msg.startsWith("Refused: data files: FileTemplate"), msg);
        assertEquals(List.of(), moves);

        t.put("Plan:FileTemplate", "%s%s_%3.3d.nxs");
        run("Done");
        assertEquals(dir.resolve("ok/scan_001.nxs").toString(), t.get("Plan:FullFileName_RBV"));
        until("FilePathExists_RBV Yes", 5, () -> "Yes".equals(t.get("Plan:FilePathExists_RBV")));
    }

    /** The DataFileWriter with a look at the NeXus file after every breakpoint write. */
    static final class Inspecting implements RunWriter {
        final DataFileWriter files;
        final List<String> seen = new CopyOnWriteArrayList<>();
        volatile Path nexus;

        Inspecting(DataFileWriter files) { this.files = files; }

        @Override
        public void check() { files.check(); }

        @Override
        public List<RunFile> start(RunData run) {
            List<RunFile> f = files.start(run);
            nexus = Path.of(f.get(0).path());
            return f;
        }

        @Override
        public List<RunFile> breakpoint(RunData run, int pointIndex) {
            List<RunFile> f = files.breakpoint(run, pointIndex);
            try (HdfFile h = new HdfFile(nexus)) {
                List<String> rows = new ArrayList<>();
                for (double v : data(h, "entry/instrument/" + P + "det3/data")) rows.add("" + Math.round(v));
                seen.add(pointIndex + ": " + h.getDatasetByPath("entry/exit_status").getData() + " "
                        + h.getDatasetByPath("entry/points_done").getData() + " " + rows + " extra "
                        + (h.getByPath("entry/instrument/extra_pvs/break_" + String.format("%03d", pointIndex))
                        != null));
            }
            return f;
        }

        @Override
        public List<RunFile> finish(RunData run, ObjectNode stop) { return files.finish(run, stop); }
    }

    @Test
    void aSnakeGridKeepsItsShapeAndBreakpointsRewriteTheFilesWithThePointsSoFar() throws Exception {
        t = new PlanTestIoc(dir, true);
        Path out = dir.resolve("bp");
        Inspecting w = new Inspecting(new DataFileWriter(FileLocations.fixed(
                new FileNameTemplate(out.toString(), "g", "%s%s_%3.3d.h5", 7, true), out.resolve("g.spec")),
                t.ioc.database()));
        t.plans.setWriter(w);
        plan("grid_scan", P + "det3");
        motor(1, "m1", 1, 3, 3);
        motor(2, "m2", 1, 2, 2);
        t.put("Plan:M2:Snake", "Yes");
        t.put("Plan:Breakpoints", "2 4");
        t.put("Plan:ExtraPvs", P + "det1");
        run("Done");
        assertEquals(List.of("2: in progress 3 [110, 120, 220] extra true",
                "4: in progress 5 [110, 120, 220, 210, 310] extra true"), w.seen);
        try (HdfFile h = new HdfFile(out.resolve("g_007.h5"))) {
            double[][] det3 = (double[][]) h.getDatasetByPath("entry/data/" + P + "det3").getData();
            assertEquals(3, det3.length);
            assertArrayEquals(new double[] {110, 120}, round(det3[0]));
            assertArrayEquals(new double[] {210, 220}, round(det3[1]), "the snaked row reads in axis order");
            assertArrayEquals(new double[] {310, 320}, round(det3[2]));
            assertArrayEquals(new double[] {1, 2, 3}, data(h, "entry/data/" + P + "m1"));
            assertArrayEquals(new double[] {1, 2}, data(h, "entry/data/" + P + "m2"));
            assertArrayEquals(new String[] {P + "m1", P + "m2"},
                    (String[]) h.getByPath("entry/data").getAttribute("axes").getData());
            assertArrayEquals(new int[] {3, 2}, (int[]) h.getDatasetByPath("entry/plan/shape").getData());
            assertArrayEquals(new double[] {110, 120, 220, 210, 310, 320},
                    round(data(h, "entry/instrument/" + P + "det3/data")));
            assertArrayEquals(new double[] {1, 2, 2, 1, 1, 2},
                    data(h, "entry/instrument/" + P + "m2/target_value"));
            assertEquals("success", h.getDatasetByPath("entry/exit_status").getData());
        }
        String spec = Files.readString(out.resolve("g.spec"));
        assertTrue(spec.contains("extra PV break_002: " + P + "det1 = "), spec);
        assertEquals(6, spec.lines().filter(l -> !l.isEmpty() && !l.startsWith("#")).count(), spec);
    }
}
