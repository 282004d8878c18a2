package org.jioc.areadetector.plugins;

import java.util.logging.Logger;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDPluginDriver;
import org.jioc.areadetector.asyn.Param;
import org.jioc.areadetector.asyn.ParamType;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;

/**
 * NDPluginStats (Stats1..n): per frame, and only what is switched on, the statistics ({@link BasicStats}:
 * ComputeStatistics), the centroid ({@link Centroid}: ComputeCentroid, 1-D and 2-D frames), the histogram
 * ({@link Histogram}: ComputeHistogram) and the profiles ({@link Profiles}: ComputeProfiles, 1-D and 2-D frames).
 * The results are posted before the frame counts as done, so a camera waiting for its plugins (WaitForPlugins,
 * sscan's detector readout) reads frame N's values once it is idle.
 * The frame itself goes on unchanged to plugins wired to this port.
 */
public final class NDPluginStats extends NDPluginDriver {
    private static final Logger LOG = Logger.getLogger(NDPluginStats.class.getName());

    private final Param computeStatistics = createParam("COMPUTE_STATISTICS", ParamType.INT32);
    private final Param bgdWidth = createParam("BGD_WIDTH", ParamType.INT32);
    private final Param minValue = createParam("MIN_VALUE", ParamType.FLOAT64);
    private final Param maxValue = createParam("MAX_VALUE", ParamType.FLOAT64);
    private final Param meanValue = createParam("MEAN_VALUE", ParamType.FLOAT64);
    private final Param sigmaValue = createParam("SIGMA_VALUE", ParamType.FLOAT64);
    private final Param total = createParam("TOTAL", ParamType.FLOAT64);
    private final Param net = createParam("NET", ParamType.FLOAT64);
    private final Param minX = createParam("MIN_X", ParamType.FLOAT64);
    private final Param minY = createParam("MIN_Y", ParamType.FLOAT64);
    private final Param maxX = createParam("MAX_X", ParamType.FLOAT64);
    private final Param maxY = createParam("MAX_Y", ParamType.FLOAT64);

    private final Param computeCentroid = createParam("COMPUTE_CENTROID", ParamType.INT32);
    private final Param centroidThreshold = createParam("CENTROID_THRESHOLD", ParamType.FLOAT64);
    private final Param centroidTotal = createParam("CENTROID_TOTAL", ParamType.FLOAT64);
    private final Param centroidX = createParam("CENTROIDX_VALUE", ParamType.FLOAT64);
    private final Param centroidY = createParam("CENTROIDY_VALUE", ParamType.FLOAT64);
    private final Param sigmaX = createParam("SIGMAX_VALUE", ParamType.FLOAT64);
    private final Param sigmaY = createParam("SIGMAY_VALUE", ParamType.FLOAT64);
    private final Param sigmaXY = createParam("SIGMAXY_VALUE", ParamType.FLOAT64);
    private final Param skewX = createParam("SKEWX_VALUE", ParamType.FLOAT64);
    private final Param skewY = createParam("SKEWY_VALUE", ParamType.FLOAT64);
    private final Param kurtosisX = createParam("KURTOSISX_VALUE", ParamType.FLOAT64);
    private final Param kurtosisY = createParam("KURTOSISY_VALUE", ParamType.FLOAT64);
    private final Param eccentricity = createParam("ECCENTRICITY_VALUE", ParamType.FLOAT64);
    private final Param orientation = createParam("ORIENTATION_VALUE", ParamType.FLOAT64);

    private final Param computeHistogram = createParam("COMPUTE_HISTOGRAM", ParamType.INT32);
    private final Param histSize = createParam("HIST_SIZE", ParamType.INT32);
    private final Param histMin = createParam("HIST_MIN", ParamType.FLOAT64);
    private final Param histMax = createParam("HIST_MAX", ParamType.FLOAT64);
    private final Param histBelow = createParam("HIST_BELOW", ParamType.INT32);
    private final Param histAbove = createParam("HIST_ABOVE", ParamType.INT32);
    private final Param histEntropy = createParam("HIST_ENTROPY", ParamType.FLOAT64);
    private final Param histArray = createParam("HIST_ARRAY", ParamType.ARRAY);

