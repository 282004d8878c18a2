package org.jioc.areadetector;

import org.jioc.areadetector.asyn.PortRegistry;

/**
 * NDPluginStdArrays (image1): each frame goes out on NDARRAY_DATA, which the ArrayData waveform
 * (DTYP asyn&lt;Type&gt;ArrayIn, SCAN I/O Intr) copies, converting to its FTVL, so CA clients see every frame.
 */
public final class NDPluginStdArrays extends NDPluginDriver {
    public NDPluginStdArrays(String portName, PortRegistry ports, int queueSize, boolean blocking, String source,
                             int addr) {
        super(portName, "NDPluginStdArrays", ports, queueSize, blocking, source, addr);
    }

    @Override
    protected void processArray(NDArray a) {
        doCallbacksArray(arrayData, a);
    }
}
