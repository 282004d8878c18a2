package org.jioc.areadetector.sim;

import java.util.List;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDArrayDriver;
import org.jioc.areadetector.NDAttribute;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.jioc.areadetector.asyn.Param;
import org.jioc.areadetector.asyn.ParamType;
import org.jioc.areadetector.asyn.PortException;

/**
 * The simulated camera (ADDriver + simDetector): ADBase parameters, the acquisition thread and the simulation
 * modes LinearRamp, Peaks, Sine, Offset&amp;Noise, plus jioc's Beamline mode ({@link BeamlineImage}).
 *
 * <p>Acquisition, as simDetector's task: Acquire=1 sets ACQUIRE and ACQUIRE_BUSY; per frame DetectorState goes
 * Acquire → (exposure) → Readout, the counters advance, the frame is stamped and handed to the plugins when
 * ArrayCallbacks is on; Single, or Multiple after NumImages frames, ends with ACQUIRE=0, DetectorState Idle, and
 * then ACQUIRE_BUSY=0 (after the plugins drain when WaitForPlugins is Yes) — which ends the AcquireBusy busy record
 * and with it a put-callback on Acquire. Otherwise DetectorState is Waiting for the rest of AcquirePeriod.
 * Acquire=0 during an exposure aborts: DetectorState Aborted (Idle in Continuous).
 */
public final class SimDetector extends NDArrayDriver {
    /** DetectorState_RBV values (ADStatus). */
    public static final int IDLE = 0, ACQUIRE = 1, READOUT = 2, WAITING = 7, ABORTED = 10;
    public static final int SINGLE = 0, MULTIPLE = 1, CONTINUOUS = 2;
    public static final int BEAMLINE_MODE = 4;

