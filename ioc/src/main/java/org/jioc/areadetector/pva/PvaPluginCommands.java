package org.jioc.areadetector.pva;

import org.jioc.areadetector.AreaDetectorCommands;
import org.jioc.pva.PvaService;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/** {@code NDPvaConfigure}, with ADCore's arguments (maxBuffers and the rest are accepted and ignored, see NDArray). */
public final class PvaPluginCommands {
    private PvaPluginCommands() { }

    static final String USAGE = "NDPvaConfigure(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr, pvName"
            + "[, maxBuffers, maxMemory, priority, stackSize, maxThreads])";

    public static void register(IocShell sh) {
        sh.register("NDPvaConfigure", USAGE, (s, a) -> {
            AreaDetectorCommands.PluginArgs p = AreaDetectorCommands.PluginArgs.parse(a, 6, USAGE, "NDPvaConfigure");
            String name = a.get(5).trim();
            if (name.isEmpty()) throw new ShellException("NDPvaConfigure: pvName is empty");
            PvaService pva = s.ioc().service(PvaService.class);
            if (pva == null) throw new ShellException("NDPvaConfigure: pvAccess is not available in this IOC");
            var ports = AreaDetectorCommands.service(s).ports();
            AreaDetectorCommands.add(s, "NDPvaConfigure",
                    () -> new NDPluginPva(p.port(), ports, p.queueSize(), p.blocking(), p.source(), p.addr(), name,
                            pva.ownedChannels()));
        });
    }
}
