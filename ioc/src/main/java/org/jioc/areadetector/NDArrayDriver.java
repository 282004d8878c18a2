package org.jioc.areadetector;

import java.util.concurrent.CopyOnWriteArrayList;

import org.jioc.areadetector.asyn.Param;
import org.jioc.areadetector.asyn.ParamType;
import org.jioc.areadetector.asyn.PortDriver;

/**
 * asynNDArrayDriver: the parameters of NDArrayBase.template that cameras and plugins share (ArrayCounter,
 * UniqueId, TimeStamp, array sizes, DataType, ColorMode, ArrayCallbacks, identity strings), and the list of
 * plugins fed by this port's frames.
 */
public abstract class NDArrayDriver extends PortDriver {
    public static final String ADCORE_VERSION = "3.12.1 (jioc)";

    protected final Param arrayCounter = createParam("ARRAY_COUNTER", ParamType.INT32);
    protected final Param uniqueId = createParam("UNIQUE_ID", ParamType.INT32);
    protected final Param timeStamp = createParam("TIME_STAMP", ParamType.FLOAT64);
    protected final Param epicsTsSec = createParam("EPICS_TS_SEC", ParamType.INT32);
    protected final Param epicsTsNsec = createParam("EPICS_TS_NSEC", ParamType.INT32);
    protected final Param ndimensions = createParam("ARRAY_NDIMENSIONS", ParamType.INT32);
    protected final Param[] arraySizeN = {createParam("ARRAY_SIZE_0", ParamType.INT32),
        createParam("ARRAY_SIZE_1", ParamType.INT32), createParam("ARRAY_SIZE_2", ParamType.INT32)};
    /** Dimensions_RBV: the sizes of all dimensions, padded with zeros to 10. */
    protected final Param arrayDimensions = createParam("ARRAY_DIMENSIONS", ParamType.ARRAY);
    protected final Param arraySizeX = createParam("ARRAY_SIZE_X", ParamType.INT32);
    protected final Param arraySizeY = createParam("ARRAY_SIZE_Y", ParamType.INT32);
    protected final Param arraySizeZ = createParam("ARRAY_SIZE_Z", ParamType.INT32);
    protected final Param arraySize = createParam("ARRAY_SIZE", ParamType.INT32);
    protected final Param dataType = createParam("DATA_TYPE", ParamType.INT32);
    protected final Param colorMode = createParam("COLOR_MODE", ParamType.INT32);
    protected final Param arrayCallbacks = createParam("ARRAY_CALLBACKS", ParamType.INT32);
    protected final Param portNameSelf = createParam("PORT_NAME_SELF", ParamType.OCTET);
    protected final Param manufacturer = createParam("MANUFACTURER", ParamType.OCTET);
    protected final Param model = createParam("MODEL", ParamType.OCTET);
    protected final Param serialNumber = createParam("SERIAL_NUMBER", ParamType.OCTET);
    protected final Param firmwareVersion = createParam("FIRMWARE_VERSION", ParamType.OCTET);
    protected final Param sdkVersion = createParam("SDK_VERSION", ParamType.OCTET);
    protected final Param driverVersion = createParam("DRIVER_VERSION", ParamType.OCTET);
    protected final Param adcoreVersion = createParam("ADCORE_VERSION", ParamType.OCTET);
    /** The last frame (NDArrayData): what the port would hand a plugin that asks. */
    protected final Param arrayData = createParam("NDARRAY_DATA", ParamType.ARRAY);

    private final CopyOnWriteArrayList<NDArrayListener> plugins = new CopyOnWriteArrayList<>();

    protected NDArrayDriver(String portName) {
        super(portName);
        setInteger(arrayCounter, 0);
        setInteger(uniqueId, 0);
        setDouble(timeStamp, 0);
        setInteger(epicsTsSec, 0);
        setInteger(epicsTsNsec, 0);
        setInteger(ndimensions, 0);
        for (Param p : arraySizeN) setInteger(p, 0);
        doCallbacksArray(arrayDimensions, new int[10]);
        setInteger(arraySizeX, 0);
        setInteger(arraySizeY, 0);
        setInteger(arraySizeZ, 0);
        setInteger(arraySize, 0);
        setInteger(dataType, NDDataType.UInt8.ordinal());
        setInteger(colorMode, NDColorMode.Mono.ordinal());
        setInteger(arrayCallbacks, 1);
        setString(portNameSelf, portName);
        setString(manufacturer, "");
        setString(model, "");
        setString(serialNumber, "");
        setString(firmwareVersion, "");
        setString(sdkVersion, "");
        setString(driverVersion, ADCORE_VERSION);
        setString(adcoreVersion, ADCORE_VERSION);
    }

    /** Set the per-frame parameters from a frame (the driver or plugin then calls callParamCallbacks). */
    protected final synchronized void setArrayInfo(NDArray a) {
        setInteger(uniqueId, a.uniqueId());
        setDouble(timeStamp, a.timeStamp());
        setInteger(epicsTsSec, (int) a.epicsTsSec());
        setInteger(epicsTsNsec, a.epicsTsNsec());
        setInteger(ndimensions, a.ndims());
        for (int i = 0; i < arraySizeN.length; i++) setInteger(arraySizeN[i], a.dim(i));
        int[] dims = new int[10];
        for (int i = 0; i < a.ndims(); i++) dims[i] = a.dim(i);
        if (!java.util.Arrays.equals(dims, (int[]) value(arrayDimensions))) doCallbacksArray(arrayDimensions, dims);
        boolean rgb1 = a.colorMode() == NDColorMode.RGB1 && a.ndims() == 3;
        setInteger(arraySizeX, rgb1 ? a.dim(1) : a.dim(0));
        setInteger(arraySizeY, rgb1 ? a.dim(2) : a.dim(1));
        setInteger(arraySizeZ, rgb1 ? a.dim(0) : a.dim(2));
        setInteger(arraySize, (int) Math.min(Integer.MAX_VALUE, a.sizeBytes()));
        setInteger(dataType, a.dataType().ordinal());
        setInteger(colorMode, a.colorMode().ordinal());
    }

    // --- downstream plugins ---

    public final void addPlugin(NDArrayListener p) { plugins.addIfAbsent(p); }

    public final void removePlugin(NDArrayListener p) { plugins.remove(p); }

    /** Hand a frame to every plugin, on the caller's thread (never with this driver's lock held). */
    protected final void publish(NDArray a) {
        doCallbacksArray(arrayData, a);
        for (NDArrayListener p : plugins) p.onArray(a);
    }

    /** True when every plugin fed by this port has finished what it was given. */
    public final boolean pluginsIdle() {
        for (NDArrayListener p : plugins) if (!p.idle()) return false;
        return true;
    }

    /** The last frame this port produced, or null. */
    public final NDArray lastArray() {
        Object v = value(arrayData);
        return v instanceof NDArray ? (NDArray) v : null;
    }

    /** Post every defined parameter (after iocInit, so I/O Intr records start with the driver's values). */
    public final void postAll() {
        markAllChanged();
        callParamCallbacks();
    }
}
