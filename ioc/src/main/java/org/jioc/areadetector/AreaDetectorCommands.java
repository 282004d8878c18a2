package org.jioc.areadetector;

import java.util.List;

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
            PluginArgs p = PluginArgs.parse(a, 5, std, "NDStdArraysConfigure");
            var ports = service(s).ports();
            add(s, "NDStdArraysConfigure",
                    () -> new NDPluginStdArrays(p.port(), ports, p.queueSize(), p.blocking(), p.source(), p.addr()));
        });
        sh.register("adReport", "adReport  (area detector ports: camera state, plugin wiring and queues)", (s, a) -> {
            for (PortDriver p : service(s).ports().all()) s.out().println(p.report());
        });
    }

    /**
     * The arguments every plugin's configure command starts with, as areaDetector's:
     * (port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr, ...).
     */
    public record PluginArgs(String port, int queueSize, boolean blocking, String source, int addr) {
        /** Parsed from a command's arguments (at least minArgs of them); a bad one is the command's error. */
        public static PluginArgs parse(List<String> a, int minArgs, String usage, String cmd) throws ShellException {
            IocShell.need(a, minArgs, usage);
            return new PluginArgs(a.get(0), IocShell.intArg(a, 1, 20, cmd), IocShell.intArg(a, 2, 0, cmd) != 0,
                    a.get(3), IocShell.intArg(a, 4, 0, cmd));
        }
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
