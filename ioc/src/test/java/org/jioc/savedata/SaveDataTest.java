package org.jioc.savedata;

import static org.jioc.testing.InProcessIoc.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.jhdf.HdfFile;
import org.jioc.Ioc;
import org.jioc.catalog.ExitStatus;
import org.jioc.catalog.RunCatalogService;
import org.jioc.catalog.RunEntry;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.shell.IocShell;
import org.jioc.testing.InProcessIoc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * saveData on db-templates/standardScans.db + saveData.template in process: the files of a 1-D and a chained 2-D
 * scan read back with jHDF against the record's arrays, the catalog entries, an aborted scan, the AWAIT handshake.
 */
class SaveDataTest {
    static final String P = "sd:";
    static final Path TOP = top();
    @TempDir
    Path dir;
    TestIoc t;

    static final class TestIoc extends InProcessIoc {
        final RunCatalogService catalog;

        TestIoc(Path dir) throws Exception {
            super(new Ioc(env(dir)), P);
            catalog = new RunCatalogService(ioc.model());
            ioc.addService(catalog);
            ioc.addService(new SaveDataService(ioc));
            Path db = dir.resolve("dets.db");
            Files.writeString(db, """
                    record(ao, "$(P)m1") { field(PREC, "3") field(EGU, "mm") field(DESC, "fast axis") }
                    record(ao, "$(P)m2") { field(PREC, "3") field(EGU, "deg") }
                    record(calc, "$(P)trig") { field(CALC, "VAL+1") field(FLNK, "$(P)det1") }
                    record(calc, "$(P)det1") { field(INPA, "$(P)m1") field(CALC, "A*A") field(EGU, "cts")
                        field(DESC, "square") field(FLNK, "$(P)det2") }
                    record(calc, "$(P)det2") { field(INPA, "$(P)m1") field(INPB, "$(P)m2") field(CALC, "3*A+10*B") }
                    """);
            Path st = dir.resolve("st.cmd");
            Files.writeString(st, "dbLoadRecords(\"$(TOP)/db-templates/standardScans.db\", \"P=" + P
                    + ",MAXPTS1=50,MAXPTS2=20\")\n"
                    + "dbLoadRecords(\"$(TOP)/db-templates/saveData.template\", \"P=" + P
                    + ",FILE_SYSTEM=$(JIOC_HOME)/data,BASE_NAME=t\")\n"
                    + "dbLoadRecords(\"" + db + "\", \"P=" + P + "\")\niocInit\n");
            new IocShell(ioc, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir)
                    .runScript(st);
        }

        private static Map<String, String> env(Path dir) {
            Map<String, String> env = new HashMap<>();
            env.put("TOP", TOP.toString());
            env.put("JIOC_HOME", dir.toString());
            return env;
        }

        void put(String pv, Object value) throws DbException { put("ca:op@host", pv, String.valueOf(value)); }

        double[] array(String pv, int n) {
            FieldAddress a = addr(pv);
            try (var g = a.lock()) {
                Object v = a.record.arrayValue(a.field);
                double[] out = new double[n];
                for (int i = 0; i < n; i++) out[i] = v instanceof float[] f ? f[i] : ((double[]) v)[i];
                return out;
            }
        }
    }

