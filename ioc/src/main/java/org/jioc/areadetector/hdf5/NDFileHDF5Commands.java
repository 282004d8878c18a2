package org.jioc.areadetector.hdf5;

import java.nio.file.Path;

import org.jioc.areadetector.AreaDetectorCommands;
import org.jioc.areadetector.asyn.PortRegistry;
import org.jioc.shell.IocShell;

/**
 * {@code NDFileHDF5Configure(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr[, priority, stackSize])},
 * as in areaDetector (the trailing arguments are accepted and ignored). The spool directory is
 * {@code $(JIOC_HDF5_SPOOL)} if set, else {@code $(JIOC_HOME)/var/hdf5-spool}; the default FilePath is
 * {@code $(JIOC_HOME)/var/data/}. Configuring the first plugin on a spool directory recovers what a crash left there.
 */
public final class NDFileHDF5Commands {
    private NDFileHDF5Commands() { }

    public static void register(IocShell sh) {
        String usage = "NDFileHDF5Configure(port, queueSize, blockingCallbacks, NDArrayPort, NDArrayAddr[, priority, stackSize])";
        sh.register("NDFileHDF5Configure", usage, (s, a) -> {
            AreaDetectorCommands.PluginArgs p = AreaDetectorCommands.PluginArgs.parse(a, 5, usage, "NDFileHDF5Configure");
            var ports = AreaDetectorCommands.service(s).ports();
            var env = s.ioc().env();
            Path home = Path.of(env.getOrDefault("JIOC_HOME", "."));
            String spoolEnv = env.get("JIOC_HDF5_SPOOL");
            AreaDetectorCommands.add(s, "NDFileHDF5Configure", () -> makePlugin(p, ports, home, spoolEnv));
        });
    }

    /** The plugin; a spool or data directory that cannot be made, or a failed recovery, is the command's error. */
    private static NDFileHDF5 makePlugin(AreaDetectorCommands.PluginArgs p, PortRegistry ports, Path home,
                                         String spoolEnv) {
        try {
            Path spool = spoolEnv == null || spoolEnv.isBlank() ? SpoolRecovery.spoolDirectory(home)
                    : SpoolRecovery.ensureDirectory(Path.of(spoolEnv));
            // The default FilePath exists out of the box (FilePathExists_RBV = Yes, as ophyd's stage wants).
            Path data = SpoolRecovery.ensureDirectory(home.resolve("var").resolve("data")).toAbsolutePath();
            return new NDFileHDF5(p.port(), ports, p.queueSize(), p.blocking(), p.source(), p.addr(), spool,
                    data + "/", new SpoolFinaliser());
        } catch (CaptureSpoolException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
