package org.jioc.areadetector;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jioc.areadetector.asyn.Param;
import org.jioc.areadetector.asyn.ParamType;
import org.jioc.areadetector.asyn.PortDriver;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;

/**
 * NDPluginDriver: the base of every plugin (image, ROI, Stats, Pva, HDF5). It subscribes to the port named by
 * NDArrayPort (rewired whenever that changes), and takes frames while EnableCallbacks is on: with
 * BlockingCallbacks the frame is processed on the producer's thread, otherwise it waits in a bounded queue
 * (QueueSize; QueueFree shows the room left) for this plugin's own worker thread, and a frame that finds the queue
 * full is dropped and counted in DroppedArrays. After {@link #processArray} the base sets ArrayCounter,
 * UniqueId, TimeStamp, sizes, DataType, ColorMode and ExecutionTime (ms) and posts them.
 */
public abstract class NDPluginDriver extends NDArrayDriver implements NDArrayListener {
    protected final Param enableCallbacks = createParam("ENABLE_CALLBACKS", ParamType.INT32);
    protected final Param blockingCallbacks = createParam("BLOCKING_CALLBACKS", ParamType.INT32);
    protected final Param ndArrayPort = createParam("NDARRAY_PORT", ParamType.OCTET);
    protected final Param ndArrayAddress = createParam("NDARRAY_ADDR", ParamType.INT32);
    protected final Param queueSize = createParam("QUEUE_SIZE", ParamType.INT32);
    protected final Param queueFree = createParam("QUEUE_FREE", ParamType.INT32);
    protected final Param droppedArrays = createParam("DROPPED_ARRAYS", ParamType.INT32);
    protected final Param pluginType = createParam("PLUGIN_TYPE", ParamType.OCTET);
    protected final Param executionTime = createParam("EXECUTION_TIME", ParamType.FLOAT64);
    protected final Param minCallbackTime = createParam("MIN_CALLBACK_TIME", ParamType.FLOAT64);

    private final PortRegistry ports;
    private volatile NDArrayDriver source;
    private volatile ArrayBlockingQueue<NDArray> queue;
    /** Frames accepted (queued or being processed) and not yet finished, for idle(). */
    private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger();
    /** Serialises processing between the worker and blocking callers. */
    private final Object processLock = new Object();
    private final Thread worker;
    private volatile boolean running = true;
    private long lastProcessNanos;

    protected NDPluginDriver(String portName, String type, PortRegistry ports, int queueSize, boolean blocking,
                             String sourcePort, int sourceAddr) {
        super(portName);
        if (queueSize < 1) throw new IllegalArgumentException("queue size must be >= 1, not " + queueSize);
        this.ports = ports;
        this.queue = new ArrayBlockingQueue<>(queueSize);
        // EnableCallbacks stays undefined: the template's VAL (ENABLED macro) is written at init, as in areaDetector.
        setInteger(blockingCallbacks, blocking ? 1 : 0);
        setString(ndArrayPort, sourcePort == null ? "" : sourcePort);
        setInteger(ndArrayAddress, sourceAddr);
        setInteger(this.queueSize, queueSize);
        setInteger(queueFree, queueSize);
        setInteger(droppedArrays, 0);
        setString(pluginType, type);
        setDouble(executionTime, 0);
        setDouble(minCallbackTime, 0);
        worker = new Thread(this::work, "plugin-" + portName);
        worker.setDaemon(true);
        worker.start();
    }

    /** Connect to the configured NDArrayPort (the IOC calls this once every port exists). */
    public final void connect() {
        String name = getString(ndArrayPort);
        if (name.isEmpty()) return;
        try {
            rewire(name);
        } catch (PortException e) {
            java.util.logging.Logger.getLogger(getClass().getName()).warning(portName() + ": " + e.getMessage());
        }
    }

    /** The port feeding this plugin now, or null. */
    public final NDArrayDriver source() { return source; }

    private synchronized void rewire(String name) throws PortException {
        PortDriver p = ports.get(name);
        if (p == null) throw new PortException("no port '" + name + "'");
        if (!(p instanceof NDArrayDriver)) throw new PortException("port '" + name + "' produces no NDArrays");
        if (p == this) throw new PortException("a plugin cannot take frames from itself");
        NDArrayDriver old = source;
        if (old != null) old.removePlugin(this);
        source = (NDArrayDriver) p;
        source.addPlugin(this);
    }