    private static Path top() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent())
            if (Files.exists(d.resolve("db-templates/saveData.template"))) return d;
        throw new IllegalStateException("db-templates/saveData.template not found");
    }

    @BeforeEach
    void start() throws Exception { t = new TestIoc(dir); }

    @AfterEach
    void stop() { if (t != null) t.close(); }

    private void scan1(int npts) throws DbException {
        t.put("scan1.P1PV", P + "m1");
        t.put("scan1.NPTS", npts);
        t.put("scan1.P1SP", 0);
        t.put("scan1.P1EP", npts - 1);
        t.put("scan1.T1PV", P + "trig.PROC");
        t.put("scan1.D01PV", P + "det1");
        t.put("scan1.D02PV", P + "det2");
    }

    private void run(String scan) throws Exception {
        CompletableFuture<DbException> done = t.putCallback("ca:op@host", scan + ".EXSC", "1");
        assertNull(done.get(60, TimeUnit.SECONDS));
    }

    private RunEntry run(Path nexus) throws Exception {
        try (HdfFile h = new HdfFile(nexus)) {
            String uid = (String) h.getDatasetByPath("entry/entry_identifier").getData();
            return t.catalog.runs().run(uid).orElseThrow();
        }
    }

    private static double[] flat(Object o) {
        if (o instanceof double[] d) return d;
        double[][] a = (double[][]) o;
        return java.util.Arrays.stream(a).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void aOneDimensionalScanWritesFilesEqualToTheRecordsArrays() throws Exception {
        scan1(5);
        run("scan1");
        Path nexus = Path.of(t.get("saveData_fullPathName"));
        assertEquals(dir.resolve("data/t_0001.h5"), nexus);
        assertEquals(2, t.getLong("saveData_scanNumber"));
        assertEquals("Active", t.get("saveData_status"));
        double[] p1ra = t.array("scan1.P1RA", 5), d1 = t.array("scan1.D01DA", 5), d2 = t.array("scan1.D02DA", 5);
        assertArrayEquals(new double[] {0, 1, 4, 9, 16}, d1);
        try (HdfFile h = new HdfFile(nexus)) {
            assertArrayEquals(p1ra, (double[]) h.getDatasetByPath("entry/data/" + P + "m1").getData());
            assertArrayEquals(p1ra, (double[]) h.getDatasetByPath("entry/instrument/readbacks/" + P + "m1_readback").getData());
            assertArrayEquals(d1, (double[]) h.getDatasetByPath("entry/data/" + P + "det1").getData());
            assertArrayEquals(d2, (double[]) h.getDatasetByPath("entry/instrument/" + P + "det2/data").getData());
            assertEquals(P + "det1", h.getByPath("entry/data").getAttribute("signal").getData());
            assertEquals("cts", h.getDatasetByPath("entry/data/" + P + "det1").getAttribute("units").getData());
            assertEquals("success", h.getDatasetByPath("entry/exit_status").getData());
            assertEquals("sscan", h.getDatasetByPath("entry/plan_name").getData());
        }
        String spec = Files.readString(dir.resolve("data/t.spec"));
        assertTrue(spec.contains("#L " + P + "m1  Epoch  Epoch_float  " + P + "m1_readback  " + P + "det2  " + P + "det1\n"),
                spec);
        assertTrue(spec.contains("\n4 "), spec);
        RunEntry e = run(nexus);
        assertEquals("sscan", e.planName());
        assertEquals(ExitStatus.SUCCESS, e.exitStatus());
        assertEquals(5, e.numPoints());
        assertEquals(List.of(P + "m1"), e.motors());
        assertEquals(List.of(P + "det1", P + "det2"), e.detectors());
        assertEquals(P + "scan1", e.planArgs().path("scans").path(0).path("record").asText());
        assertEquals(P + "trig.PROC", e.planArgs().path("scans").path(0).path("triggers").path(0).path("pv").asText());
        assertEquals(2, e.files().size());
        assertEquals(nexus.toString(), e.files().get(0).path());
        assertEquals("Active", t.get("saveData_status"));
        assertEquals(0, t.getLong("scan1.AWAIT"));
    }

    @Test
    void aChainedTwoDimensionalScanHasTheGridShape() throws Exception {
        scan1(4);
        t.put("scan2.P1PV", P + "m2");
        t.put("scan2.NPTS", 3);
        t.put("scan2.P1SP", 1);
        t.put("scan2.P1EP", 3);
        assertEquals(P + "scan1.EXSC", t.get("scan2.T1PV"));
        run("scan2");
        Path nexus = Path.of(t.get("saveData_fullPathName"));
        try (HdfFile h = new HdfFile(nexus)) {
            double[][] det2 = (double[][]) h.getDatasetByPath("entry/data/" + P + "det2").getData();
            assertEquals(3, det2.length);
            assertEquals(4, det2[0].length);
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 4; j++) assertEquals(3 * j + 10 * (i + 1), det2[i][j], 1e-9, "det2[" + i + "][" + j + "]");
            assertArrayEquals(new double[] {1, 2, 3}, (double[]) h.getDatasetByPath("entry/data/" + P + "m2").getData());
            assertArrayEquals(new double[] {0, 1, 2, 3}, (double[]) h.getDatasetByPath("entry/data/" + P + "m1").getData());
            // the last row is what scan1's arrays hold now
            assertArrayEquals(t.array("scan1.D02DA", 4), det2[2]);
            assertEquals(12, flat(h.getDatasetByPath("entry/instrument/" + P + "det1/data").getData()).length);
        }
        RunEntry e = run(nexus);
        assertEquals(12, e.numPoints());
        assertEquals(List.of(P + "m2", P + "m1"), e.motors());
        assertEquals(2, e.startDoc().path("plan_args").path("scans").size());
        assertEquals("[3,4]", e.startDoc().path("shape").toString());
        assertEquals(1, t.catalog.runs().recentRuns(10).size(), "the inner passes are part of the outer run");
    }

    @Test
    void anAbortedScanIsRecordedAsAbortWithThePointsDone() throws Exception {
        scan1(40);
        t.put("scan1.PDLY", 0.05);
        CompletableFuture<DbException> done = t.putCallback("ca:op@host", "scan1.EXSC", "1");
        until("some points", 10, () -> t.getLong("scan1.CPT") >= 3);
        t.put("scan1.EXSC", 0);
        assertNull(done.get(30, TimeUnit.SECONDS));
        int cpt = (int) t.getLong("scan1.CPT");
        assertTrue(cpt >= 3 && cpt < 40, "points done " + cpt);
        Path nexus = Path.of(t.get("saveData_fullPathName"));
        try (HdfFile h = new HdfFile(nexus)) {
            assertEquals("abort", h.getDatasetByPath("entry/exit_status").getData());
            assertArrayEquals(t.array("scan1.D01DA", cpt), (double[]) h.getDatasetByPath("entry/data/" + P + "det1").getData());
        }
        RunEntry e = run(nexus);
        assertEquals(ExitStatus.ABORT, e.exitStatus());
        assertEquals(cpt, e.numEvents());
        assertEquals(40, e.numPoints());
        assertEquals("Scan aborted", e.reason());
    }

    @Test
    void theScanWaitsUntilItsDataAreSaved() throws Exception {
        scan1(3);
        assertEquals("YES", t.get("scan1.AAWAIT"));
        FieldAddress fs = t.addr("saveData_fileSystem");
        CompletableFuture<DbException> done;
        try (var g = fs.lock()) { // the saveData thread cannot read where to write
            done = t.putCallback("ca:op@host", "scan1.EXSC", "1");
            until("data posted", 10, () -> t.getLong("scan1.DATA") == 1);
            Thread.sleep(300);
            assertFalse(done.isDone(), "EXSC's put-callback waits for saveData");
            assertEquals(1, t.getLong("scan1.AWAIT"));
            assertEquals("SCAN_DONE", t.get("scan1.FAZE"));
            assertEquals(1, t.getLong("scan1.BUSY"));
        }
        assertNull(done.get(30, TimeUnit.SECONDS));
        assertTrue(Files.exists(Path.of(t.get("saveData_fullPathName"))), "the file exists when the scan has ended");
        assertEquals(0, t.getLong("scan1.AWAIT"));
    }

    @Test
    void aFileErrorIsReportedAndTheScanStillEnds() throws Exception {
        Files.writeString(dir.resolve("afile"), "x");
        t.put("saveData_fileSystem", dir.resolve("afile/data").toString());
        scan1(3);
        run("scan1");
        assertEquals("Mount err", t.get("saveData_status"));
        assertTrue(t.get("saveData_message").contains("not saved"), t.get("saveData_message"));
        assertEquals("SCAN Complete", t.get("scan1.SMSG"));
        assertArrayEquals(new double[] {0, 1, 4}, t.array("scan1.D01DA", 3));
        RunEntry e = t.catalog.runs().recentRuns(1).get(0);
        assertEquals(ExitStatus.SUCCESS, e.exitStatus());
        assertTrue(e.files().isEmpty());
    }
}
