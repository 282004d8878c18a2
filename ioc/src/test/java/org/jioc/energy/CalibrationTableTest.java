package org.jioc.energy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading calibration tables: the shipped ones load, rows come out sorted with their metadata, and every kind of
 * mistake stops with "file:line:column: message" pointing at the mistake. The expected place is marked "@@" in
 * each test's JSON (the marker is removed before the file is written), so the line and column are checked exactly.
 */
class CalibrationTableTest {
    @TempDir
    Path dir;

    static Path repo(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path f = d.resolve(relative);
            if (Files.exists(f)) return f;
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }

    static final String AXES = """
              "axes": {
                "bragg": {"motor": "t:m1", "kind": "move", "description": "Bragg (deg)"},
                "y2": {"motor": "t:m2", "kind": "move"},
                "filter": {"motor": "t:m3", "kind": "pos"}
              },
            """;

    private Path write(String json) throws Exception {
        Path f = dir.resolve("table.json");
        Files.writeString(f, json.replace("@@", ""));
        return f;
    }

    /** "line:column" of the "@@" marker in json. */
    private static String place(String json) {
        int at = json.indexOf("@@");
        assertTrue(at >= 0, "test JSON has no @@ marker");
        String before = json.substring(0, at);
        return (before.chars().filter(c -> c == '\n').count() + 1) + ":" + (at - before.lastIndexOf('\n'));
    }

    /** Reading json fails with message at the "@@" marker's line and column. */
    private void fails(String json, String message) throws Exception {
        Path f = write(json);
        CalibrationException e = assertThrows(CalibrationException.class, () -> CalibrationTable.read(f));
        assertEquals(f + ":" + place(json) + ": " + message, e.getMessage());
    }

    private static String table(String mono) {
        return "{\n" + AXES + "  \"modes\": {\n    \"Mono\": [\n" + mono + "\n    ]\n  }\n}\n";
    }

    private static String row(double e, String positions) {
        return "      {\"energy\": " + e + ", \"positions\": {" + positions + "}}";
    }

    // -------------------------------------------------------------------------------------------------------------
    // Good tables

    @Test
    void theShippedTablesLoad() throws Exception {
        CalibrationTable t = CalibrationTable.read(repo("pv-definitions/default/energy-2bm.json"));
        assertEquals(List.of("Mono", "Pink"), List.copyOf(t.modes()));
        assertEquals(12, t.axes().size());
        assertEquals(List.of("13.374", "15.000", "17.000", "20.000", "22.700", "25.584"), t.curve("Mono").energies());
        assertEquals(List.of("30.000", "40.000", "50.000", "60.000"), t.curve("Pink").energies());
        assertEquals(2.618, t.curve("Pink").rows().get(0).positions().get("m1_pitch"));
        CalibrationTable test = CalibrationTable.read(repo("pv-definitions/test/energy-test.json"));
        assertEquals(List.of("10.000", "15.000", "20.000"), test.curve("Mono").energies(), "rows are sorted");
    }

