package org.jioc.datafile;

import java.util.Objects;

/** The end of a run, as a bluesky RunStop: exit status, reason (empty on success), points done, time (epoch s). */
public record RunStop(ExitStatus exitStatus, String reason, int numPoints, double time) {
    public RunStop {
        Objects.requireNonNull(exitStatus, "exitStatus");
        reason = reason == null ? "" : reason;
        if (numPoints < 0) throw new DataFileException("run stop: numPoints " + numPoints + " < 0");
    }
}
