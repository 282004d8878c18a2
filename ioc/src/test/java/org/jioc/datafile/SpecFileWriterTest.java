package org.jioc.datafile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecFileWriterTest {
    @TempDir Path tmp;

    private SpecFileWriter writer(Path f) { return new SpecFileWriter(f, ZoneOffset.UTC, "tester", "testhost"); }

    @Test
    void exactLinesOfAnAbortedScan() throws Exception {
        Path f = tmp.resolve("a.dat");
        writer(f).write(SampleRuns.abortedRun().snapshot());
        List<String> expected = List.of(
                "#F " + f,
                "#E 1700000000",
                "#D Tue Nov 14 22:13:20 2023",
                "#C jioc  user = tester  host = testhost",
                "#O0 m1",
                "#o0 m1",
                "",
                "#S 3  scan(detectors=['det'], num=20, args=['m1', 0.0, 19.0])",
                "#D Tue Nov 14 22:13:20 2023",
                "#C Tue Nov 14 22:13:20 2023.  uid = uid-abort-0003",
                "#P0 0",
                "#MD detectors = ['det']",
                "#MD hints = {'dimensions': [[['m1'], 'primary']]}",
                "#MD motors = ['m1']",
                "#MD num_points = 20",
                "#MD plan_args = {'detectors': ['det'], 'num': 20, 'args': ['m1', 0.0, 19.0]}",
                "#MD plan_name = 'scan'",
                "#MD plan_type = 'generator'",
                "#N 4",
                "#L m1  Epoch  Epoch_float  det",
                "0 0 0 0", "1 1 1 2", "2 2 2 4", "3 3 3 6", "4 4 4 8", "5 5 5 10", "6 6 6 12",
                "#C Tue Nov 14 22:13:27 2023.  Scan aborted after 7 of 20 points: abort requested by user",
                "#C Tue Nov 14 22:13:27 2023.  num_events_primary = 7",
                "#C Tue Nov 14 22:13:27 2023.  exit_status = abort");
        assertEquals(expected, Files.readAllLines(f));
    }

    @Test
    void columnsPutTheFirstDetectorLast() {
        ScanRun run = SampleRuns.lineRun(3);
        assertEquals(List.of("m1", "Epoch", "Epoch_float", "m1_rbv", "diode", "I0"), SpecFileWriter.labels(run.snapshot()));
    }

    /** Breakpoint writes append complete lines; the result equals writing the finished run at once. */
    @Test
    void breakpointWritesAddUpToTheWholeScan() throws Exception {
        Path once = tmp.resolve("once.dat");
        Path parts = tmp.resolve("parts.dat");
        ScanRun done = SampleRuns.lineRun(11);
        done.stop(new RunStop(ExitStatus.SUCCESS, "", 11, SampleRuns.T0 + 6));
        writer(once).write(done.snapshot());

        SpecFileWriter w = writer(parts);
        ScanRun growing = SampleRuns.lineRun(5);
        w.write(growing.snapshot());
        List<String> mid = Files.readAllLines(parts);
        assertEquals("-0.2 2 2 -0.199 4 1004", mid.get(mid.size() - 3), "5 rows at the breakpoint");
        assertTrue(mid.get(mid.size() - 1).contains("extra PV break_001: ring_current = 101.5 mA"));
        w.write(growing.snapshot());
        assertEquals(mid, Files.readAllLines(parts), "writing the same state again adds nothing");
        double[] m1 = SampleRuns.linspace(-1, 1, 11);
        for (int i = 5; i < 11; i++)
            growing.addPoint(SampleRuns.T0 + 0.5 * i, new double[] {m1[i] + 0.001},
                    new Object[] {1000.0 + i, 100 * m1[i] * m1[i], SampleRuns.spectrum(i)});
        growing.addImageFiles(new ImageFileRef("/data/ad/line_002.h5", "/entry/data/data", 5, 10, 0, 5));
        growing.stop(new RunStop(ExitStatus.SUCCESS, "", 11, SampleRuns.T0 + 6));
        w.write(growing.snapshot());
        List<String> a = Files.readAllLines(once), b = Files.readAllLines(parts);
        assertEquals(a.subList(1, a.size()), b.subList(1, b.size()), "all but the #F line (file names differ)");
    }

    @Test
    void newPositionersStartANewHeaderBlockAndScansAppend() throws Exception {
        Path f = tmp.resolve("s.dat");
        SpecFileWriter w = writer(f);
        for (ScanRun r : SampleRuns.all()) w.write(r.snapshot());
        List<String> lines = Files.readAllLines(f);
        assertEquals(3, lines.stream().filter(l -> l.startsWith("#F ")).count(), "m1 | m1 m2 | m1");
        assertTrue(lines.contains("#O0 m1  m2"));
        assertTrue(lines.contains("#P0 0 10"));
        assertEquals(List.of("#S 1", "#S 2", "#S 3"),
                lines.stream().filter(l -> l.startsWith("#S ")).map(l -> l.substring(0, 4)).toList());
        assertEquals(3, SpecFileWriter.highestScanNumber(f));
        assertEquals(0, SpecFileWriter.highestScanNumber(tmp.resolve("none.dat")));
        DataFileException e = assertThrows(DataFileException.class, () -> writer(f).write(SampleRuns.gridRun().snapshot()));
        assertEquals(f + " already holds run uid-grid-0002", e.getMessage());
    }

    @Test
    void aTornLastLineIsCutBeforeAppending() throws Exception {
        Path f = tmp.resolve("t.dat");
        writer(f).write(SampleRuns.lineRun(3).snapshot());
        Files.writeString(f, "-0.4 2 1.5 -0.3", StandardOpenOption.APPEND);
        writer(f).write(SampleRuns.abortedRun().snapshot());
        String text = Files.readString(f);
        assertFalse(text.contains("-0.4 2 1.5 -0.3"));
        assertTrue(text.contains("-0.6 1 1 -0.599 36 1002\n\n#S 3  scan("), "the aborted scan follows the last whole row");
    }

    @Test
    void numbersAndValuesAsPythonWritesThem() {
        assertEquals("0", SpecText.number(-0.0));
        assertEquals("1", SpecText.number(1.0));
        assertEquals("0.1", SpecText.number(0.1));
        assertEquals("-0.8", SpecText.number(-1 + 2 * 1 / 10.0));
        assertEquals("0.333333333333", SpecText.number(1 / 3.0));
        assertEquals("123456789012", SpecText.number(123456789012.0));
        assertEquals("1.23456789012e+12", SpecText.number(1234567890123.0));
        assertEquals("1e-05", SpecText.number(0.00001));
        assertEquals("0.0001", SpecText.number(0.0001));
        assertEquals("nan", SpecText.number(Double.NaN));
        assertEquals("{'a': [1, 'x', None, True, 2.5, 3.0]}",
                SpecText.repr(Map.of("a", java.util.Arrays.asList(1, "x", null, true, 2.5, 3.0))));
    }
}
