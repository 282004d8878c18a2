package org.jioc.areadetector.plugins;

import java.util.ArrayList;
import java.util.List;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDAttribute;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.jioc.areadetector.NDPluginDriver;
import org.jioc.areadetector.asyn.Param;
import org.jioc.areadetector.asyn.ParamType;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;

/**
 * NDPluginROI (ROI1..n): cuts a region out of each frame, bins, reverses, scales and converts it (see
 * {@link RoiExtractor}), and publishes the result as a new frame with the input's unique id, timestamps and
 * attributes to the plugins wired to this port (Stats2 on ROI1...). Regions are given per user dimension X, Y, Z
 * (for RGB1 frames X and Y are the image axes and Z the colour); a request that does not fit the frame is
 * clipped, and MinX/SizeX/BinX then show what was used while the request is kept for the next frame.
 */
public final class NDPluginROI extends NDPluginDriver {
    /** DataTypeOut's "Automatic": keep the input's type. */
    public static final int AUTOMATIC = -1;

    private final Param name = createParam("NAME", ParamType.OCTET);
    private final Param[] min = dimParams("MIN");
    private final Param[] size = dimParams("SIZE");
    private final Param[] maxSize = dimParams("MAX_SIZE");
    private final Param[] bin = dimParams("BIN");
    private final Param[] reverse = dimParams("REVERSE");
    private final Param[] enable = dimParams("ENABLE");
    private final Param[] autoSize = dimParams("AUTO_SIZE");
    private final Param dataTypeOut = createParam("ROI_DATA_TYPE", ParamType.INT32);
    private final Param enableScale = createParam("ENABLE_SCALE", ParamType.INT32);
    private final Param scale = createParam("SCALE_VALUE", ParamType.FLOAT64);
    private final Param collapseDims = createParam("COLLAPSE_DIMS", ParamType.INT32);

    /** The region asked for (MinX.., SizeX..), kept apart from the parameters, which show the clipped region. */
    private final int[] requestedMin = {0, 0, 0};
    private final int[] requestedSize = {1000000, 1000000, 1000000};
    private volatile NDArray lastOut;

    public NDPluginROI(String portName, PortRegistry ports, int queueSize, boolean blocking, String source, int addr) {
        super(portName, "NDPluginROI", ports, queueSize, blocking, source, addr);
        setString(name, "");
        for (int d = 0; d < 3; d++) {
            setInteger(min[d], requestedMin[d]);
            setInteger(size[d], requestedSize[d]);
            setInteger(maxSize[d], 0);
            setInteger(bin[d], 1);
            setInteger(reverse[d], 0);
            setInteger(enable[d], 1);
            setInteger(autoSize[d], 0);
        }
        // ROI_DATA_TYPE stays undefined so the template's DataTypeOut (Automatic) is written at init; undefined
        // reads as Automatic.
        setInteger(enableScale, 0);
        setDouble(scale, 1);
        setInteger(collapseDims, 0);
    }

    private Param[] dimParams(String what) {
        Param[] p = new Param[3];
        for (int d = 0; d < 3; d++) p[d] = createParam("DIM" + d + "_" + what, ParamType.INT32);
        return p;
    }

    @Override
    public synchronized void writeInt32(Param p, int value) throws PortException {
        for (int d = 0; d < 3; d++) {
            if (p == min[d]) requestedMin[d] = value;
            if (p == size[d]) requestedSize[d] = value;
        }
        if (p == dataTypeOut && (value < AUTOMATIC || value > NDDataType.Float64.ordinal())) {
            throw new PortException("DataTypeOut must be 0..9 or Automatic (-1), not " + value);
        }
        super.writeInt32(p, value);
    }

    /** The settings of one frame, read together under the port's lock. */
    private record Settings(int[] min, int[] size, int[] bin, boolean[] reverse, boolean[] enable, boolean[] auto,
                            int type, double divisor, boolean collapse) { }