    final Param acquire = createParam("ACQUIRE", ParamType.INT32);
    final Param acquireBusy = createParam("ACQUIRE_BUSY", ParamType.INT32);
    final Param waitForPlugins = createParam("WAIT_FOR_PLUGINS", ParamType.INT32);
    final Param imageMode = createParam("IMAGE_MODE", ParamType.INT32);
    final Param numImages = createParam("NIMAGES", ParamType.INT32);
    final Param numImagesCounter = createParam("NIMAGES_COUNTER", ParamType.INT32);
    final Param numExposures = createParam("NEXPOSURES", ParamType.INT32);
    final Param numExposuresCounter = createParam("NEXPOSURES_COUNTER", ParamType.INT32);
    final Param acquireTime = createParam("ACQ_TIME", ParamType.FLOAT64);
    final Param acquirePeriod = createParam("ACQ_PERIOD", ParamType.FLOAT64);
    final Param timeRemaining = createParam("TIME_REMAINING", ParamType.FLOAT64);
    final Param status = createParam("STATUS", ParamType.INT32);
    final Param statusMessage = createParam("STATUS_MESSAGE", ParamType.OCTET);
    final Param triggerMode = createParam("TRIGGER_MODE", ParamType.INT32);
    final Param frameType = createParam("FRAME_TYPE", ParamType.INT32);
    final Param gain = createParam("GAIN", ParamType.FLOAT64);
    final Param binX = createParam("BIN_X", ParamType.INT32);
    final Param binY = createParam("BIN_Y", ParamType.INT32);
    final Param minX = createParam("MIN_X", ParamType.INT32);
    final Param minY = createParam("MIN_Y", ParamType.INT32);
    final Param sizeX = createParam("SIZE_X", ParamType.INT32);
    final Param sizeY = createParam("SIZE_Y", ParamType.INT32);
    final Param maxSizeX = createParam("MAX_SIZE_X", ParamType.INT32);
    final Param maxSizeY = createParam("MAX_SIZE_Y", ParamType.INT32);
    final Param reverseX = createParam("REVERSE_X", ParamType.INT32);
    final Param reverseY = createParam("REVERSE_Y", ParamType.INT32);
    // simDetector
    final Param gainX = createParam("SIM_GAIN_X", ParamType.FLOAT64);
    final Param gainY = createParam("SIM_GAIN_Y", ParamType.FLOAT64);
    final Param offset = createParam("SIM_OFFSET", ParamType.FLOAT64);
    final Param noise = createParam("SIM_NOISE", ParamType.FLOAT64);
    final Param resetImage = createParam("RESET_IMAGE", ParamType.INT32);
    final Param simMode = createParam("SIM_MODE", ParamType.INT32);
    final Param peakStartX = createParam("SIM_PEAK_START_X", ParamType.INT32);
    final Param peakStartY = createParam("SIM_PEAK_START_Y", ParamType.INT32);
    final Param peakWidthX = createParam("SIM_PEAK_WIDTH_X", ParamType.INT32);
    final Param peakWidthY = createParam("SIM_PEAK_WIDTH_Y", ParamType.INT32);
    final Param peakNumX = createParam("SIM_PEAK_NUM_X", ParamType.INT32);
    final Param peakNumY = createParam("SIM_PEAK_NUM_Y", ParamType.INT32);
    final Param peakStepX = createParam("SIM_PEAK_STEP_X", ParamType.INT32);
    final Param peakStepY = createParam("SIM_PEAK_STEP_Y", ParamType.INT32);
    final Param peakVariation = createParam("SIM_PEAK_HEIGHT_VARIATION", ParamType.FLOAT64);
    final Param xSineOp = createParam("SIM_XSINE_OPERATION", ParamType.INT32);
    final Param ySineOp = createParam("SIM_YSINE_OPERATION", ParamType.INT32);
    final Param[] sine = new Param[12];
    // jioc's beamline mode
    final Param beamSampleX = createParam("SIM_BEAM_SAMPLE_X", ParamType.FLOAT64);
    final Param beamSampleY = createParam("SIM_BEAM_SAMPLE_Y", ParamType.FLOAT64);
    final Param beamRotation = createParam("SIM_BEAM_ROTATION", ParamType.FLOAT64);
    final Param beamEnergy = createParam("SIM_BEAM_ENERGY", ParamType.FLOAT64);
    final Param beamShutter = createParam("SIM_BEAM_SHUTTER", ParamType.INT32);
    final Param beamFov = createParam("SIM_BEAM_FOV", ParamType.FLOAT64);
    final Param beamFlux = createParam("SIM_BEAM_FLUX", ParamType.FLOAT64);

    private final SimPattern pattern = new SimPattern();
    private final Thread task;
    private volatile boolean running = true;
    /** Bumped by every start and stop, so a waiting acquisition notices it was interrupted. */
    private long generation;

