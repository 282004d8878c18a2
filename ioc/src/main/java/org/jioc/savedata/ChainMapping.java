package org.jioc.savedata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.datafile.Column;
import org.jioc.datafile.Detector;
import org.jioc.datafile.Positioner;
import org.jioc.datafile.ScanGrid;
import org.jioc.datafile.ScanRun;
import org.jioc.db.Database;
import org.jioc.plan.DataFileWriter;
import org.jioc.plan.RunDataMapping;

/**
 * A finished {@link ChainRun} as the data-file model. Points are the innermost scan's, in the order taken; the grid
 * is (NPTS of the outermost, ..., NPTS of the innermost), snake from the inner records' SNAKE (exact for 2-D; a
 * chain of 3 or more with SNAKE is written as a line, see docs/sscan.md). Every positioner (named by PnPV) has its
 * planned target at every grid point on its level's dimension; its readback column (RnPV, "time", or
 * "&lt;PnPV&gt;_readback" when RnPV is empty) holds PnRA; every detector (named by DnnPV) holds DnnDA. An outer
 * level's readbacks and detectors are read once per outer point, so they repeat along the inner dimension. Points
 * not taken (an inner scan that ended early before the chain went on) are NaN.
 */
final class ChainMapping {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ChainRun run;
    private final Database db;
    final int rank;
    final int[] shape;
    final boolean[] snake;
    final boolean gridded;
    final int numPoints;
    /** Points recorded (the last one taken, counting the NaN points of rows that ended early). */
    final int recorded;
    final ScanPass rootPass;

    private final List<Positioner> positioners = new ArrayList<>();
    private final List<Column> readbacks = new ArrayList<>();
    private final List<Detector> detectors = new ArrayList<>();
    /** For each readback column: level and positioner n; for each detector: level and detector n. */
    private final List<int[]> readbackSource = new ArrayList<>();
    private final List<int[]> detectorSource = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private final List<Integer> positionerLevel = new ArrayList<>();

    ChainMapping(ChainRun run, Database db) {
        this.run = run;
        this.db = db;
        int r = 0;
        while (r < run.rank() && run.anyPass(r) != null) r++;
        rank = Math.max(1, r);
        rootPass = run.pass(0, 0);
        shape = new int[rank];
        snake = new boolean[rank];
        boolean anySnake = false;
        long n = 1;
        for (int l = 0; l < rank; l++) {
            ScanPass p = run.anyPass(l);
            shape[l] = Math.max(1, p.npts());
            snake[l] = l > 0 && p.snake();
            anySnake |= snake[l];
            n *= shape[l];
        }
        if (n > Integer.MAX_VALUE) throw new IllegalStateException("chain of " + n + " points is too large");
        numPoints = (int) n;
        gridded = rank > 1 && (rank == 2 || !anySnake);
        int inner = rank - 1;
        int last = 0;
        for (int key : run.keys(inner)) last = Math.max(last, key * shape[inner] + run.pass(inner, key).cpt());
        recorded = Math.min(last, numPoints);
        columns();
    }

    /** Grid indices of scan-order point k (slowest first; the innermost is the index in that pass's arrays). */
    private int[] index(int k) {
        int[] idx = new int[rank];
        for (int l = rank - 1; l >= 0; l--) {
            idx[l] = k % shape[l];
            k /= shape[l];
        }
        return idx;
    }

    /** The key of the pass of level l that point idx belongs to: the mixed-radix index of the outer levels. */
    private int key(int[] idx, int l) {
        int key = 0;
        for (int k = 0; k < l; k++) key = key * shape[k] + idx[k];
        return key;
    }

    private String unique(String name) {
        String n = name;
        for (int i = 2; !names.add(n); i++) n = name + "_" + i;
        return n;
    }

    private void columns() {
        for (int l = 0; l < rank; l++) {
            ScanPass cfg = run.anyPass(l);
            for (ScanPass.Pos p : cfg.positioners()) {
                String drive = p.pv();
                if (!drive.isEmpty()) {
                    Column c = DataFileWriter.column(db, unique(drive), drive);
                    positioners.add(new Positioner(c, desired(l, p.n()), p.prior(), gridded ? l : 0));
                    positionerLevel.add(l);
                }
                String rb = p.readback();
                Column rc;
                if (rb.equalsIgnoreCase("time")) {
                    rc = new Column(unique("time"), "", "s", -1, "seconds since the scan started");
                } else if (rb.isEmpty()) {
                    Column dc = DataFileWriter.column(db, drive, drive);
                    rc = new Column(unique(drive + "_readback"), drive, dc.units(), dc.precision(),
                            "readback of " + drive + " (its target: RnPV is empty)");
                } else {
                    rc = DataFileWriter.column(db, unique(rb), rb);
                }
                readbacks.add(rc);
                readbackSource.add(new int[] {l, p.n()});
            }
            for (ScanPass.Det d : cfg.detectors()) {
                detectors.add(Detector.scalar(DataFileWriter.column(db, unique(d.pv()), d.pv())));
                detectorSource.add(new int[] {l, d.n()});
            }
        }
    }

    /** The planned target of positioner n of level l at every grid point, in scan order. */
    private double[] desired(int l, int n) {
        double[] out = new double[numPoints];
        double[] base = planned(run.anyPass(l), n);
        for (int k = 0; k < numPoints; k++) {
            int[] idx = index(k);
            ScanPass pass = run.pass(l, key(idx, l));
            double[] pl = pass == null ? null : planned(pass, n);
            int i = idx[l];
            if (pl != null && i < pl.length) out[k] = pl[i];
            else if (base != null && i < base.length) {
                boolean reversed = snake[l] && l > 0 && idx[l - 1] % 2 == 1;
                out[k] = base[reversed ? shape[l] - 1 - i : i];
            } else out[k] = Double.NaN;
        }
        return out;
    }

