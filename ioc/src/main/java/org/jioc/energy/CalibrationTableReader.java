package org.jioc.energy;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;

/**
 * Reads a calibration table with Jackson's streaming parser, which knows the line and column of every token, so
 * that each mistake is reported where it is: "energy-2bm.json:41:25: Mono row 20.000 keV: position of dmm_bragg1
 * is not a number". Syntax errors (including NaN, which JSON does not have, and duplicate keys) come from Jackson
 * with its location. The layout:
 * <pre>
 * { "description": "...",
 *   "axes":  { "dmm_bragg1": { "motor": "2bma:m6", "kind": "move", "description": "DMM M1 Bragg (deg)" }, ... },
 *   "modes": { "Mono": [ { "energy": 20.0, "saved": "2026-11-21T10:00:00Z", "positions": { "dmm_bragg1": 1.2498, ... } },
 *                        ... ],
 *              "Pink": [ ... ] } }
 * </pre>
 */
final class CalibrationTableReader {
    /**
     * Duplicate keys and NaN/Infinity are found by the reader itself, which reports the token's own place (Jackson's
     * errors point just after it).
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    private static final Pattern AXIS_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    /** A row as written, with where each part is, checked once the axes are known. */
    private record RawRow(double energy, String saved, Map<String, Double> positions, Map<String, String> where,
            String at) { }

    private final Path file;
    private JsonParser p;
    private String description = "";
    private List<Axis> axes;
    private final Map<String, List<RawRow>> modes = new LinkedHashMap<>();
    private String modesAt;

    CalibrationTableReader(Path file) { this.file = file; }

