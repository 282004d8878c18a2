package org.jioc.datafile;

import java.util.List;

/**
 * What a run has collected at one moment, in columns, for the writers. {@code pointCount()} points are present;
 * {@code stop} is null while the run goes on (a breakpoint write).
 */
public final class RunSnapshot {
    private final RunStart start;
    private final List<Positioner> positioners;
    private final List<Column> readbacks;
    private final List<Detector> detectors;
    private final ScanGrid grid;
    private final double[] times;
    private final double[][] readbackValues;
    private final Object[] detectorValues;
    private final List<ExtraPvSnapshot> extraPvs;
    private final List<ImageFileRef> images;
    private final RunStop stop;

    RunSnapshot(RunStart start, List<Positioner> positioners, List<Column> readbacks, List<Detector> detectors,
                ScanGrid grid, double[] times, double[][] readbackValues, Object[] detectorValues,
                List<ExtraPvSnapshot> extraPvs, List<ImageFileRef> images, RunStop stop) {
        this.start = start;
        this.positioners = positioners;
        this.readbacks = readbacks;
        this.detectors = detectors;
        this.grid = grid;
        this.times = times;
        this.readbackValues = readbackValues;
        this.detectorValues = detectorValues;
        this.extraPvs = extraPvs;
        this.images = images;
        this.stop = stop;
    }

    public RunStart start() { return start; }
    public List<Positioner> positioners() { return positioners; }
    public List<Column> readbacks() { return readbacks; }
    public List<Detector> detectors() { return detectors; }
    public ScanGrid grid() { return grid; }
    public List<ExtraPvSnapshot> extraPvs() { return extraPvs; }
    public List<ImageFileRef> images() { return images; }
    /** Null while the run is in progress. */
    public RunStop stop() { return stop; }
    public int pointCount() { return times.length; }

    /** POSIX time of every point. */
    public double[] times() { return times.clone(); }

    /** The desired position of positioner {@code p} at every collected point. */
    public double[] desired(int p) { return java.util.Arrays.copyOf(positioners.get(p).desired(), times.length); }

    public double[] readback(int r) { return readbackValues[r].clone(); }

    /** Scalar detector {@code d}'s value at every collected point. */
    public double[] scalar(int d) {
        if (!(detectorValues[d] instanceof double[] v)) throw new DataFileException(detectors.get(d).name() + " is an array detector");
        return v.clone();
    }

    /** Array detector {@code d}'s values: one row per collected point. */
    public double[][] array(int d) {
        if (!(detectorValues[d] instanceof double[][] v)) throw new DataFileException(detectors.get(d).name() + " is a scalar detector");
        return v.clone();
    }
}
