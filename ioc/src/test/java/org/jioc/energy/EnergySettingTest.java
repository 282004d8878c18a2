package org.jioc.energy;

import static org.jioc.energy.EnergyTestIoc.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jioc.db.DbException;
import org.jioc.shell.ShellException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * energy_setting in an IOC with simulated motors (pv-definitions/test/energy.cmd, table energy-test.json: Mono
 * 10/15/20 keV, Pink 30/40 keV; axes bragg m1, y2 m2, pitch m3 "move", filter m4 "pos"): a put-callback on
 * EnergyMove completes only when every motor is at its curve position; an energy outside the calibration or a
 * target beyond a soft limit fails before any motor is touched; an abort in the middle of the move stops the
 * motors and leaves Status Aborted with EnergyMove Done; table and motor mistakes stop iocInit.
 */
class EnergySettingTest {
    static final String[] MOTORS = {"m1", "m2", "m3", "m4"};

    @TempDir
    Path dir;
    EnergyTestIoc t;

    @AfterEach
    void stop() {
        if (t != null) t.close();
    }

    private EnergyTestIoc ioc() throws Exception {
        t = new EnergyTestIoc(dir).start(dir);
        return t;
    }

    /** Set Energy and EnergyMode, then EnergyMove = 1 with put-callback. */
    private CompletableFuture<DbException> move(double kev, String mode) throws DbException {
        t.put("Energy", Double.toString(kev));
        t.put("EnergyMode", mode);
        return t.putCallback("ca:op@host", "EnergyMove", "1");
    }

