package org.jioc.areadetector.pva;

import java.util.logging.Logger;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDArrayDriver;
import org.jioc.areadetector.NDPluginDriver;
import org.jioc.areadetector.asyn.Param;
import org.jioc.areadetector.asyn.ParamType;
import org.jioc.areadetector.asyn.PortRegistry;
import org.jioc.pva.OwnedChannel;
import org.jioc.pva.OwnedChannels;

/**
 * NDPluginPva (Pva1): every frame it processes is published as an NTNDArray ({@link NtNdArray}) on the pvAccess
 * channel named at configuration (PV_NAME, read back by PvName_RBV). The channel belongs to this plugin and is
 * served by the IOC's pvAccess server next to the record fields.
 */
public final class NDPluginPva extends NDPluginDriver {
    private static final Logger LOG = Logger.getLogger(NDPluginPva.class.getName());
    /** Bytes per pixel of the widest data type (Float64, Int64): a frame of the source's maximum size fits. */
    private static final int WIDEST = 8;

    private final Param pvName = createParam("PV_NAME", ParamType.OCTET);
    private final OwnedChannels channels;
    private final OwnedChannel channel;
    /** The last frame size that was too large to send, so the warning is logged once per size. */
    private long tooLarge = -1;

    /** IllegalArgumentException if pvName is empty or already served. */
    public NDPluginPva(String portName, PortRegistry ports, int queueSize, boolean blocking, String source, int addr,
                       String pvName, OwnedChannels channels) {
        super(portName, "NDPluginPva", ports, queueSize, blocking, source, addr);
        this.channels = channels;
        try {
            channel = new OwnedChannel(pvName, "NDPluginPva " + portName, NtNdArray.empty(), this::largestFrameBytes);
            channels.add(channel);
        } catch (RuntimeException e) {
            super.shutdown(); // the base started its worker thread
            throw e;
        }
        setString(this.pvName, pvName);
    }

    /** The channel this plugin publishes on. */
    public OwnedChannel channel() { return channel; }

    @Override
    protected void processArray(NDArray a) {
        long bytes = a.sizeBytes();
        if (!OwnedChannel.fits(bytes)) {
            if (bytes != tooLarge) {
                tooLarge = bytes;
                LOG.warning(portName() + ": frame " + a.uniqueId() + " (" + bytes + " bytes) is larger than "
                        + "EPICS_PVA_SEND_BUFFER_SIZE allows; not published on " + channel.name());
            }
            return;
        }
        channel.publish(NtNdArray.of(a));
    }

    /**
     * The largest frame the source can send, for the server's send buffer: its MaxSizeX × MaxSizeY at the widest
     * data type (a camera), or 0 when the source does not say (the buffer's default then applies).
     */
    private long largestFrameBytes() {
        NDArrayDriver s = source();
        if (s == null) return 0;
        Param x = s.param("MAX_SIZE_X"), y = s.param("MAX_SIZE_Y");
        if (x == null || y == null) return 0;
        return (long) s.getInteger(x) * s.getInteger(y) * WIDEST;
    }

    @Override
    public void shutdown() {
        super.shutdown();
        channels.remove(channel);
    }
}
