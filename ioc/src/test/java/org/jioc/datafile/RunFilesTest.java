package org.jioc.datafile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.jhdf.HdfFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFilesTest {
    @TempDir Path tmp;

    private static int points(Path h5) {
        try (HdfFile h = new HdfFile(h5)) {
            return ((Number) h.getDatasetByPath("entry/points_done").getData()).intValue();
        }
    }

    @Test
    void filesExistFromTheStartAndGrowAtBreakpoints() throws Exception {
        List<LogRecord> logged = new ArrayList<>();
        // only while the writers run: the test's own jHDF reads warn about attribute padding in jHDF-written files
        boolean[] writing = {false};
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) {
                if (writing[0] && r.getLevel().intValue() >= Level.INFO.intValue()) logged.add(r);
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            FileNameTemplate names = new FileNameTemplate(tmp.resolve("data").toString(), "scan", "%s%s_%3.3d.h5", 41, true);
            SpecFileWriter spec = new SpecFileWriter(tmp.resolve("data/scans.dat"), java.time.ZoneOffset.UTC, "u", "h");
            ScanRun run = SampleRuns.abortedRun();
            ScanRun fresh = new ScanRun(run.start(), run.snapshot().positioners(), List.of(), run.snapshot().detectors(), ScanGrid.line(20));
            writing[0] = true;
            RunFiles files = RunFiles.start(fresh, names, spec);
            writing[0] = false;
            assertEquals(tmp.resolve("data/scan_041.h5"), files.nexusFile());
            assertEquals(42, names.fileNumber());
            assertEquals(0, points(files.nexusFile()), "the NeXus file exists before the first point");
            assertTrue(Files.readString(files.specFile()).endsWith("#L m1  Epoch  Epoch_float  det\n"));
            for (int i = 0; i < 3; i++) fresh.addPoint(SampleRuns.T0 + i, new double[0], new Object[] {2.0 * i});
            writing[0] = true;
            files.breakpoint(new ExtraPvSnapshot("break_001", SampleRuns.T0 + 3, 3, List.of(new ExtraPv("I", "ring", 100.0, "mA", ""))));
            writing[0] = false;
            assertEquals(3, points(files.nexusFile()));
            assertTrue(Files.readString(files.specFile()).endsWith("2 2 2 4\n#C Tue Nov 14 22:13:23 2023.  extra PV break_001: I = 100 mA  pv = ring\n"));
            writing[0] = true;
            files.finish(new RunStop(ExitStatus.FAIL, "detector timeout", 3, SampleRuns.T0 + 4));
            writing[0] = false;
            assertTrue(Files.readString(files.specFile()).endsWith("exit_status = fail\n"));
            try (HdfFile h = new HdfFile(files.nexusFile())) {
                assertEquals("fail", h.getDatasetByPath("entry/exit_status").getData());
                assertEquals("detector timeout", h.getDatasetByPath("entry/exit_reason").getData());
            }
        } finally {
            root.removeHandler(capture);
        }
        assertEquals(List.of(), logged.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList(),
                "writing logs nothing at INFO or above (jHDF's INFO lines and alpha warning stay out of the IOC log)");
    }
}
