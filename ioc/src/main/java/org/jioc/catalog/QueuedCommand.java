package org.jioc.catalog;

import java.time.Instant;

/** One row of the commands table. */
public record QueuedCommand(long id, String command, String arguments, CommandStatus status, Long runOrder,
                            Instant requestTime, Instant startTime, Instant modifyTime, String outputValue,
                            String outputFile, String notes, String submittedBy, String claimedBy) {
    @Override
    public String toString() { return "#" + id + " " + command; }
}