    @Test
    void axesRowsAndMetadataAreKept() throws Exception {
        Path f = write(table(row(20.0, "\"bragg\": 1.25, \"y2\": 6, \"filter\": 60") + ",\n"
                + "      {\"energy\": 10.0, \"saved\": \"2026-11-21T09:00:00Z\", \"positions\": "
                + "{\"bragg\": 2.5, \"y2\": 12, \"filter\": 0}}"));
        CalibrationTable t = CalibrationTable.read(f);
        assertEquals(List.of("bragg", "y2", "filter"), t.axes().stream().map(Axis::name).toList());
        Axis bragg = t.axes().get(0);
        assertEquals("t:m1", bragg.motor());
        assertEquals(AxisKind.MOVE, bragg.kind());
        assertEquals("Bragg (deg)", bragg.description());
        assertEquals(f + ":3:5", bragg.where());
        assertEquals(AxisKind.POS, t.axes().get(2).kind());
        ModeCurve mono = t.curve("Mono");
        assertEquals(10.0, mono.lowest());
        assertEquals(20.0, mono.highest());
        assertEquals("2026-11-21T09:00:00Z", mono.rows().get(0).saved(), "the saved stamp is kept");
        assertEquals(null, mono.rows().get(1).saved());
        assertEquals(null, t.curve("Pink"), "a mode the table does not calibrate");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Mistakes, each where it is

    @Test
    void syntaxErrorsComeFromJacksonWithTheirPlace() throws Exception {
        fails(table(row(10.0, "\"bragg\": 2.5 @@\"y2\": 6, \"filter\": 0")),
                "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries");
    }

    @Test
    void nanIsNotANumber() throws Exception {
        fails(table(row(10.0, "\"bragg\": @@NaN, \"y2\": 6, \"filter\": 0")),
                "Mono row 10.000 keV: position of bragg NaN is not a finite number");
    }

    @Test
    void aPositionThatIsAStringIsAnError() throws Exception {
        fails(table(row(10.0, "\"bragg\": @@\"2.5\", \"y2\": 6, \"filter\": 0")),
                "Mono row 10.000 keV: position of bragg is not a number (the string \"2.5\")");
    }

    @Test
    void aNumberTooLargeForADoubleIsAnError() throws Exception {
        fails(table(row(10.0, "\"bragg\": @@-Infinity, \"y2\": 6, \"filter\": 0")),
                "Mono row 10.000 keV: position of bragg -Infinity is not a finite number");
        fails(table(row(10.0, "\"bragg\": @@1e999, \"y2\": 6, \"filter\": 0")),
                "Mono row 10.000 keV: position of bragg 1e999 is not a finite number");
    }

    @Test
    void duplicateKeysAreErrors() throws Exception {
        fails(table(row(10.0, "\"bragg\": 2.5, \"y2\": 6, @@\"bragg\": 2.4, \"filter\": 0")),
                "\"bragg\" given twice");
        fails("{\n" + AXES + "  \"modes\": {\"Mono\": [" + row(10.0, "\"bragg\": 2.5, \"y2\": 6, \"filter\": 0")
                + "]},\n  @@\"modes\": {}\n}\n", "\"modes\" given twice");
    }

    @Test
    void anEnergyCalibratedTwiceIsAnError() throws Exception {
        String first = table(row(10.0, "\"bragg\": 2.5, \"y2\": 6, \"filter\": 0").replace("10.0", "@@10.0"));
        String json = table(row(10.0, "\"bragg\": 2.5, \"y2\": 6, \"filter\": 0") + ",\n"
                + "      {\"energy\": @@10.0004, \"positions\": {\"bragg\": 2.4, \"y2\": 6, \"filter\": 0}}");
        fails(json, "Mono row 10.000 keV is calibrated twice (first at " + write(json) + ":" + place(first) + ")");
    }

    @Test
    void aMissingPositionIsAnError() throws Exception {
        fails(table(row(10.0, "\"bragg\": 2.5, \"filter\": 0").replace("10.0", "@@10.0")),
                "Mono row 10.000 keV has no position for y2");
    }

    @Test
    void aPositionOfAnUnknownAxisIsAnError() throws Exception {
        fails(table(row(10.0, "\"bragg\": 2.5, \"y2\": 6, \"filter\": 0, @@\"y3\": 1")),
                "Mono row 10.000 keV: unknown axis \"y3\" (axes: bragg, filter, y2)");
    }

    @Test
    void anUnknownModeIsAnError() throws Exception {
        fails("{\n" + AXES + "  \"modes\": {\n    @@\"White\": []\n  }\n}\n",
                "unknown mode \"White\" (known: Mono, Pink)");
    }

    @Test
    void aModeWithoutRowsIsAnError() throws Exception {
        fails("{\n" + AXES + "  \"modes\": {\n    @@\"Pink\": []\n  }\n}\n", "Pink has no rows");
    }

    @Test
    void anEnergyMustBePositive() throws Exception {
        fails(table("      {\"energy\": @@-1, \"positions\": {\"bragg\": 2.5, \"y2\": 6, \"filter\": 0}}"),
                "Mono row energy -1.0 keV must be > 0");
    }

    @Test
    void aRowWithoutEnergyIsAnError() throws Exception {
        fails(table("      @@{\"positions\": {\"bragg\": 2.5, \"y2\": 6, \"filter\": 0}}"), "Mono row has no \"energy\"");
    }

    @Test
    void anUnknownKindIsAnError() throws Exception {
        fails("{\n  \"axes\": {\n    \"bragg\": {\"motor\": \"t:m1\", \"kind\": @@\"interp\"}\n  },\n"
                + "  \"modes\": {}\n}\n",
                "axis bragg: kind \"interp\" is neither \"move\" (interpolated) nor \"pos\" (calibrated points only)");
    }

    @Test
    void anAxisWithoutMotorIsAnError() throws Exception {
        fails("{\n  \"axes\": {\n    @@\"bragg\": {\"kind\": \"move\"}\n  }\n}\n", "axis bragg has no \"motor\"");
    }

    @Test
    void oneMotorForTwoAxesIsAnError() throws Exception {
        fails("{\n  \"axes\": {\n    \"a\": {\"motor\": \"t:m1\", \"kind\": \"move\"},\n"
                + "    @@\"b\": {\"motor\": \"t:m1\", \"kind\": \"pos\"}\n  }\n}\n",
                "axis b: motor t:m1 is already axis a");
    }

    @Test
    void unknownKeysAreErrors() throws Exception {
        fails("{\n  @@\"axis\": {}\n}\n", "unknown key \"axis\" (expected description, axes, modes)");
        fails(table("      {\"energy\": 10, @@\"position\": {}}"),
                "Mono row: unknown key \"position\" (expected energy, positions, saved)");
    }

    @Test
    void aTableWithoutModesIsAnError() throws Exception {
        fails("@@{\n" + AXES.replaceAll(",\\s*$", "") + "\n}\n", "the table has no \"modes\"");
    }

    @Test
    void aMissingFileSaysSo() {
        Path f = dir.resolve("nope.json");
        CalibrationException e = assertThrows(CalibrationException.class, () -> CalibrationTable.read(f));
        assertEquals(f + ": no such file", e.getMessage());
    }
}
