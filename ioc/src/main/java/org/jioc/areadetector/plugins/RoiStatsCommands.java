package org.jioc.areadetector.plugins;

import org.jioc.areadetector.AreaDetectorCommands;
import org.jioc.areadetector.asyn.PortRegistry;
import org.jioc.shell.IocShell;

/**
 * NDROIConfigure and NDStatsConfigure with areaDetector's arguments (the trailing maxBuffers, maxMemory, priority,
 * stackSize and maxThreads are accepted and ignored, as for the other plugins: see AreaDetectorCommands).
 */
public final class RoiStatsCommands {
    private RoiStatsCommands() { }

    /** Builds a plugin from the parsed arguments. */
    private interface PluginMaker {
        org.jioc.areadetector.NDPluginDriver make(String port, PortRegistry ports, int queueSize, boolean blocking,
                                                  String source, int addr);
    }

    public static void register(IocShell sh) {
        configure(sh, "NDROIConfigure", NDPluginROI::new);
        configure(sh, "NDStatsConfigure", NDPluginStats::new);
    }

    private static void configure(IocShell sh, String cmd, PluginMaker maker) {
        String usage = cmd + "(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr[, maxBuffers, maxMemory, "
                + "priority, stackSize, maxThreads])";
        sh.register(cmd, usage, (s, a) -> {
            AreaDetectorCommands.PluginArgs p = AreaDetectorCommands.PluginArgs.parse(a, 5, usage, cmd);
            PortRegistry ports = AreaDetectorCommands.service(s).ports();
            AreaDetectorCommands.add(s, cmd,
                    () -> maker.make(p.port(), ports, p.queueSize(), p.blocking(), p.source(), p.addr()));
        });
    }
}