    public SimDetector(String portName, int maxX, int maxY, NDDataType type) {
        super(portName);
        if (maxX < 1 || maxY < 1) throw new IllegalArgumentException("sensor size must be >= 1x1, not " + maxX + "x" + maxY);
        String[] names = {"XSINE1_AMPLITUDE", "XSINE1_FREQUENCY", "XSINE1_PHASE", "XSINE2_AMPLITUDE",
            "XSINE2_FREQUENCY", "XSINE2_PHASE", "YSINE1_AMPLITUDE", "YSINE1_FREQUENCY", "YSINE1_PHASE",
            "YSINE2_AMPLITUDE", "YSINE2_FREQUENCY", "YSINE2_PHASE"};
        double[] sineDefaults = {1, 1, 0, 1, 2, 90, 1, 1, 0, 1, 2, 90};
        for (int i = 0; i < sine.length; i++) {
            sine[i] = createParam("SIM_" + names[i], ParamType.FLOAT64);
            setDouble(sine[i], sineDefaults[i]);
        }
        setString(manufacturer, "Simulated detector");
        setString(model, "Basic simulator");
        setString(serialNumber, "No serial number");
        setString(firmwareVersion, "No firmware");
        setString(sdkVersion, "No SDK");
        setString(driverVersion, "2.10.0 (jioc)");
        setInteger(dataType, type.ordinal());
        setInteger(acquire, 0);
        setInteger(acquireBusy, 0);
        setInteger(waitForPlugins, 0);
        setInteger(imageMode, CONTINUOUS);
        setInteger(numImages, 100);
        setInteger(numImagesCounter, 0);
        setInteger(numExposures, 1);
        setInteger(numExposuresCounter, 0);
        setDouble(acquireTime, 0.001);
        setDouble(acquirePeriod, 0.005);
        setDouble(timeRemaining, 0);
        setInteger(status, IDLE);
        setString(statusMessage, "Idle");
        setInteger(triggerMode, 0);
        setInteger(frameType, 0);
        setDouble(gain, 1);
        setInteger(binX, 1);
        setInteger(binY, 1);
        setInteger(minX, 0);
        setInteger(minY, 0);
        setInteger(sizeX, maxX);
        setInteger(sizeY, maxY);
        setInteger(maxSizeX, maxX);
        setInteger(maxSizeY, maxY);
        setInteger(reverseX, 0);
        setInteger(reverseY, 0);
        setDouble(gainX, 1);
        setDouble(gainY, 1);
        setDouble(offset, 0);
        setDouble(noise, 0);
        setInteger(resetImage, 0);
        setInteger(simMode, 0);
        setInteger(peakStartX, 1);
        setInteger(peakStartY, 1);
        setInteger(peakWidthX, 10);
        setInteger(peakWidthY, 20);
        setInteger(peakNumX, 1);
        setInteger(peakNumY, 1);
        setInteger(peakStepX, 1);
        setInteger(peakStepY, 1);
        setDouble(peakVariation, 0);
        setInteger(xSineOp, 0);
        setInteger(ySineOp, 0);
        setDouble(beamSampleX, 0);
        setDouble(beamSampleY, 0);
        setDouble(beamRotation, 0);
        setDouble(beamEnergy, 25);
        setInteger(beamShutter, 1);
        setDouble(beamFov, 2.0);
        setDouble(beamFlux, 1000);
        callParamCallbacks();
        task = new Thread(this::acquisitionTask, "simDetector-" + portName);
        task.setDaemon(true);
        task.start();
    }

    // --- writes ---

    @Override
    public synchronized void writeInt32(Param p, int v) throws PortException {
        if (p == acquire) {
            boolean on = v != 0, was = getInteger(acquire) != 0;
            if (on && !was) {
                setInteger(numImagesCounter, 0);
                setInteger(acquire, 1);
                setInteger(acquireBusy, 1);
                setInteger(status, ACQUIRE);
                setString(statusMessage, "Acquiring data");
                generation++;
                notifyAll();
            } else if (!on && was) {
                setInteger(acquire, 0);
                generation++;
                notifyAll();
            }
            callParamCallbacks();
            return;
        }
        if (p == binX || p == binY || p == sizeX || p == sizeY || p == minX || p == minY) {
            v = clampGeometry(p, v);
        } else if (p == dataType) {
            checkRange(v, 0, 9, "DataType");
        } else if (p == colorMode) {
            if (v != 0) throw new PortException("only Mono frames are simulated");
        } else if (p == imageMode) {
            checkRange(v, 0, 2, "ImageMode");
        } else if (p == numImages && v < 1) {
            throw new PortException("NumImages must be >= 1");
        } else if (p == resetImage) {
            if (v != 0) pattern.reset();
            super.writeInt32(p, v);
            return;
        }
        super.writeInt32(p, v);
        if (p == simMode || p == dataType || p.name().startsWith("SIM_") || p == binX || p == binY
                || p == sizeX || p == sizeY || p == minX || p == minY || p == reverseX || p == reverseY) {
            pattern.reset();
        }
    }

    private static int checkRange(int v, int lo, int hi, String what) throws PortException {
        if (v < lo || v > hi) throw new PortException(what + " " + v + " is outside " + lo + ".." + hi);
        return v;
    }