    private static DbException completed(CompletableFuture<DbException> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private void assertAt(String motor, double position) {
        assertEquals(1, t.getDouble(motor + ".DMOV"), motor + " still moving");
        assertEquals(position, t.getDouble(motor + ".RBV"), 1e-9 + t.getDouble(motor + ".MRES"), motor + ".RBV");
    }

    private void assertEnded(String status, String message) {
        assertEquals(status, t.get("EnergySetting:Status"));
        assertEquals("Done", t.get("EnergyMove"), "the busy is Done whatever the ending");
        assertEquals(message, t.get("EnergyStatus"));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Moves

    @Test
    void aPutCallbackOnEnergyMoveCompletesWithEveryMotorOnTheInterpolatedCurve() throws Exception {
        ioc();
        assertEquals("Set", t.get("EnergySetting:Start.ONAM"), "the energy IOC's busy states, Done/Set");
        CompletableFuture<DbException> done = move(12.5, "Mono");
        until("moving", () -> t.getDouble("m1.DMOV") == 0);
        assertEquals("Set", t.get("EnergyMove"));
        assertFalse(done.isDone(), "the put-callback stays open while the motors move");
        assertNull(completed(done));
        // 12.5 keV is half way from the 10 keV row to the 15 keV row
        assertAt("m1", 2.5 + 0.5 * (1.7 - 2.5));
        assertAt("m2", 12 + 0.5 * (8 - 12));
        assertAt("m3", 2.6);
        assertAt("m4", 0);
        assertEnded("Done", "Done: Mono 12.500 keV");
        assertEquals(12.5, t.getDouble("EnergyRBV"));
        assertEquals("Mono", t.get("EnergyModeRBV"));
        assertEquals("verify", t.get("EnergySetting:Step"));
    }

    @Test
    void aCalibratedEnergyAlsoSetsThePosAxes() throws Exception {
        ioc();
        assertNull(completed(move(15, "Mono")));
        assertAt("m1", 1.7);
        assertAt("m2", 8);
        assertAt("m4", 60);
        assertEnded("Done", "Done: Mono 15.000 keV");

        t.put("m4.VAL", "10");                      // someone moves the filter by hand
        until("filter moved", () -> t.getDouble("m4.DMOV") == 1 && Math.abs(t.getDouble("m4.RBV") - 10) < 0.01);
        assertNull(completed(move(17.5, "Mono")));
        assertAt("m1", 1.7 + 0.5 * (1.25 - 1.7));
        assertAt("m4", 10);                          // between rows the POS axis stays where it is
        assertEnded("Done", "Done: Mono 17.500 keV");

        assertNull(completed(move(40, "Pink")));
        assertAt("m1", 0);
        assertAt("m2", 18);
        assertAt("m3", 1.9635);
        assertAt("m4", 180);
        assertEnded("Done", "Done: Pink 40.000 keV");
        assertEquals("Pink", t.get("EnergyModeRBV"));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Refused before any motion

    /** The posts of every motor's VAL, RBV and DMOV from now on. */
    private Map<String, List<String>> watchMotors() {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (String m : MOTORS) for (String f : new String[] {".VAL", ".RBV", ".DMOV"}) seen.put(m + f, t.posts(m + f));
        return seen;
    }

    private static void assertUntouched(Map<String, List<String>> seen) {
        seen.forEach((pv, posts) -> assertEquals(List.of(), posts, pv + " was touched"));
    }

    @Test
    void anEnergyOutsideTheCalibrationMovesNothingAndSaysWhy() throws Exception {
        ioc();
        assertNull(completed(move(15, "Mono")));
        Thread.sleep(200);                           // the last readback posts are over
        Map<String, List<String>> seen = watchMotors();
        assertNull(completed(move(25, "Mono")));
        assertEnded("Failed", "Failed in step 'check': 25.000 keV is outside the Mono calibration (10.000 to 20.000"
                + " keV); no motor moved");
        assertNull(completed(move(20, "Pink")));
        assertEnded("Failed", "Failed in step 'check': 20.000 keV is outside the Pink calibration (30.000 to 40.000"
                + " keV); no motor moved");
        Thread.sleep(300);
        assertUntouched(seen);
        assertAt("m1", 1.7);
        assertEquals(15.0, t.getDouble("EnergyRBV"), "the readback still says where the optics are");
    }

    @Test
    void aTargetBeyondASoftLimitMovesNothingAndSaysWhy() throws Exception {
        ioc();
        t.put("m2.DHLM", "10");
        Thread.sleep(200);
        Map<String, List<String>> seen = watchMotors();
        assertNull(completed(move(10, "Mono")));     // y2 would go to 12
        assertEnded("Failed", "Failed in step 'check': y2 target 12 is beyond jioc:energy:m2's soft limits (-5 to"
                + " 10); no motor moved");
        Thread.sleep(300);
        assertUntouched(seen);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Abort

    @Test
    void anAbortInTheMiddleOfTheMoveStopsTheMotors() throws Exception {
        ioc();
        t.put("m1.VELO", "0.5");                     // 0 -> 2.5 deg now takes 5 s
        CompletableFuture<DbException> done = move(10, "Mono");
        until("m1 under way", () -> t.getDouble("m1.RBV") > 0.3);
        assertEquals("move", t.get("EnergySetting:Step"));
        assertTrue(Double.isNaN(t.getDouble("EnergyRBV")), "between energies while moving");
        t.put("ca:alice@ws3", "EnergyAbort", "1");
        assertNull(completed(done));
        assertEquals("Aborted", t.get("EnergySetting:Status"));
        assertEquals("Done", t.get("EnergyMove"));
        assertTrue(t.get("EnergyStatus").startsWith("Aborted by ca:alice@ws3 via jioc:energy:EnergySetting:Abort in "
                + "step 'move'"), t.get("EnergyStatus"));
        until("every motor stopped", () -> {
            for (String m : MOTORS) if (t.getDouble(m + ".DMOV") != 1) return false;
            return true;
        });
        double stoppedAt = t.getDouble("m1.RBV");
        assertTrue(stoppedAt < 2.0, "m1 stopped short of 2.5, at " + stoppedAt);
        Thread.sleep(300);
        assertEquals(stoppedAt, t.getDouble("m1.RBV"), "and stays there");
        assertTrue(Double.isNaN(t.getDouble("EnergyRBV")), "the optics are at no calibrated energy");
        assertEquals("Ready", t.get("EnergySetting:Precheck"));

        t.put("m1.VELO", "2");
        assertNull(completed(move(10, "Mono")), "the next move works");
        assertAt("m1", 2.5);
        assertEnded("Done", "Done: Mono 10.000 keV");
    }

    // -------------------------------------------------------------------------------------------------------------
    // iocInit

    @Test
    void aBadTableStopsIocInitWithItsPlace() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, Files.readString(EnergyTestIoc.TEST_TABLE).replace("\"pitch\": 2.6, \"filter\": 0.0",
                "\"pitch\": 2.6, \"filter\": 0.0, \"pitch\": 2.7"));
        t = new EnergyTestIoc(dir);
        ShellException e = assertThrows(ShellException.class, () -> t.start(dir, bad));
        assertTrue(e.getMessage().contains("jioc:energy:EnergySetting:Start: " + bad + ":12:78: \"pitch\" given twice"),
                e.getMessage());
        assertFalse(t.ioc.isInitialized(), "nothing half-starts");
    }

    @Test
    void aTableMotorThatIsNotInTheIocStopsIocInit() throws Exception {
        Path bad = dir.resolve("nomotor.json");
        Files.writeString(bad, Files.readString(EnergyTestIoc.TEST_TABLE).replace("jioc:energy:m3", "jioc:energy:m9"));
        t = new EnergyTestIoc(dir);
        ShellException e = assertThrows(ShellException.class, () -> t.start(dir, bad));
        assertTrue(e.getMessage().contains(bad + ":6:5: axis pitch: jioc:energy:m9 is not a motor record of this IOC"
                + " (no jioc:energy:m9.VAL)"), e.getMessage());
        assertFalse(t.ioc.isInitialized());
    }
}
