package org.jioc.datafile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScanRunTest {
    private static RunStart start(int n) {
        return new RunStart("u1", 5, 100.0, "scan", Map.of(), List.of("m"), List.of("d"), n, List.of(List.of("m")), Map.of());
    }

    private static ScanRun run(int n) {
        return new ScanRun(start(n), List.of(new Positioner(Column.of("m", "p:m"), SampleRuns.linspace(0, 1, n), 0, 0)),
                List.of(Column.of("m_rbv", "p:m.RBV")), List.of(Detector.scalar(Column.of("d", "p:d")),
                new Detector(Column.of("a", "p:a"), 3)), ScanGrid.line(n));
    }

    @Test
    void snapshotsAreColumnsOfWhatWasCollected() {
        ScanRun r = run(4);
        r.addPoint(101, new double[] {0.01}, new Object[] {5, new double[] {1, 2, 3}});
        RunSnapshot s = r.snapshot();
        r.addPoint(102, new double[] {0.34}, new Object[] {6.5, new double[] {4, 5, 6}});
        assertEquals(1, s.pointCount(), "a snapshot does not see later points");
        RunSnapshot t = r.snapshot();
        assertArrayEquals(new double[] {0, 1 / 3.0}, t.desired(0));
        assertArrayEquals(new double[] {0.01, 0.34}, t.readback(0));
        assertArrayEquals(new double[] {5, 6.5}, t.scalar(0));
        assertArrayEquals(new double[] {4, 5, 6}, t.array(1)[1]);
        assertNull(t.stop());
    }

    @Test
    void inconsistentInputIsRefused() {
        ScanRun r = run(2);
        assertEquals("detector a needs 3 values per point",
                assertThrows(DataFileException.class, () -> r.addPoint(1, new double[] {0}, new Object[] {1, new double[2]})).getMessage());
        assertEquals("1 readback values for 1 readbacks".replace("1 readback values", "0 readback values"),
                assertThrows(DataFileException.class, () -> r.addPoint(1, new double[0], new Object[] {1, new double[3]})).getMessage());
        r.addPoint(1, new double[] {0}, new Object[] {1, new double[3]});
        assertEquals("run stop says 2 points, 1 were recorded",
                assertThrows(DataFileException.class, () -> r.stop(new RunStop(ExitStatus.SUCCESS, "", 2, 3))).getMessage());
        r.addPoint(2, new double[] {0}, new Object[] {1, new double[3]});
        assertEquals("scan of 2 points is complete",
                assertThrows(DataFileException.class, () -> r.addPoint(3, new double[] {0}, new Object[] {1, new double[3]})).getMessage());
        r.stop(new RunStop(ExitStatus.SUCCESS, "", 2, 3));
        assertThrows(DataFileException.class, () -> r.stop(new RunStop(ExitStatus.SUCCESS, "", 2, 3)));

        assertEquals("column name d is used twice", assertThrows(DataFileException.class, () -> new ScanRun(start(2),
                List.of(), List.of(Column.of("d", "")), List.of(Detector.scalar(Column.of("d", ""))), ScanGrid.line(2))).getMessage());
        assertEquals("column name Epoch is reserved", assertThrows(DataFileException.class, () -> new ScanRun(start(2),
                List.of(), List.of(), List.of(Detector.scalar(Column.of("Epoch", ""))), ScanGrid.line(2))).getMessage());
        assertEquals("grid [2, 2] has 4 points but num_points is 2", assertThrows(DataFileException.class, () -> new ScanRun(start(2),
                List.of(), List.of(), List.of(), new ScanGrid(new int[] {2, 2}, new boolean[2]))).getMessage());
        assertEquals("positioner m has 1 positions for 2 points", assertThrows(DataFileException.class, () -> new ScanRun(start(2),
                List.of(new Positioner(Column.of("m", ""), new double[1], 0, 0)), List.of(), List.of(), ScanGrid.line(2))).getMessage());
        assertThrows(DataFileException.class, () -> Column.of("a  b", ""));
        assertThrows(DataFileException.class, () -> new RunStart("u", 1, 0, "bad name", null, null, null, 0, null, null));
    }

    @Test
    void startDocumentHasBlueskysKeys() {
        RunStart s = new RunStart("u9", 7, 12.5, "grid_scan", Map.of("snake_axes", true), List.of("a", "b"), List.of("d"),
                6, List.of(List.of("a"), List.of("b")), Map.of("sample", "x", "scan_id", 99, "hints", Map.of("gridding", "rectilinear")));
        Map<String, Object> doc = s.document();
        assertEquals(7, doc.get("scan_id"), "computed keys override free-form metadata");
        assertEquals("x", doc.get("sample"));
        assertEquals(Map.of("gridding", "rectilinear", "dimensions", List.of(List.of(List.of("a"), "primary"), List.of(List.of("b"), "primary"))),
                doc.get("hints"));
        assertEquals("{\"detectors\":[\"d\"],\"hints\":{\"dimensions\":[[[\"a\"],\"primary\"],[[\"b\"],\"primary\"]],\"gridding\":\"rectilinear\"},"
                + "\"motors\":[\"a\",\"b\"],\"num_points\":6,\"plan_args\":{\"snake_axes\":true},\"plan_name\":\"grid_scan\","
                + "\"plan_type\":\"generator\",\"sample\":\"x\",\"scan_id\":7,\"time\":12.5,\"uid\":\"u9\"}", s.json());
    }
}
