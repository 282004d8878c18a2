package org.jioc.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The SQL of the runs, run_files and scan_id tables, as units of work for {@link CatalogDatabase#transaction}. */
final class RunStore {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_COLUMNS = "uid, scan_id, plan_name, plan_args, motors, detectors, num_points,"
            + " start_time, stop_time, exit_status, reason, num_events, start_doc, stop_doc";

    private RunStore() { }

    /** previous + 1, atomically: the UPDATE holds the counter row's lock until the transaction commits. */
    static long allocateScanId(Connection c) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE catalog_meta SET int_value = int_value + 1 WHERE name = 'last_scan_id'")) {
            if (up.executeUpdate() != 1) throw new SQLException("catalog_meta has no row 'last_scan_id'");
        }
        return CatalogSchema.meta(c, "last_scan_id");
    }

    /** Make the counter at least scanId (a run recorded with an id chosen elsewhere). */
    static void raiseScanId(Connection c, long scanId) throws SQLException {
        try (PreparedStatement up = c.prepareStatement(
                "UPDATE catalog_meta SET int_value = ? WHERE name = 'last_scan_id' AND int_value < ?")) {
            up.setLong(1, scanId);
            up.setLong(2, scanId);
            up.executeUpdate();
        }
    }

    static long lastScanId(Connection c) throws SQLException { return CatalogSchema.meta(c, "last_scan_id"); }

    static void insertRun(Connection c, ObjectNode start) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO runs (uid, scan_id, plan_name, plan_args, motors,"
                + " detectors, num_points, start_time, exit_status, start_doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ins.setString(1, start.path("uid").asText());
            ins.setLong(2, start.path("scan_id").asLong());
            ins.setString(3, start.hasNonNull("plan_name") ? start.get("plan_name").asText() : null);
            ins.setString(4, jsonOrNull(start.get("plan_args")));
            ins.setString(5, jsonOrNull(start.get("motors")));
            ins.setString(6, jsonOrNull(start.get("detectors")));
            if (start.path("num_points").canConvertToInt()) ins.setInt(7, start.get("num_points").asInt());
            else ins.setNull(7, Types.INTEGER);
            ins.setObject(8, time(epochSeconds(start.path("time").asDouble())));
            ins.setString(9, ExitStatus.RUNNING.sql());
            ins.setString(10, json(start));
            ins.executeUpdate();
        }
    }

    static void closeRun(Connection c, String uid, ObjectNode stop) throws SQLException, CatalogException {
        long total = 0;
        for (JsonNode n : stop.path("num_events")) total += n.asLong();
        try (PreparedStatement up = c.prepareStatement("UPDATE runs SET stop_time = ?, exit_status = ?, reason = ?,"
                + " num_events = ?, stop_doc = ? WHERE uid = ?")) {
            up.setObject(1, time(epochSeconds(stop.path("time").asDouble())));
            up.setString(2, stop.path("exit_status").asText());
            up.setString(3, stop.path("reason").asText());
            up.setLong(4, total);
            up.setString(5, json(stop));
            up.setString(6, uid);
            if (up.executeUpdate() != 1) throw new CatalogException("no run with uid " + uid + " in the catalog");
        }
    }

    static void addFile(Connection c, String uid, RunFile f) throws SQLException, CatalogException {
        try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM runs WHERE uid = ?")) {
            q.setString(1, uid);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) throw new CatalogException("no run with uid " + uid + " in the catalog");
            }
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO run_files (run_uid, path, kind, first_frame,"
                + " last_frame, created) VALUES (?, ?, ?, ?, ?, ?)")) {
            ins.setString(1, uid);
            ins.setString(2, f.path());
            ins.setString(3, f.kind());
            if (f.firstFrame() == null) {
                ins.setNull(4, Types.BIGINT);
                ins.setNull(5, Types.BIGINT);
            } else {
                ins.setLong(4, f.firstFrame());
                ins.setLong(5, f.lastFrame());
            }
            ins.setObject(6, time(Instant.now()));
            ins.executeUpdate();
        }
    }

    static List<RunEntry> select(Connection c, String where, Object param, int limit) throws SQLException {
        String sql = "SELECT " + RUN_COLUMNS + " FROM runs" + (where == null ? "" : " WHERE " + where)
                + " ORDER BY scan_id DESC, start_time DESC LIMIT " + Math.max(1, limit);
        Map<String, RunEntry> runs = new LinkedHashMap<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            if (param != null) q.setObject(1, param);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    RunEntry r = row(rs, new ArrayList<>());
                    runs.put(r.uid(), r);
                }
            }
        }
        if (runs.isEmpty()) return List.of();
        String in = String.join(",", java.util.Collections.nCopies(runs.size(), "?"));
        try (PreparedStatement q = c.prepareStatement("SELECT run_uid, path, kind, first_frame, last_frame"
                + " FROM run_files WHERE run_uid IN (" + in + ") ORDER BY id")) {
            int i = 1;
            for (String uid : runs.keySet()) q.setString(i++, uid);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long first = rs.getLong(4);
                    Long firstFrame = rs.wasNull() ? null : first;
                    long last = rs.getLong(5);
                    Long lastFrame = rs.wasNull() ? null : last;
                    runs.get(rs.getString(1)).files().add(new RunFile(rs.getString(2), rs.getString(3), firstFrame,
                            lastFrame));
                }
            }
        }
        List<RunEntry> out = new ArrayList<>();
        for (RunEntry r : runs.values()) out.add(new RunEntry(r.uid(), r.scanId(), r.planName(), r.planArgs(),
                r.motors(), r.detectors(), r.numPoints(), r.startTime(), r.stopTime(), r.exitStatus(), r.reason(),
                r.numEvents(), r.startDoc(), r.stopDoc(), List.copyOf(r.files())));
        return out;
    }

    private static RunEntry row(ResultSet rs, List<RunFile> files) throws SQLException {
        int np = rs.getInt("num_points");
        Integer numPoints = rs.wasNull() ? null : np;
        long ne = rs.getLong("num_events");
        Long numEvents = rs.wasNull() ? null : ne;
        return new RunEntry(rs.getString("uid"), rs.getLong("scan_id"), rs.getString("plan_name"),
                parse(rs.getString("plan_args")), names(parse(rs.getString("motors"))),
                names(parse(rs.getString("detectors"))), numPoints, instant(rs, "start_time"),
                instant(rs, "stop_time"), ExitStatus.ofSql(rs.getString("exit_status")), rs.getString("reason"),
                numEvents, parse(rs.getString("start_doc")), parse(rs.getString("stop_doc")), files);
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) for (JsonNode n : array) out.add(n.asText());
        return List.copyOf(out);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime time(Instant t) { return t.atOffset(ZoneOffset.UTC); }

    static Instant epochSeconds(double seconds) {
        if (!(seconds > 0)) return Instant.now();
        long s = (long) Math.floor(seconds);
        return Instant.ofEpochSecond(s, Math.round((seconds - s) * 1e9));
    }

    static String json(JsonNode n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String jsonOrNull(JsonNode n) { return n == null || n.isNull() ? null : json(n); }

    static JsonNode parse(String text) throws SQLException {
        if (text == null) return null;
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SQLException("catalog holds invalid JSON: " + e.getOriginalMessage());
        }
    }
}
