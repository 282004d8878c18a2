package org.jioc.catalog;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** One run as the catalog holds it. stopTime, reason and numEvents are null while it runs. */
public record RunEntry(String uid, long scanId, String planName, JsonNode planArgs, List<String> motors,
                       List<String> detectors, Integer numPoints, Instant startTime, Instant stopTime,
                       ExitStatus exitStatus, String reason, Long numEvents, JsonNode startDoc, JsonNode stopDoc,
                       List<RunFile> files) {
}