    private synchronized Settings settings() {
        int[] b = new int[3];
        boolean[] r = new boolean[3], e = new boolean[3], a = new boolean[3];
        for (int d = 0; d < 3; d++) {
            b[d] = getInteger(bin[d]);
            r[d] = getInteger(reverse[d]) != 0;
            e[d] = getInteger(enable[d]) != 0;
            a[d] = getInteger(autoSize[d]) != 0;
        }
        Object t = value(dataTypeOut);
        double s = getDouble(scale);
        boolean scaling = getInteger(enableScale) != 0 && s != 0 && s != 1;
        return new Settings(requestedMin.clone(), requestedSize.clone(), b, r, e, a,
                t == null ? AUTOMATIC : (Integer) t, scaling ? s : 1, getInteger(collapseDims) != 0);
    }

    /** Which array dimension holds user dimension X, Y, Z (RGB1 and RGB2 keep the colour out of X and Y). */
    static int[] userToArray(NDArray a) {
        if (a.ndims() == 3 && a.colorMode() == NDColorMode.RGB1) return new int[] {1, 2, 0};
        if (a.ndims() == 3 && a.colorMode() == NDColorMode.RGB2) return new int[] {0, 2, 1};
        return new int[] {0, 1, 2};
    }

    @Override
    protected void processArray(NDArray in) {
        lastOut = null;
        Settings s = settings();
        int nd = in.ndims();
        if (nd > 3) throw new IllegalArgumentException("ROI handles frames of 1 to 3 dimensions, not " + nd);
        int[] map = userToArray(in);
        RoiDim[] dims = new RoiDim[nd];
        for (int u = 0; u < nd; u++) {
            dims[map[u]] = RoiDim.clip(s.min()[u], s.size()[u], s.bin()[u], s.reverse()[u], s.enable()[u],
                    s.auto()[u], in.dim(map[u]));
        }
        synchronized (this) {
            for (int u = 0; u < 3; u++) {
                setInteger(maxSize[u], u < nd ? in.dim(map[u]) : 0);
                if (u < nd && s.enable()[u]) {
                    RoiDim d = dims[map[u]];
                    setInteger(min[u], d.offset());
                    setInteger(size[u], d.size());
                    setInteger(bin[u], d.bin());
                }
            }
        }
        NDDataType type = s.type() == AUTOMATIC ? in.dataType() : NDDataType.of(s.type());
        Object pixels = RoiExtractor.extract(in, dims, type, s.divisor());
        NDArray out = outputFrame(in, dims, type, pixels, s.collapse());
        lastOut = out;
        synchronized (this) {
            callParamCallbacks();
        }
        if (arrayCallbacksOn()) publish(out);
    }

    /**
     * The output frame: the region's dimensions, minus a colour dimension reduced to one colour (the frame is
     * then Mono, as in areaDetector), minus every dimension of size 1 when CollapseDims is on.
     */
    static NDArray outputFrame(NDArray in, RoiDim[] dims, NDDataType type, Object pixels, boolean collapse) {
        List<Integer> od = new ArrayList<>();
        for (RoiDim d : dims) od.add(d.outSize());
        NDColorMode mode = in.colorMode();
        if (od.size() == 3) {
            int drop = mode == NDColorMode.RGB1 && od.get(0) == 1 ? 0
                    : mode == NDColorMode.RGB2 && od.get(1) == 1 ? 1 : od.get(2) == 1 ? 2 : -1;
            if (drop >= 0) {
                od.remove(drop);
                mode = NDColorMode.Mono;
            }
        }
        if (collapse) {
            od.removeIf(n -> n == 1);
            if (od.isEmpty()) od.add(1);
        }
        List<NDAttribute> attrs = new ArrayList<>(in.attributes().values());
        if (mode != in.colorMode()) {
            attrs.removeIf(a -> a.name().equals("ColorMode"));
            attrs.add(NDAttribute.ofInt("ColorMode", "Color mode", "", mode.ordinal()));
        }
        return new NDArray(in.uniqueId(), in.epicsTsSec(), in.epicsTsNsec(), type, mode,
                od.stream().mapToInt(Integer::intValue).toArray(), pixels, attrs);
    }

    /** The ROI's ArraySize*, DataType and ColorMode readbacks describe its output frame. */
    @Override
    protected NDArray shownArray(NDArray input) {
        NDArray out = lastOut;
        return out != null ? out : input;
    }

    /** The last region published, or null (for in-process users such as benchmarks). */
    public NDArray lastOutput() { return lastOut; }
}
