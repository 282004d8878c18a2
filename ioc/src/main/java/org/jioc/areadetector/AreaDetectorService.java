package org.jioc.areadetector;

import java.util.Map;

import org.jioc.IocService;
import org.jioc.areadetector.asyn.AsynDevice;
import org.jioc.areadetector.asyn.PortDriver;
import org.jioc.areadetector.asyn.PortRegistry;
import org.jioc.db.Database;
import org.jioc.db.DeviceRegistry;

/**
 * The area detector ports of the IOC (cameras and plugins) and the asyn device support their records use. Ports
 * are made by st.cmd commands before iocInit ({@link AreaDetectorCommands}); plugins wire to their NDArrayPort
 * before init, and after init every port posts its parameters once so I/O Intr records start defined.
 */
public final class AreaDetectorService implements IocService {
    private final PortRegistry ports = new PortRegistry();

    public AreaDetectorService(DeviceRegistry devices) { AsynDevice.register(devices, ports); }

    public PortRegistry ports() { return ports; }

    /**
     * Add a port made by an st.cmd command (cameras and plugins of every package use this); before iocInit only.
     * IllegalStateException after init, IllegalArgumentException for a name already taken (the port is then
     * shut down, so its threads do not linger).
     */
    public void addPort(PortDriver p) {
        if (started) {
            p.shutdown();
            throw new IllegalStateException("ports must be made before iocInit");
        }
        try {
            ports.add(p);
        } catch (IllegalArgumentException e) {
            p.shutdown();
            throw e;
        }
    }

    private volatile boolean started;

    @Override
    public String name() { return "areadetector"; }

    @Override
    public void beforeInit(Database db, Map<String, String> env) {
        started = true;
        for (PortDriver p : ports.all()) if (p instanceof NDPluginDriver) ((NDPluginDriver) p).connect();
    }

    @Override
    public void start(Database db, Map<String, String> env) {
        for (PortDriver p : ports.all()) if (p instanceof NDArrayDriver) ((NDArrayDriver) p).postAll();
    }

    @Override
    public void stop() {
        for (PortDriver p : ports.all()) p.shutdown();
    }
}
