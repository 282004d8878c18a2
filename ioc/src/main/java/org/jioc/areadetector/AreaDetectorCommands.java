package org.jioc.areadetector;


import org.jioc.areadetector.asyn.PortDriver;
import org.jioc.areadetector.sim.SimDetector;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/**
 * areaDetector's st.cmd commands with their usual arguments (the trailing maxBuffers, maxMemory, priority and
 * stackSize are accepted and ignored: frames are garbage-collected Java arrays, see {@link NDArray}).
 */
public final class AreaDetectorCommands {
    private AreaDetectorCommands() { }

    public static void register(IocShell sh) {
        String sim = "simDetectorConfig(port, maxSizeX, maxSizeY, dataType[, maxBuffers, maxMemory, priority, stackSize])";
        sh.register("simDetectorConfig", sim, (s, a) -> {
            IocShell.need(a, 4, sim);
            int x = IocShell.intArg(a, 1, 0, "simDetectorConfig"), y = IocShell.intArg(a, 2, 0, "simDetectorConfig");
            int t = IocShell.intArg(a, 3, 1, "simDetectorConfig");
            add(s, "simDetectorConfig", () -> new SimDetector(a.get(0), x, y, NDDataType.of(t)));
        });
        String std = "NDStdArraysConfigure(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr[, maxBuffers, "
                + "maxMemory, priority, stackSize, maxThreads])";
        sh.register("NDStdArraysConfigure", std, (s, a) -> {
            IocShell.need(a, 5, std);
            int q = IocShell.intArg(a, 1, 20, "NDStdArraysConfigure");
            boolean b = IocShell.intArg(a, 2, 0, "NDStdArraysConfigure") != 0;
            int addr = IocShell.intArg(a, 4, 0, "NDStdArraysConfigure");
            var ports = service(s).ports();
            add(s, "NDStdArraysConfigure", () -> new NDPluginStdArrays(a.get(0), ports, q, b, a.get(3), addr));
        });
        sh.register("adReport", "adReport  (area detector ports: camera state, plugin wiring and queues)", (s, a) -> {
            for (PortDriver p : service(s).ports().all()) s.out().println(p.report());
        });
    }

    /** Builds a port; IllegalArgumentException for bad arguments. */
    public interface Maker {
        PortDriver make();
    }

    /** Make a port and add it; a bad argument or a taken name is the command's error. Public for other plugins. */
    public static void add(IocShell s, String cmd, Maker m) throws ShellException {
        AreaDetectorService svc = service(s);
        if (s.ioc().isInitialized()) throw new ShellException(cmd + ": ports must be made before iocInit");
        try {
            svc.addPort(m.make());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ShellException(cmd + ": " + e.getMessage());
        }
    }

    /** The IOC's area detector service, or the shell error saying it is missing. */
    public static AreaDetectorService service(IocShell s) throws ShellException {
        AreaDetectorService a = s.ioc().service(AreaDetectorService.class);
        if (a == null) throw new ShellException("area detector support is not available in this IOC");
        return a;
    }

}