    @Override
    public synchronized void writeInt32(Param p, int value) throws PortException {
        if (p == queueSize) {
            if (value < 1) throw new PortException("QueueSize must be >= 1");
            ArrayBlockingQueue<NDArray> q = new ArrayBlockingQueue<>(value);
            ArrayBlockingQueue<NDArray> old = queue;
            NDArray a;
            while ((a = old.poll()) != null) {
                if (!q.offer(a)) {
                    pending.decrementAndGet();
                    setInteger(droppedArrays, getInteger(droppedArrays) + 1);
                }
            }
            queue = q;
            setInteger(queueFree, q.remainingCapacity());
        } else if (p == enableCallbacks || p == blockingCallbacks) {
            value = value != 0 ? 1 : 0;
        }
        super.writeInt32(p, value);
    }

    @Override
    public synchronized void writeOctet(Param p, String value) throws PortException {
        if (p == ndArrayPort) {
            String name = value.trim();
            setString(ndArrayPort, name);
            callParamCallbacks();
            if (name.isEmpty()) {
                if (source != null) source.removePlugin(this);
                source = null;
                return;
            }
            rewire(name);
            return;
        }
        super.writeOctet(p, value);
    }

    // --- frames in ---

    @Override
    public final void onArray(NDArray a) {
        boolean enabled, blocking;
        double minTime;
        synchronized (this) {
            enabled = getInteger(enableCallbacks) != 0;
            blocking = getInteger(blockingCallbacks) != 0;
            minTime = getDouble(minCallbackTime);
        }
        if (!enabled) return;
        if (minTime > 0 && System.nanoTime() - lastProcessNanos < minTime * 1e9) return;
        if (blocking) {
            pending.incrementAndGet();
            try {
                process(a);
            } finally {
                pending.decrementAndGet();
            }
            return;
        }
        synchronized (this) {
            ArrayBlockingQueue<NDArray> q = queue;
            pending.incrementAndGet();
            if (!q.offer(a)) {
                pending.decrementAndGet();
                setInteger(droppedArrays, getInteger(droppedArrays) + 1);
            }
            setInteger(queueFree, q.remainingCapacity());
            callParamCallbacks();
        }
    }

    /**
     * Idle when every frame this plugin accepted is processed and the plugins it feeds are idle too, so a
     * camera's WaitForPlugins covers chains (SIM1 -> ROI1 -> Stats2) as areaDetector's count of arrays in use does.
     */
    @Override
    public final boolean idle() { return pending.get() == 0 && pluginsIdle(); }

    private void work() {
        while (running) {
            NDArray a;
            try {
                a = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (a == null) continue;
            try {
                synchronized (this) {
                    setInteger(queueFree, queue.remainingCapacity());
                }
                process(a);
            } finally {
                pending.decrementAndGet();
            }
        }
    }

    /** Run processArray and update the base parameters; one frame at a time. */
    private void process(NDArray a) {
        synchronized (processLock) {
            long t0 = System.nanoTime();
            lastProcessNanos = t0;
            try {
                processArray(a);
            } catch (RuntimeException e) {
                java.util.logging.Logger.getLogger(getClass().getName())
                        .warning(portName() + ": frame " + a.uniqueId() + ": " + e);
            }
            synchronized (this) {
                setArrayInfo(shownArray(a));
                setInteger(arrayCounter, getInteger(arrayCounter) + 1);
                setDouble(executionTime, (System.nanoTime() - t0) / 1e6);
                callParamCallbacks();
            }
        }
    }

    /**
     * The plugin's work on one frame, on the worker thread (or the producer's when blocking), never concurrently
     * with itself. Set parameters and call callParamCallbacks under {@code synchronized (this)}; pass a derived
     * frame on with {@link #publish} when ArrayCallbacks is on.
     */
    protected abstract void processArray(NDArray a);

    /**
     * The frame whose dims, data type and colour mode the base parameters (ArraySize*_RBV, DataType_RBV...) show
     * after {@link #processArray}: the input, unless a plugin that derives a new frame (ROI) says otherwise.
     */
    protected NDArray shownArray(NDArray input) { return input; }

    /** True if ArrayCallbacks asks this plugin to pass frames on. */
    protected final synchronized boolean arrayCallbacksOn() { return getInteger(arrayCallbacks) != 0; }

    @Override
    public void shutdown() {
        running = false;
        worker.interrupt();
        NDArrayDriver s = source;
        if (s != null) s.removePlugin(this);
    }

    @Override
    public String report() {
        return super.report() + " <- " + getString(ndArrayPort) + ", queue " + (queue.size()) + "/"
                + getInteger(queueSize) + ", dropped " + getInteger(droppedArrays);
    }
}
