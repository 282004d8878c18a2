package org.jioc.datafile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one run records, filled in as the scan goes: the start, the columns, one row per point, extra PV
 * snapshots, area-detector file references and finally the stop. Thread-safe: the scan engine adds points while a
 * writer takes a {@link #snapshot()} of what was collected so far.
 */
public final class ScanRun {
    /** Names the writers use themselves: SPEC labels, NXdata and NXinstrument members. */
    static final Set<String> RESERVED = Set.of("Epoch", "Epoch_float", "elapsed_time", "readbacks", "extra_pvs",
            "image_files");

    private final RunStart start;
    private final List<Positioner> positioners;
    private final List<Column> readbacks;
    private final List<Detector> detectors;
    private final ScanGrid grid;

    private final List<Row> rows = new ArrayList<>();
    private final List<ExtraPvSnapshot> extraPvs = new ArrayList<>();
    private final List<ImageFileRef> images = new ArrayList<>();
    private RunStop stop;

    private record Row(double time, double[] readbacks, Object[] detectors) {}

    public ScanRun(RunStart start, List<Positioner> positioners, List<Column> readbacks, List<Detector> detectors,
                   ScanGrid grid) {
        this.start = Objects.requireNonNull(start, "start");
        this.positioners = List.copyOf(positioners);
        this.readbacks = List.copyOf(readbacks);
        this.detectors = List.copyOf(detectors);
        this.grid = Objects.requireNonNull(grid, "grid");
        int planned = start.numPoints();
        if (grid.rank() > 1 && grid.size() != planned)
            throw new DataFileException("grid " + Arrays.toString(grid.shape()) + " has " + grid.size()
                    + " points but num_points is " + planned);
        if (grid.rank() == 1 && grid.shape()[0] != planned)
            throw new DataFileException("1-D grid of " + grid.shape()[0] + " points but num_points is " + planned);
        Set<String> names = new HashSet<>();
        List<Column> all = new ArrayList<>();
        for (Positioner p : this.positioners) {
            all.add(p.column());
            if (p.desired().length < planned)
                throw new DataFileException("positioner " + p.name() + " has " + p.desired().length
                        + " positions for " + planned + " points");
            if (p.dimension() >= grid.rank())
                throw new DataFileException("positioner " + p.name() + " is on dimension " + p.dimension()
                        + " of a " + grid.rank() + "-D scan");
        }
        all.addAll(this.readbacks);
        for (Detector d : this.detectors) all.add(d.column());
        for (Column c : all) {
            if (RESERVED.contains(c.name())) throw new DataFileException("column name " + c.name() + " is reserved");
            if (!names.add(c.name())) throw new DataFileException("column name " + c.name() + " is used twice");
        }
    }

    public RunStart start() { return start; }

    /**
     * Records one point: its time (POSIX s), the readback values (in readback column order) and the detector values
     * (a Number for a scalar detector, a double[] of the detector's length for an array detector). Returns the
     * point's index.
     */
    public synchronized int addPoint(double time, double[] readbackValues, Object[] detectorValues) {
        if (stop != null) throw new DataFileException("run " + start.uid() + " has stopped; no more points");
        int planned = start.numPoints();
        if (planned > 0 && rows.size() >= planned)
            throw new DataFileException("scan of " + planned + " points is complete");
        if (readbackValues.length != readbacks.size())
            throw new DataFileException(readbackValues.length + " readback values for " + readbacks.size() + " readbacks");
        if (detectorValues.length != detectors.size())
            throw new DataFileException(detectorValues.length + " detector values for " + detectors.size() + " detectors");
        Object[] det = new Object[detectorValues.length];
        for (int i = 0; i < det.length; i++) {
            Detector d = detectors.get(i);
            Object v = detectorValues[i];
            if (d.isArray()) {
                if (!(v instanceof double[] a) || a.length != d.length())
                    throw new DataFileException("detector " + d.name() + " needs " + d.length() + " values per point");
                det[i] = a.clone();
            } else {
                if (!(v instanceof Number n)) throw new DataFileException("detector " + d.name() + " needs a number");
                det[i] = n.doubleValue();
            }
        }
        rows.add(new Row(time, readbackValues.clone(), det));
        return rows.size() - 1;
    }

    public synchronized void addExtraPvs(ExtraPvSnapshot snapshot) {
        for (ExtraPvSnapshot s : extraPvs)
            if (s.label().equals(snapshot.label()))
                throw new DataFileException("extra PV snapshot " + snapshot.label() + " recorded twice");
        extraPvs.add(snapshot);
    }

    public synchronized void addImageFiles(ImageFileRef ref) { images.add(ref); }

    public synchronized void stop(RunStop runStop) {
        if (stop != null) throw new DataFileException("run " + start.uid() + " has already stopped");
        if (runStop.numPoints() != rows.size())
            throw new DataFileException("run stop says " + runStop.numPoints() + " points, " + rows.size() + " were recorded");
        stop = runStop;
    }

    public synchronized int pointCount() { return rows.size(); }

    /** An immutable copy of what has been collected so far. */
    public synchronized RunSnapshot snapshot() {
        int n = rows.size();
        double[] times = new double[n];
        double[][] rb = new double[readbacks.size()][n];
        Object[] det = new Object[detectors.size()];
        for (int j = 0; j < det.length; j++) det[j] = detectors.get(j).isArray() ? new double[n][] : new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            times[i] = r.time;
            for (int j = 0; j < rb.length; j++) rb[j][i] = r.readbacks[j];
            for (int j = 0; j < det.length; j++) {
                if (det[j] instanceof double[][] a) a[i] = (double[]) r.detectors[j];
                else ((double[]) det[j])[i] = (Double) r.detectors[j];
            }
        }
        return new RunSnapshot(start, positioners, readbacks, detectors, grid, times, rb, det,
                List.copyOf(extraPvs), List.copyOf(images), stop);
    }
}