    CalibrationTable read() throws CalibrationException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                JsonParser parser = JSON.createParser(in)) {
            p = parser;
            return table();
        } catch (JsonProcessingException e) {
            throw new CalibrationException(at(e.getLocation()) + jacksonMessage(e));
        } catch (NoSuchFileException e) {
            throw new CalibrationException(file + ": no such file");
        } catch (IOException e) {
            throw new CalibrationException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Jackson's message without its hints about parser features (an operator cannot enable them). */
    private static String jacksonMessage(JsonProcessingException e) {
        String m = e.getOriginalMessage();
        int hint = m.indexOf(": enable `");
        return hint > 0 ? m.substring(0, hint) : m;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Structure

    private CalibrationTable table() throws IOException, CalibrationException {
        next(JsonToken.START_OBJECT, "the table (a JSON object)");
        String start = here();
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = key(seen);
            String keyAt = here();
            switch (key) {
                case "description" -> description = string("description");
                case "axes" -> axes(keyAt);
                case "modes" -> {
                    modesAt = keyAt;
                    modes();
                }
                default -> throw error(keyAt, "unknown key \"" + key + "\" (expected description, axes, modes)");
            }
        }
        JsonToken after = p.nextToken();
        if (after != null) throw error(here(), "unexpected " + describe(after) + " after the table");
        if (axes == null) throw error(start, "the table has no \"axes\"");
        if (modesAt == null) throw error(start, "the table has no \"modes\"");
        Map<String, ModeCurve> curves = new LinkedHashMap<>();
        for (Map.Entry<String, List<RawRow>> m : modes.entrySet())
            curves.put(m.getKey(), new ModeCurve(m.getKey(), axes, rows(m.getKey(), m.getValue())));
        return new CalibrationTable(file, description, axes, curves);
    }

    private void axes(String keyAt) throws IOException, CalibrationException {
        next(JsonToken.START_OBJECT, "\"axes\" (an object: axis name -> {motor, kind})");
        List<Axis> out = new ArrayList<>();
        Map<String, String> motors = new HashMap<>();
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = key(seen);
            String at = here();
            if (!AXIS_NAME.matcher(name).matches())
                throw error(at, "axis name \"" + name + "\" must be a letter followed by letters, digits or _");
            Axis a = axis(name, at);
            String other = motors.putIfAbsent(a.motor(), name);
            if (other != null) throw error(at, "axis " + name + ": motor " + a.motor() + " is already axis " + other);
            out.add(a);
        }
        if (out.isEmpty()) throw error(keyAt, "\"axes\" is empty");
        axes = out;
    }

    private Axis axis(String name, String at) throws IOException, CalibrationException {
        next(JsonToken.START_OBJECT, "axis " + name + " (an object with motor and kind)");
        String motor = null, desc = "";
        AxisKind kind = null;
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = key(seen);
            String keyAt = here();
            switch (key) {
                case "motor" -> {
                    motor = string("axis " + name + " motor").trim();
                    if (motor.isEmpty() || motor.chars().anyMatch(Character::isWhitespace))
                        throw error(here(), "axis " + name + ": \"" + motor + "\" is not a motor record name");
                }
                case "kind" -> {
                    String k = string("axis " + name + " kind");
                    kind = AxisKind.of(k);
                    if (kind == null) throw error(here(), "axis " + name + ": kind \"" + k
                            + "\" is neither \"move\" (interpolated) nor \"pos\" (calibrated points only)");
                }
                case "description" -> desc = string("axis " + name + " description");
                default -> throw error(keyAt, "axis " + name + ": unknown key \"" + key
                        + "\" (expected motor, kind, description)");
            }
        }
        if (motor == null) throw error(at, "axis " + name + " has no \"motor\"");
        if (kind == null) throw error(at, "axis " + name + " has no \"kind\" (\"move\" or \"pos\")");
        return new Axis(name, motor, kind, desc, at);
    }

    private void modes() throws IOException, CalibrationException {
        next(JsonToken.START_OBJECT, "\"modes\" (an object: mode name -> list of rows)");
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String mode = key(seen);
            String at = here();
            if (!CalibrationTable.MODES.contains(mode)) throw error(at, "unknown mode \"" + mode + "\" (known: "
                    + String.join(", ", CalibrationTable.MODES) + ")");
            next(JsonToken.START_ARRAY, mode + " (a list of rows)");
            List<RawRow> rows = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) rows.add(row(mode));
            if (rows.isEmpty()) throw error(at, mode + " has no rows");
            modes.put(mode, rows);
        }
        if (modes.isEmpty()) throw error(modesAt, "\"modes\" is empty");
    }

    private RawRow row(String mode) throws IOException, CalibrationException {
        String at = here();
        expect(JsonToken.START_OBJECT, "a " + mode + " row (an object with energy and positions)");
        Double energy = null;
        String energyAt = at, saved = null;
        Map<String, Double> positions = null;
        Map<String, String> where = new HashMap<>();
        Set<String> seen = new HashSet<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = key(seen);
            String keyAt = here();
            switch (key) {
                case "energy" -> {
                    energy = number(mode + " row energy");
                    energyAt = here();
                    if (energy <= 0) throw error(energyAt, mode + " row energy " + energy + " keV must be > 0");
                }
                case "saved" -> saved = string(mode + " row saved");
                case "positions" -> {
                    positions = new LinkedHashMap<>();
                    String what = mode + " row" + (energy == null ? "" : " " + ModeCurve.kev(energy) + " keV");
                    next(JsonToken.START_OBJECT, what + " positions (an object: axis name -> number)");
                    Set<String> axesSeen = new HashSet<>();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String axis = key(axesSeen);
                        where.put(axis, here());
                        positions.put(axis, number(what + ": position of " + axis));
                    }
                }
                default -> throw error(keyAt, mode + " row: unknown key \"" + key
                        + "\" (expected energy, positions, saved)");
            }
        }
        if (energy == null) throw error(at, mode + " row has no \"energy\"");
        if (positions == null) throw error(at, mode + " row " + ModeCurve.kev(energy) + " keV has no \"positions\"");
        return new RawRow(energy, saved, positions, where, energyAt);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Checks that need the axes

    /** The mode's rows sorted by energy; every row positions exactly the table's axes; no energy twice. */
    private List<CalibrationRow> rows(String mode, List<RawRow> raw) throws CalibrationException {
        List<CalibrationRow> out = new ArrayList<>();
        Map<String, Axis> byName = new HashMap<>();
        for (Axis a : axes) byName.put(a.name(), a);
        Map<Double, RawRow> seen = new HashMap<>();
        for (RawRow r : raw) {
            String what = mode + " row " + ModeCurve.kev(r.energy()) + " keV";
            RawRow twin = seen.putIfAbsent(ModeCurve.round(r.energy()), r);
            if (twin != null) throw error(r.at(), what + " is calibrated twice (first at " + twin.at() + ")");
            for (String axis : r.positions().keySet())
                if (!byName.containsKey(axis))
                    throw error(r.where().get(axis), what + ": unknown axis \"" + axis + "\" (axes: "
                            + String.join(", ", byName.keySet().stream().sorted().toList()) + ")");
            List<String> missing = new ArrayList<>();
            for (Axis a : axes) if (!r.positions().containsKey(a.name())) missing.add(a.name());
            if (!missing.isEmpty())
                throw error(r.at(), what + " has no position for " + String.join(", ", missing));
            out.add(new CalibrationRow(r.energy(), r.positions(), r.saved(), r.at()));
        }
        out.sort(Comparator.comparingDouble(CalibrationRow::energy));
        return out;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tokens

    /** The current field name, which must not have been seen before in its object. */
    private String key(Set<String> seen) throws IOException, CalibrationException {
        String k = p.currentName();
        if (!seen.add(k)) throw error(here(), "\"" + k + "\" given twice");
        return k;
    }

    private void next(JsonToken want, String what) throws IOException, CalibrationException {
        p.nextToken();
        expect(want, what);
    }

    private void expect(JsonToken want, String what) throws IOException, CalibrationException {
        JsonToken t = p.currentToken();
        if (t != want) throw error(here(), "expected " + what + " but found " + describe(t));
    }

    private String string(String what) throws IOException, CalibrationException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_STRING) throw error(here(), what + " must be a string, not " + describe(t));
        return p.getText();
    }

    private double number(String what) throws IOException, CalibrationException {
        JsonToken t = p.nextToken();
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT)
            throw error(here(), what + " is not a number (" + describe(t) + ")");
        double v = p.getDoubleValue();
        if (!Double.isFinite(v)) throw error(here(), what + " " + p.getText() + " is not a finite number");
        return v;
    }

    private String describe(JsonToken t) throws IOException {
        if (t == null) return "the end of the file";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "a list";
            case VALUE_STRING -> "the string \"" + p.getText() + "\"";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + p.getText();
            case VALUE_TRUE, VALUE_FALSE -> p.getText();
            case VALUE_NULL -> "null";
            default -> "'" + p.getText() + "'";
        };
    }

    /** "file:line:column" of the current token. */
    private String here() { return where(p.currentTokenLocation()); }

    private String where(JsonLocation l) {
        return file + ":" + l.getLineNr() + ":" + l.getColumnNr();
    }

    private String at(JsonLocation l) { return l == null ? file + ": " : where(l) + ": "; }

    private static CalibrationException error(String where, String message) {
        return new CalibrationException(where + ": " + message);
    }
}