    private final Param computeProfiles = createParam("COMPUTE_PROFILES", ParamType.INT32);
    private final Param cursorX = createParam("CURSOR_X", ParamType.INT32);
    private final Param cursorY = createParam("CURSOR_Y", ParamType.INT32);
    private final Param profileSizeX = createParam("PROFILE_SIZE_X", ParamType.INT32);
    private final Param profileSizeY = createParam("PROFILE_SIZE_Y", ParamType.INT32);
    /** averageX, averageY, thresholdX, thresholdY, centroidX, centroidY, cursorX, cursorY. */
    private final Param[] profiles = {createParam("PROFILE_AVERAGE_X", ParamType.ARRAY),
        createParam("PROFILE_AVERAGE_Y", ParamType.ARRAY), createParam("PROFILE_THRESHOLD_X", ParamType.ARRAY),
        createParam("PROFILE_THRESHOLD_Y", ParamType.ARRAY), createParam("PROFILE_CENTROID_X", ParamType.ARRAY),
        createParam("PROFILE_CENTROID_Y", ParamType.ARRAY), createParam("PROFILE_CURSOR_X", ParamType.ARRAY),
        createParam("PROFILE_CURSOR_Y", ParamType.ARRAY)};
    /** The last frame profiled, for cursor moves between frames (as ADCore keeps it). */
    private NDArray profiled;

    private final Histogram.Tables histTables = new Histogram.Tables();
    /** The last histogram setting that failed, so a bad HistMin/HistMax is logged once, not once per frame. */
    private String lastHistogramError;

    public NDPluginStats(String portName, PortRegistry ports, int queueSize, boolean blocking, String source,
                         int addr) {
        super(portName, "NDPluginStats", ports, queueSize, blocking, source, addr);
        setInteger(computeStatistics, 1);
        setInteger(bgdWidth, 1);
        setInteger(computeCentroid, 0);
        setDouble(centroidThreshold, 1);
        setInteger(computeHistogram, 0);
        setInteger(histSize, 256);
        setDouble(histMin, 0);
        setDouble(histMax, 255);
        setInteger(histBelow, 0);
        setInteger(histAbove, 0);
        setDouble(histEntropy, 0);
        setInteger(computeProfiles, 0);
        setInteger(cursorX, 256);
        setInteger(cursorY, 256);
        setInteger(profileSizeX, 0);
        setInteger(profileSizeY, 0);
        for (Param p : new Param[] {minValue, maxValue, meanValue, sigmaValue, total, net, minX, minY, maxX, maxY,
            centroidTotal, centroidX, centroidY, sigmaX, sigmaY, sigmaXY, skewX, skewY, kurtosisX, kurtosisY,
            eccentricity, orientation}) {
            setDouble(p, 0);
        }
    }

    @Override
    public synchronized void writeInt32(Param p, int value)
            throws PortException {
        if (p == histSize && value < 1) {
            throw new PortException("HistSize must be >= 1, not " + value);
        }
        if (p == computeStatistics || p == computeCentroid || p == computeHistogram || p == computeProfiles) {
            value = value != 0 ? 1 : 0;
        }
        super.writeInt32(p, value);
        if ((p == cursorX || p == cursorY) && profiled != null && getInteger(computeProfiles) != 0) {
            double[][] l = Profiles.lines(profiled, getInteger(cursorX), getInteger(cursorY));
            doCallbacksArray(profiles[6], l[0]);
            doCallbacksArray(profiles[7], l[1]);
        }
    }

    /** The switches and settings of one frame, read together under the port's lock. */
    private record Settings(boolean stats, int bgd, boolean centroid, double threshold, boolean histogram,
                            int histSize, double histMin, double histMax, boolean profiles, int cursorX,
                            int cursorY) { }

