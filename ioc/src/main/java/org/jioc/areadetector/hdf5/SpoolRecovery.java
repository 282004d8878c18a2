package org.jioc.areadetector.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * At IOC start (iocInit), finalises every spool left in the spool directory: unsealed ones are captures cut short by
 * a crash or kill -9 (their valid frames are kept), sealed ones are captures whose finalise failed or was cut short.
 * Logs one line per file written (with its frame count). A spool that cannot be finalised (e.g. its FilePath still does not exist) is logged as an
 * error and left for the next attempt.
 */
public final class SpoolRecovery {
    private static final Logger LOG = Logger.getLogger(SpoolRecovery.class.getName());

    /** The outcome for one spool: the finalised capture, or the error that left it in place (both null: an empty
     *  spool whose header was cut short, removed). */
    public record Outcome(Path spool, FinalisedCapture result, String error) {}

    private SpoolRecovery() {}

    /** The IOC's spool directory, {@code $(JIOC_HOME)/var/hdf5-spool}, created if missing. */
    public static Path spoolDirectory(Path jiocHome) { return ensureDirectory(jiocHome.resolve("var").resolve("hdf5-spool")); }

    /** {@code dir} as a spool directory, created if missing. */
    public static Path ensureDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CaptureSpoolException("cannot create spool directory " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    public static List<Outcome> recover(Path spoolDir, SpoolFinaliser finaliser) {
        List<Outcome> out = new ArrayList<>();
        if (!Files.isDirectory(spoolDir)) return out;
        List<Path> spools;
        try (Stream<Path> s = Files.list(spoolDir)) {
            spools = s.filter(p -> p.getFileName().toString().endsWith(SpoolFormat.SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new CaptureSpoolException("cannot list spool directory " + spoolDir + ": " + e.getMessage(), e);
        }
        for (Path p : spools) {
            try {
                FinalisedCapture c = finaliser.finalise(p);
                String how = (c.sealed() ? "sealed" : "unsealed") + (c.tornTail().isEmpty() ? "" : ", dropped " + c.tornTail());
                if (c.files().isEmpty()) LOG.info("hdf5 spool " + p.getFileName() + ": no frames (" + how + "), removed");
                for (int k = 0; k < c.files().size(); k++) {
                    LOG.info(String.format("hdf5 spool %s: recovered %d frames into %s (%s)", p.getFileName(),
                            c.framesPerFile().get(k), c.files().get(k), how));
                }
                out.add(new Outcome(p, c, null));
            } catch (EmptySpoolException e) {
                try {
                    Files.delete(p);
                    LOG.info("hdf5 spool " + p.getFileName() + ": header incomplete, no frames, removed");
                    out.add(new Outcome(p, null, null));
                } catch (IOException io) {
                    LOG.severe("hdf5 spool " + p.getFileName() + ": cannot remove empty spool: " + io.getMessage());
                    out.add(new Outcome(p, null, io.getMessage()));
                }
            } catch (CaptureSpoolException e) {
                LOG.severe("hdf5 spool " + p.getFileName() + ": not recovered: " + e.getMessage());
                out.add(new Outcome(p, null, e.getMessage()));
            }
        }
        return out;
    }
}