    private static double[] planned(ScanPass pass, int n) {
        for (ScanPass.Pos p : pass.positioners()) if (p.n() == n) return p.planned();
        return null;
    }

    private double readback(int l, int n, int[] idx) {
        ScanPass pass = run.pass(l, key(idx, l));
        if (pass == null || idx[l] >= pass.cpt()) return Double.NaN;
        for (ScanPass.Pos p : pass.positioners()) if (p.n() == n) return p.readbacks()[idx[l]];
        return Double.NaN;
    }

    private double detector(int l, int n, int[] idx) {
        ScanPass pass = run.pass(l, key(idx, l));
        if (pass == null || idx[l] >= pass.cpt()) return Double.NaN;
        for (ScanPass.Det d : pass.detectors()) if (d.n() == n) return d.data()[idx[l]];
        return Double.NaN;
    }

    /** The time of point idx: interpolated over its innermost pass (sscan keeps no time per point). */
    private double time(int[] idx, double previous) {
        int inner = rank - 1;
        ScanPass pass = run.pass(inner, key(idx, inner));
        if (pass == null || idx[inner] >= pass.cpt() || pass.cpt() == 0) return previous;
        double start = Double.isNaN(pass.startTime()) ? pass.endTime() : pass.startTime();
        return start + (pass.endTime() - start) * (idx[inner] + 1) / pass.cpt();
    }

    /** The start document (no uid/scan_id yet: the catalog gives them). */
    ObjectNode startDocument() {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("plan_name", "sscan");
        doc.put("time", run.startTime);
        ObjectNode args = doc.putObject("plan_args");
        ArrayNode scans = args.putArray("scans");
        ArrayNode motors = doc.putArray("motors");
        ArrayNode dets = doc.putArray("detectors");
        for (int l = 0; l < rank; l++) {
            ScanPass cfg = run.anyPass(l);
            ObjectNode s = scans.addObject();
            s.put("record", cfg.record());
            s.put("npts", cfg.npts());
            ArrayNode ps = s.putArray("positioners");
            for (ScanPass.Pos p : cfg.positioners()) {
                ObjectNode o = ps.addObject();
                o.put("n", p.n());
                o.put("pv", p.pv());
                o.put("readback", p.readback());
                o.put("mode", p.mode());
                o.put("absrel", p.absRel());
                if (p.mode().equals("LINEAR")) {
                    o.put("start", p.start());
                    o.put("end", p.end());
                    o.put("step", p.step());
                }
                if (!p.pv().isEmpty()) motors.add(p.pv());
            }
            ArrayNode ds = s.putArray("detectors");
            for (ScanPass.Det d : cfg.detectors()) {
                ds.add(d.pv());
                dets.add(d.pv());
            }
            ArrayNode ts = s.putArray("triggers");
            for (ScanPass.Trig t : cfg.triggers()) ts.addObject().put("pv", t.pv()).put("value", t.value());
            s.put("pasm", cfg.pasm());
            if (l > 0) s.put("snake", cfg.snake());
        }
        doc.put("num_points", numPoints);
        ArrayNode dims = doc.putObject("hints").putArray("dimensions");
        if (gridded) {
            for (int l = 0; l < rank; l++) dims.add(dimension(l, l));
        } else {
            dims.add(dimension(0, rank - 1));
        }
        ArrayNode sh = doc.putArray("shape");
        ArrayNode sn = doc.putArray("snaking");
        for (int l = 0; l < rank; l++) {
            sh.add(shape[l]);
            sn.add(snake[l]);
        }
        doc.put("plan_pattern", rank > 1 ? "outer_product" : "inner_product");
        return doc;
    }

    /** hints.dimensions entry: the positioners of levels from..to, or "time" if they have none. */
    private ArrayNode dimension(int from, int to) {
        ArrayNode d = JSON.createArrayNode();
        ArrayNode fields = d.addArray();
        for (int k = 0; k < positioners.size(); k++) {
            int l = positionerLevel.get(k);
            if (l >= from && l <= to) fields.add(positioners.get(k).name());
        }
        if (fields.isEmpty()) fields.add("time");
        d.add("primary");
        return d;
    }

    /** The data-file model of the run with every point recorded; doc is the start document the catalog recorded. */
    ScanRun scanRun(ObjectNode doc) {
        ScanGrid grid = gridded ? new ScanGrid(shape, snake) : ScanGrid.line(numPoints);
        ScanRun s = new ScanRun(RunDataMapping.runStart(doc, numPoints), positioners, readbacks, detectors, grid);
        double t = run.startTime;
        for (int k = 0; k < recorded; k++) {
            int[] idx = index(k);
            double[] rb = new double[readbacks.size()];
            for (int c = 0; c < rb.length; c++) rb[c] = readback(readbackSource.get(c)[0], readbackSource.get(c)[1], idx);
            Object[] dv = new Object[detectors.size()];
            for (int c = 0; c < dv.length; c++) dv[c] = detector(detectorSource.get(c)[0], detectorSource.get(c)[1], idx);
            t = time(idx, t);
            s.addPoint(t, rb, dv);
        }
        return s;
    }
}