    private synchronized Settings settings() {
        return new Settings(getInteger(computeStatistics) != 0, getInteger(bgdWidth),
                getInteger(computeCentroid) != 0, getDouble(centroidThreshold), getInteger(computeHistogram) != 0,
                getInteger(histSize), getDouble(histMin), getDouble(histMax), getInteger(computeProfiles) != 0,
                getInteger(cursorX), getInteger(cursorY));
    }

    @Override
    protected void processArray(NDArray a) {
        Settings s = settings();
        BasicStats st = s.stats() ? BasicStats.of(a, s.bgd()) : null;
        Centroid c = s.centroid() && a.ndims() <= 2 ? Centroid.of(a, s.threshold()) : null;
        Histogram h = s.histogram() ? histogram(a, s) : null;
        double[][] prof = s.profiles() && a.ndims() <= 2 ? profiles(a, s, c) : null;
        synchronized (this) {
            if (prof != null) {
                profiled = a;
                setInteger(profileSizeX, a.dim(0));
                setInteger(profileSizeY, a.ndims() > 1 ? a.dim(1) : 1);
                for (int k = 0; k < profiles.length; k++) doCallbacksArray(profiles[k], prof[k]);
            }
            if (st != null) post(st);
            if (c != null) post(c);
            if (h != null) {
                setInteger(histBelow, (int) Math.min(Integer.MAX_VALUE, h.below()));
                setInteger(histAbove, (int) Math.min(Integer.MAX_VALUE, h.above()));
                setDouble(histEntropy, h.entropy());
                doCallbacksArray(histArray, h.counts());
            }
            callParamCallbacks();
        }
        if (arrayCallbacksOn()) publish(a);
    }

    /** The eight profiles (see {@link #profiles}); the centroid lines use c, or the centroid computed here. */
    private static double[][] profiles(NDArray a, Settings s, Centroid c) {
        double[][] avg = Profiles.averages(a, s.threshold());
        Centroid cc = c != null ? c : Centroid.of(a, s.threshold());
        double[][] cen = Profiles.lines(a, Profiles.nearest(cc.x()), Profiles.nearest(cc.y()));
        double[][] cur = Profiles.lines(a, s.cursorX(), s.cursorY());
        return new double[][] {avg[0], avg[1], avg[2], avg[3], cen[0], cen[1], cur[0], cur[1]};
    }

    private Histogram histogram(NDArray a, Settings s) {
        try {
            Histogram h = Histogram.of(a, s.histSize(), s.histMin(), s.histMax(), histTables);
            lastHistogramError = null;
            return h;
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().equals(lastHistogramError)) LOG.warning(portName() + ": no histogram: " + e.getMessage());
            lastHistogramError = e.getMessage();
            return null;
        }
    }

    private void post(BasicStats st) {
        setDouble(minValue, st.min());
        setDouble(maxValue, st.max());
        setDouble(meanValue, st.mean());
        setDouble(sigmaValue, st.sigma());
        setDouble(total, st.total());
        setDouble(net, st.net());
        setDouble(minX, st.minX());
        setDouble(minY, st.minY());
        setDouble(maxX, st.maxX());
        setDouble(maxY, st.maxY());
    }

    private void post(Centroid c) {
        setDouble(centroidTotal, c.total());
        setDouble(centroidX, c.x());
        setDouble(centroidY, c.y());
        setDouble(sigmaX, c.sigmaX());
        setDouble(sigmaY, c.sigmaY());
        setDouble(sigmaXY, c.sigmaXY());
        setDouble(skewX, c.skewX());
        setDouble(skewY, c.skewY());
        setDouble(kurtosisX, c.kurtosisX());
        setDouble(kurtosisY, c.kurtosisY());
        setDouble(eccentricity, c.eccentricity());
        setDouble(orientation, c.orientation());
    }
}