    /** Keep the sensor region inside the sensor, as ADDriver does for MinX/SizeX/BinX. */
    private int clampGeometry(Param p, int v) {
        boolean x = p == binX || p == sizeX || p == minX;
        int max = getInteger(x ? maxSizeX : maxSizeY);
        if (p == binX || p == binY) return Math.max(1, Math.min(v, max));
        if (p == minX || p == minY) {
            v = Math.max(0, Math.min(v, max - 1));
            Param size = x ? sizeX : sizeY;
            if (v + getInteger(size) > max) setInteger(size, max - v);
            return v;
        }
        int min = getInteger(x ? minX : minY);
        return Math.max(1, Math.min(v, max - min));
    }

    @Override
    public synchronized void writeFloat64(Param p, double v) throws PortException {
        if ((p == acquireTime || p == acquirePeriod) && !(v >= 0)) {
            throw new PortException(p.name() + " must be >= 0, not " + v);
        }
        super.writeFloat64(p, v);
        if (p == gain || p == gainX || p == gainY || p == offset || p == noise) pattern.reset();
    }

    // --- acquisition ---

    private void acquisitionTask() {
        while (running) {
            try {
                synchronized (this) {
                    while (running && getInteger(acquire) == 0) wait();
                }
                if (!running) return;
                acquireFrames();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(SimDetector.class.getName()).warning(portName() + ": " + e);
                synchronized (this) {
                    setInteger(acquire, 0);
                    setInteger(status, 6);
                    setString(statusMessage, "Error: " + e.getMessage());
                    setInteger(acquireBusy, 0);
                    callParamCallbacks();
                }
            }
        }
    }

    /** One acquisition, from Acquire=1 until it ends or is stopped. */
    private void acquireFrames() throws InterruptedException {
        long gen;
        synchronized (this) {
            gen = generation;
        }
        while (true) {
            long start = System.nanoTime();
            double expose, period;
            SimSettings s;
            int mode;
            synchronized (this) {
                if (getInteger(acquire) == 0) break;
                expose = getDouble(acquireTime);
                period = getDouble(acquirePeriod);
                mode = getInteger(imageMode);
                setInteger(status, ACQUIRE);
                setString(statusMessage, "Acquiring data");
                callParamCallbacks();
                s = settings();
            }
            NDArray frame = compute(s);
            if (!waitUntil(start + (long) (expose * 1e9), gen)) {
                synchronized (this) {
                    setInteger(status, mode == CONTINUOUS ? IDLE : ABORTED);
                    setString(statusMessage, mode == CONTINUOUS ? "Idle" : "Acquisition aborted");
                    callParamCallbacks();
                }
                break;
            }
            boolean done;
            synchronized (this) {
                setInteger(status, READOUT);
                setString(statusMessage, "Readout");
                int counter = getInteger(arrayCounter) + 1;
                setInteger(arrayCounter, counter);
                int n = getInteger(numImagesCounter) + 1;
                setInteger(numImagesCounter, n);
                frame = stamp(frame, counter);
                setArrayInfo(frame);
                callParamCallbacks();
                done = mode == SINGLE || (mode == MULTIPLE && n >= getInteger(numImages));
            }
            boolean callbacks;
            synchronized (this) {
                callbacks = getInteger(arrayCallbacks) != 0;
            }
            if (callbacks) publish(frame);
            if (done) {
                synchronized (this) {
                    setInteger(acquire, 0);
                    setInteger(status, IDLE);
                    setString(statusMessage, "Waiting for acquire command");
                    callParamCallbacks();
                }
                break;
            }
            synchronized (this) {
                if (getInteger(acquire) == 0) {
                    setInteger(status, IDLE);
                    callParamCallbacks();
                    break;
                }
                setInteger(status, WAITING);
                setString(statusMessage, "Waiting for acquire period");
                callParamCallbacks();
            }
            if (!waitUntil(start + (long) (period * 1e9), gen)) {
                synchronized (this) {
                    setInteger(status, IDLE);
                    setString(statusMessage, "Idle");
                    callParamCallbacks();
                }
                break;
            }
        }
        finishAcquisition();
    }

