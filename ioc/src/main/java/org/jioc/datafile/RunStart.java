package org.jioc.datafile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The start of a run with the keys of a bluesky RunStart document. {@code time} is POSIX seconds;
 * {@code dimensions} is hints.dimensions (per dimension the field names, stream "primary"); {@code metadata} holds
 * free-form keys (sample, user, shape, extents, snaking, plan_pattern, ...) that are merged into the document
 * below the computed keys, as bluesky's RE.md is.
 */
public record RunStart(String uid, int scanId, double time, String planName, Map<String, Object> planArgs,
                       List<String> motors, List<String> detectors, int numPoints, List<List<String>> dimensions,
                       Map<String, Object> metadata) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    public RunStart {
        Objects.requireNonNull(uid, "uid");
        if (uid.isBlank()) throw new DataFileException("run start: uid is empty");
        if (scanId < 0) throw new DataFileException("run start: scan_id " + scanId + " < 0");
        if (planName == null || planName.isBlank() || !planName.matches("[A-Za-z_][A-Za-z0-9_]*"))
            throw new DataFileException("run start: plan_name '" + planName + "' is not an identifier");
        if (numPoints < 0) throw new DataFileException("run start: num_points " + numPoints + " < 0");
        planArgs = planArgs == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(planArgs));
        motors = List.copyOf(motors == null ? List.of() : motors);
        detectors = List.copyOf(detectors == null ? List.of() : detectors);
        List<List<String>> dims = new ArrayList<>();
        for (List<String> d : dimensions == null ? List.<List<String>>of() : dimensions) dims.add(List.copyOf(d));
        dimensions = List.copyOf(dims);
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The RunStart document: metadata first, then the computed keys on top (they take precedence). */
    public Map<String, Object> document() {
        Map<String, Object> doc = new LinkedHashMap<>(metadata);
        doc.put("uid", uid);
        doc.put("scan_id", scanId);
        doc.put("time", time);
        doc.put("plan_name", planName);
        doc.put("plan_type", "generator");
        doc.put("plan_args", planArgs);
        doc.put("motors", motors);
        doc.put("detectors", detectors);
        doc.put("num_points", numPoints);
        Map<String, Object> hints = new LinkedHashMap<>();
        Object extra = metadata.get("hints");
        if (extra instanceof Map<?, ?> m) m.forEach((k, v) -> hints.put(String.valueOf(k), v));
        List<Object> dims = new ArrayList<>();
        for (List<String> fields : dimensions) dims.add(List.of(fields, "primary"));
        hints.put("dimensions", dims);
        doc.put("hints", hints);
        return doc;
    }

    /** {@link #document()} as JSON (map keys sorted, so equal documents give equal text). */
    public String json() { return toJson(document()); }

    static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new DataFileException("metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
