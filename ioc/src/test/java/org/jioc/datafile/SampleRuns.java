package org.jioc.datafile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample runs the JUnit tests and tests/python/test_datafiles.py check. Values follow simple formulas that the
 * Python test recomputes on its own (it does not read them from Java):
 * <ul>
 * <li>line (scan_id 1): m1 = linspace(-1, 1, 11); m1_rbv = m1 + 0.001; I0 = 1000 + i; diode = 100 m1²;
 * spectrum[k] = 10 i + k (8 values); time = T0 + 0.5 i; extra PVs at start and after point 5; image file refs.
 * <li>grid (scan_id 2): m1 = linspace(0, 2, 3) outer, m2 = linspace(10, 13, 4) inner snaking; det = 100 m1 + m2;
 * time = T0 + i.
 * <li>aborted (scan_id 3): m1 = 0..19 planned, 7 points done, det = 2 i, exit status abort.
 * </ul>
 */
final class SampleRuns {
    static final double T0 = 1_700_000_000.0;

    private SampleRuns() {}

    static double[] linspace(double a, double b, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = n == 1 ? a : a + (b - a) * i / (n - 1);
        return v;
    }

    static RunStart start(String uid, int scanId, String plan, Map<String, Object> args, List<String> motors,
                          List<String> dets, int n, List<List<String>> dims, Map<String, Object> md) {
        return new RunStart(uid, scanId, T0, plan, args, motors, dets, n, dims, md);
    }

    static ScanRun lineRun(int points) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("detectors", List.of("I0", "diode", "spectrum"));
        args.put("num", 11);
        args.put("args", List.of("m1", -1.0, 1.0));
        args.put("per_step", null);
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("sample", "Si wafer");
        md.put("plan_pattern", "inner_product");
        RunStart start = start("uid-line-0001", 1, "scan", args, List.of("m1"), List.of("I0", "diode", "spectrum"), 11,
                List.of(List.of("m1")), md);
        double[] m1 = linspace(-1, 1, 11);
        ScanRun run = new ScanRun(start,
                List.of(new Positioner(new Column("m1", "jioc:m1", "mm", 4, "sample x"), m1, 0.25, 0)),
                List.of(new Column("m1_rbv", "jioc:m1.RBV", "mm", 4, "")),
                List.of(Detector.scalar(new Column("I0", "jioc:scaler1.S2", "counts", 0, "ion chamber")),
                        Detector.scalar(Column.of("diode", "jioc:diode")),
                        new Detector(Column.of("spectrum", "jioc:mca1"), 8)),
                ScanGrid.line(11));
        run.addExtraPvs(new ExtraPvSnapshot("start", T0, 0, List.of(
                new ExtraPv("ring_current", "S:SRcurrentAI", 102.5, "mA", "storage ring current"),
                new ExtraPv("energy", "jioc:energy", 12.4, "keV", ""),
                new ExtraPv("sample_name", "jioc:sample", "Si wafer", "", ""))));
        for (int i = 0; i < points; i++) {
            run.addPoint(T0 + 0.5 * i, new double[] {m1[i] + 0.001}, new Object[] {1000.0 + i, 100 * m1[i] * m1[i], spectrum(i)});
            if (i == 4) {
                run.addExtraPvs(new ExtraPvSnapshot("break_001", T0 + 0.5 * i, 5, List.of(
                        new ExtraPv("ring_current", "S:SRcurrentAI", 101.5, "mA", "storage ring current"))));
                run.addImageFiles(new ImageFileRef("/data/ad/line_001.h5", "/entry/data/data", 0, 4, 0, 4));
            }
            if (i == 10) run.addImageFiles(new ImageFileRef("/data/ad/line_002.h5", "/entry/data/data", 5, 10, 0, 5));
        }
        return run;
    }

    static double[] spectrum(int i) {
        double[] s = new double[8];
        for (int k = 0; k < 8; k++) s[k] = 10 * i + k;
        return s;
    }

    /** bluesky grid_scan order with the inner axis snaking. */
    static ScanRun gridRun() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("detectors", List.of("det"));
        args.put("args", List.of("m1", 0.0, 2.0, 3, "m2", 10.0, 13.0, 4));
        args.put("snake_axes", true);
        Map<String, Object> md = new LinkedHashMap<>();
        md.put("shape", List.of(3, 4));
        md.put("extents", List.of(List.of(0.0, 2.0), List.of(10.0, 13.0)));
        md.put("snaking", List.of(false, true));
        md.put("plan_pattern", "outer_product");
        md.put("hints", Map.of("gridding", "rectilinear"));
        RunStart start = start("uid-grid-0002", 2, "grid_scan", args, List.of("m1", "m2"), List.of("det"), 12,
                List.of(List.of("m1"), List.of("m2")), md);
        ScanGrid grid = new ScanGrid(new int[] {3, 4}, new boolean[] {false, true});
        double[] a = linspace(0, 2, 3), b = linspace(10, 13, 4);
        double[] m1 = new double[12], m2 = new double[12];
        for (int p = 0; p < 12; p++) {
            int[] idx = grid.index(p);
            m1[p] = a[idx[0]];
            m2[p] = b[idx[1]];
        }
        ScanRun run = new ScanRun(start,
                List.of(new Positioner(Column.of("m1", "jioc:m1"), m1, 0, 0), new Positioner(Column.of("m2", "jioc:m2"), m2, 10, 1)),
                List.of(), List.of(Detector.scalar(Column.of("det", "jioc:det"))), grid);
        for (int p = 0; p < 12; p++) run.addPoint(T0 + p, new double[0], new Object[] {100 * m1[p] + m2[p]});
        run.stop(new RunStop(ExitStatus.SUCCESS, "", 12, T0 + 12));
        return run;
    }

    static ScanRun abortedRun() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("detectors", List.of("det"));
        args.put("num", 20);
        args.put("args", List.of("m1", 0.0, 19.0));
        RunStart start = start("uid-abort-0003", 3, "scan", args, List.of("m1"), List.of("det"), 20,
                List.of(List.of("m1")), Map.of());
        ScanRun run = new ScanRun(start, List.of(new Positioner(Column.of("m1", "jioc:m1"), linspace(0, 19, 20), 0, 0)),
                List.of(), List.of(Detector.scalar(Column.of("det", "jioc:det"))), ScanGrid.line(20));
        for (int i = 0; i < 7; i++) run.addPoint(T0 + i, new double[0], new Object[] {2.0 * i});
        run.stop(new RunStop(ExitStatus.ABORT, "abort requested by user", 7, T0 + 7.5));
        return run;
    }

    static List<ScanRun> all() {
        List<ScanRun> runs = new ArrayList<>();
        ScanRun line = lineRun(11);
        line.stop(new RunStop(ExitStatus.SUCCESS, "", 11, T0 + 6));
        runs.add(line);
        runs.add(gridRun());
        runs.add(abortedRun());
        return runs;
    }
}