    /** ACQUIRE_BUSY goes 0 after ACQUIRE, once the plugins are idle if WaitForPlugins is Yes. */
    private void finishAcquisition() throws InterruptedException {
        boolean wait;
        synchronized (this) {
            wait = getInteger(waitForPlugins) != 0;
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (wait && !pluginsIdle() && System.nanoTime() < deadline) Thread.sleep(2);
        synchronized (this) {
            if (getInteger(acquire) == 0) setInteger(acquireBusy, 0);
            callParamCallbacks();
        }
    }

    /** Wait until the deadline; false if Acquire was set to 0 (or restarted) meanwhile. */
    private synchronized boolean waitUntil(long deadline, long gen) throws InterruptedException {
        while (true) {
            if (getInteger(acquire) == 0 || generation != gen) return false;
            long left = deadline - System.nanoTime();
            if (left <= 0) return true;
            wait(Math.max(1, left / 1_000_000), 0);
        }
    }

    private SimSettings settings() {
        SimSettings s = new SimSettings();
        s.mode = getInteger(simMode);
        s.maxSizeX = getInteger(maxSizeX);
        s.maxSizeY = getInteger(maxSizeY);
        s.gain = getDouble(gain);
        s.gainX = getDouble(gainX);
        s.gainY = getDouble(gainY);
        s.offset = getDouble(offset);
        s.noise = getDouble(noise);
        s.peakStartX = getInteger(peakStartX);
        s.peakStartY = getInteger(peakStartY);
        s.peakWidthX = getInteger(peakWidthX);
        s.peakWidthY = getInteger(peakWidthY);
        s.peakNumX = getInteger(peakNumX);
        s.peakNumY = getInteger(peakNumY);
        s.peakStepX = getInteger(peakStepX);
        s.peakStepY = getInteger(peakStepY);
        s.peakVariation = getDouble(peakVariation);
        s.xSineOperation = getInteger(xSineOp);
        s.ySineOperation = getInteger(ySineOp);
        double[] v = new double[12];
        for (int i = 0; i < 12; i++) v[i] = getDouble(sine[i]);
        s.x1Amp = v[0]; s.x1Freq = v[1]; s.x1Phase = v[2]; s.x2Amp = v[3]; s.x2Freq = v[4]; s.x2Phase = v[5];
        s.y1Amp = v[6]; s.y1Freq = v[7]; s.y1Phase = v[8]; s.y2Amp = v[9]; s.y2Freq = v[10]; s.y2Phase = v[11];
        geometry = new int[] {getInteger(minX), getInteger(minY), getInteger(sizeX), getInteger(sizeY),
            getInteger(binX), getInteger(binY), getInteger(reverseX), getInteger(reverseY), getInteger(dataType)};
        beam = new BeamlineState(getDouble(beamSampleX), getDouble(beamSampleY), getDouble(beamRotation),
                getDouble(beamEnergy), getInteger(beamShutter) != 0, getDouble(beamFov), getDouble(beamFlux));
        if (getInteger(resetImage) != 0) {
            pattern.reset();
            setInteger(resetImage, 0);
        }
        return s;
    }

    private int[] geometry;
    private BeamlineState beam;

    /** The frame's pixels: raw sensor region, binned (summed), reversed, converted with C's wrap-around. */
    private NDArray compute(SimSettings s) {
        int x0 = geometry[0], y0 = geometry[1], w = geometry[2], h = geometry[3], bx = geometry[4], by = geometry[5];
        double[] raw = pattern.frame(s, x0, y0, w, h, beam);
        int ow = Math.max(1, w / bx), oh = Math.max(1, h / by);
        NDDataType type = NDDataType.of(geometry[8]);
        boolean plain = bx == 1 && by == 1 && geometry[6] == 0 && geometry[7] == 0 && ow == w;
        double[] binned = plain ? raw : new double[ow * oh];
        if (!plain) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double sum = 0;
                    for (int a = 0; a < by; a++) for (int b = 0; b < bx; b++) sum += raw[(i * by + a) * w + j * bx + b];
                    int oi = geometry[7] != 0 ? oh - 1 - i : i, oj = geometry[6] != 0 ? ow - 1 - j : j;
                    binned[oi * ow + oj] = sum;
                }
            }
        }
        Object data = convert(type, binned, ow * oh, s.mode == BEAMLINE_MODE);
        return new NDArray(0, 0, 0, type, NDColorMode.Mono, new int[] {ow, oh}, data, List.of());
    }

    /** The first n values as a fresh array of type t; one loop per type (no per-pixel switch). */
    static Object convert(NDDataType t, double[] v, int n, boolean saturate) {
        Object data = t.allocate(n);
        if (saturate && t != NDDataType.Float32 && t != NDDataType.Float64 && t != NDDataType.Int64
                && t != NDDataType.UInt64) {
            double lo = saturate(t, Double.NEGATIVE_INFINITY), hi = saturate(t, Double.POSITIVE_INFINITY);
            double[] clipped = new double[n];
            for (int k = 0; k < n; k++) clipped[k] = Math.max(lo, Math.min(hi, v[k]));
            v = clipped;
        }
        switch (t) {
            case Int8, UInt8 -> { byte[] d = (byte[]) data; for (int k = 0; k < n; k++) d[k] = (byte) (long) v[k]; }
            case Int16, UInt16 -> { short[] d = (short[]) data; for (int k = 0; k < n; k++) d[k] = (short) (long) v[k]; }
            case Int32, UInt32 -> { int[] d = (int[]) data; for (int k = 0; k < n; k++) d[k] = (int) (long) v[k]; }
            case Int64, UInt64 -> { long[] d = (long[]) data; for (int k = 0; k < n; k++) d[k] = (long) v[k]; }
            case Float32 -> { float[] d = (float[]) data; for (int k = 0; k < n; k++) d[k] = (float) v[k]; }
            default -> System.arraycopy(v, 0, data, 0, n);
        }
        return data;
    }

    /** A real sensor clips at its range (the beamline mode); the simDetector patterns wrap as C casts do. */
    static double saturate(NDDataType t, double v) {
        double lo, hi;
        switch (t) {
            case Int8 -> { lo = -128; hi = 127; }
            case UInt8 -> { lo = 0; hi = 255; }
            case Int16 -> { lo = -32768; hi = 32767; }
            case UInt16 -> { lo = 0; hi = 65535; }
            case Int32 -> { lo = Integer.MIN_VALUE; hi = Integer.MAX_VALUE; }
            case UInt32 -> { lo = 0; hi = 4294967295.0; }
            default -> { return v; }
        }
        return Math.max(lo, Math.min(hi, v));
    }

    /** The frame with its unique id (= ArrayCounter, as simDetector) and the time of readout. */
    private NDArray stamp(NDArray f, int id) {
        List<NDAttribute> attrs = List.of(
                NDAttribute.ofInt("NDArrayUniqueId", "Unique ID of the frame", "DRIVER", id),
                NDAttribute.ofString("SimMode", "Simulation mode", "SIM_MODE",
                        new String[] {"LinearRamp", "Peaks", "Sine", "Offset&Noise", "Beamline"}[
                                Math.max(0, Math.min(4, getInteger(simMode)))]));
        return NDArray.now(id, f.dataType(), f.colorMode(), f.dims(), f.data(), attrs);
    }

    @Override
    public void shutdown() {
        running = false;
        task.interrupt();
    }

    @Override
    public synchronized String report() {
        return super.report() + ": " + getInteger(maxSizeX) + "x" + getInteger(maxSizeY) + " "
                + NDDataType.of(getInteger(dataType)) + ", ArrayCounter " + getInteger(arrayCounter)
                + (getInteger(acquire) != 0 ? ", acquiring" : "");
    }
}
