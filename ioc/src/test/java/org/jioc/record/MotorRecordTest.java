package org.jioc.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jioc.db.DbException;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.LockSet;
import org.jioc.db.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Motor record semantics on the simulated controller, in simulated time: coordinates, limits and LVIO, the DMOV
 * pulse and put-callback completion, backlash, retries, STOP/SPMG, homing, jogging, SET mode, speeds, faults.
 * Axis 0 has hard limits at +-100 mm (MRES 0.001) and its home switch at 20 mm.
 */
class MotorRecordTest {
    private MotorHarness h;

    @AfterEach
    void stop() {
        if (h != null) h.db.shutdown();
    }

    /** Motor "m" on axis 0 (VELO 1 mm/s, ACCL 0.2 s, soft limits +-50 mm unless fields say otherwise). */
    private MotorHarness start(String... fields) throws Exception {
        h = new MotorHarness(2, 100_000, 20_000);
        String[] all = new String[fields.length + 4];
        all[0] = "DHLM";
        all[1] = "50";
        all[2] = "DLLM";
        all[3] = "-50";
        System.arraycopy(fields, 0, all, 4, fields.length);
        h.motor("m", 0, all);
        h.init();
        return h;
    }

    private static void assertPending(CompletableFuture<String> f) throws InterruptedException {
        Thread.sleep(30);
        assertFalse(f.isDone(), "put-callback completed early");
    }

    private static String done(CompletableFuture<String> f) throws Exception {
        return f.get(5, TimeUnit.SECONDS);
    }

    private void untilDone() throws InterruptedException {
        h.runUntil("DMOV=1", 300, () -> h.lng("m.DMOV") == 1 && !h.axisMoving(0));
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    void putCallbackOnValCompletesOnlyWhenTheMoveIsDone() throws Exception {
        start();
        List<Double> dmov = h.values("m.DMOV");
        List<Double> rbv = h.values("m.RBV");
        CompletableFuture<String> f = h.putNotify("m.VAL", 2);
        assertPending(f);
        assertEquals(0, h.lng("m.DMOV"));
        assertEquals(1, h.lng("m.MOVN"));
        h.run(1.0);
        assertPending(f);
        double mid = h.num("m.RBV");
        assertTrue(mid > 0.5 && mid < 1.5, "RBV follows the motion: " + mid);
        untilDone();
        assertEquals("done", done(f));
        assertEquals(2.0, h.num("m.RBV"), 1e-9);
        assertEquals(2.0, h.num("m.DRBV"), 1e-9);
        assertEquals(2000, h.lng("m.RRBV"));
        assertEquals(0, h.lng("m.MOVN"));
        assertEquals(1, h.lng("m.TDIR"));
        assertEquals(List.of(0.0, 1.0), dmov, "one DMOV pulse per move");
        assertTrue(rbv.size() >= 10, "readback posted while moving: " + rbv.size());
        assertEquals(2.0, rbv.get(rbv.size() - 1), 1e-9);
    }

    @Test
    void zeroLengthMovePulsesDmovAndCompletesThePutCallback() throws Exception {
        start();
        h.put("m.VAL", 1);
        untilDone();
        List<Double> dmov = h.values("m.DMOV");
        CompletableFuture<String> f = h.putNotify("m.VAL", 1);
        assertEquals("done", done(f));
        assertEquals(List.of(0.0, 1.0), dmov);
        assertFalse(h.axisMoving(0));
        // the same through DVAL and a zero tweak
        dmov.clear();
        assertEquals("done", done(h.putNotify("m.DVAL", 1)));
        assertEquals(List.of(0.0, 1.0), dmov);
    }

    @Test
    void aMoveBeyondTheSoftLimitIsRefusedWithLvioAndVALRestored() throws Exception {
        start();
        List<Double> dmov = h.values("m.DMOV");
        CompletableFuture<String> f = h.putNotify("m.VAL", 60);
        assertEquals("done", done(f));
        assertEquals(1, h.lng("m.LVIO"));
        assertEquals(0.0, h.num("m.VAL"), 0, "VAL restored");
        assertEquals(0.0, h.num("m.DVAL"), 0);
        assertEquals(0, h.lng("m.RVAL"));
        assertFalse(h.axisMoving(0), "no motion");
        assertEquals(0.0, h.steps(0), 0);
        assertEquals(List.of(0.0, 1.0), dmov);
        // a legal move clears LVIO
        h.put("m.VAL", 3);
        untilDone();
        assertEquals(0, h.lng("m.LVIO"));
        assertEquals(3.0, h.num("m.RBV"), 1e-9);
    }

    @Test
    void userDialAndRawCoordinatesFollowDirAndOff() throws Exception {
        start("DIR", "Neg", "OFF", "5");
        assertEquals(55.0, h.num("m.HLM"), 0, "DIR=Neg: HLM = -DLLM + OFF");
        assertEquals(-45.0, h.num("m.LLM"), 0);
        assertEquals(5.0, h.num("m.RBV"), 0);
        h.put("m.VAL", 2);
        assertEquals(3.0, h.num("m.DVAL"), 1e-12);
        assertEquals(3000, h.lng("m.RVAL"));
        untilDone();
        assertEquals(2.0, h.num("m.RBV"), 1e-9);
        assertEquals(3.0, h.num("m.DRBV"), 1e-9);
        assertEquals(3000, h.lng("m.RRBV"));
        assertEquals(3000, h.steps(0), 1e-6);

        h.put("m.DVAL", 4);
        assertEquals(1.0, h.num("m.VAL"), 1e-12);
        untilDone();
        assertEquals(1.0, h.num("m.RBV"), 1e-9);

        h.put("m.RVAL", 1000);
        assertEquals(1.0, h.num("m.DVAL"), 1e-12);
        assertEquals(4.0, h.num("m.VAL"), 1e-12);
        untilDone();
        assertEquals(4.0, h.num("m.RBV"), 1e-9);

        h.put("m.RLV", -1);
        assertEquals(3.0, h.num("m.VAL"), 1e-12);
        assertEquals(0.0, h.num("m.RLV"), 0);
        untilDone();
        assertEquals(3.0, h.num("m.RBV"), 1e-9);
        assertEquals(2.0, h.num("m.DRBV"), 1e-9);

        // a new offset moves nothing: user values and limits shift
        h.put("m.OFF", 10);
        assertFalse(h.axisMoving(0));
        assertEquals(8.0, h.num("m.VAL"), 1e-12);
        assertEquals(8.0, h.num("m.RBV"), 1e-12);
        assertEquals(60.0, h.num("m.HLM"), 1e-12);
        assertEquals(-40.0, h.num("m.LLM"), 1e-12);
        // with DIR=Neg a user high limit is a dial low limit
        h.put("m.HLM", 30);
        assertEquals(-20.0, h.num("m.DLLM"), 1e-12);
        assertEquals(50.0, h.num("m.DHLM"), 0);
    }

    @Test
    void controlLimitsOfValFollowHlmAndAreAnnouncedWithDbePropertyOnVal() throws Exception {
        start();
        Record m = h.db.record("m");
        List<Integer> valEvents = h.masks("m.VAL");
        assertEquals(50.0, limits(m, "VAL").controlHigh, 0);
        assertEquals(-50.0, limits(m, "VAL").controlLow, 0);
        h.put("m.HLM", 20);
        assertEquals(20.0, limits(m, "VAL").controlHigh, 0);
        assertEquals(20.0, limits(m, "VAL").displayHigh, 0);
        assertEquals(20.0, limits(m, "RBV").controlHigh, 0);
        assertEquals(20.0, h.num("m.DHLM"), 0);
        assertEquals(20.0, limits(m, "DVAL").controlHigh, 0);
        assertEquals(20000.0, limits(m, "RVAL").controlHigh, 1e-9);
        assertTrue(valEvents.stream().anyMatch(x -> (x & FieldListener.DBE_PROPERTY) != 0), "DBE_PROPERTY on VAL");
        valEvents.clear();
        h.put("m.OFF", 1); // limits move with the offset, so they are announced again
        assertEquals(21.0, limits(m, "VAL").controlHigh, 0);
        assertTrue(valEvents.stream().anyMatch(x -> (x & FieldListener.DBE_PROPERTY) != 0));
        valEvents.clear();
        h.put("m.DLLM", -10);
        assertEquals(-9.0, limits(m, "VAL").controlLow, 0);
        assertTrue(valEvents.stream().anyMatch(x -> (x & FieldListener.DBE_PROPERTY) != 0));
    }

    private static Limits limits(Record r, String field) {
        Limits l = new Limits();
        try (LockSet.Guard g = r.database().lock(r)) {
            r.limits(r.type().field(field), l);
        }
        return l;
    }

    @Test
    void backlashApproachesFromThePreferredSideWithOneDmovPulse() throws Exception {
        start("BDST", "0.5", "BVEL", "0.5", "BACC", "0.5");
        List<Double> dmov = h.values("m.DMOV");
        CompletableFuture<String> f = h.putNotify("m.VAL", -2);
        double min = 0;
        while (!(h.lng("m.DMOV") == 1 && !h.axisMoving(0))) {
            h.run(0.05);
            min = Math.min(min, h.steps(0));
            assertTrue(h.now() < 1000, "backlash move never ended");
        }
        assertEquals("done", done(f));
        assertEquals(-2500, min, 1, "overshoot by BDST before the final approach");
        assertEquals(-2.0, h.num("m.RBV"), 1e-9);
        assertEquals(List.of(0.0, 1.0), dmov);
        // a move in the preferred (positive) direction does not overshoot
        h.put("m.VAL", 1);
        double max = -10;
        while (!(h.lng("m.DMOV") == 1 && !h.axisMoving(0))) {
            h.run(0.05);
            max = Math.max(max, h.steps(0));
        }
        assertEquals(1000, max, 1e-6);
        assertEquals(1.0, h.num("m.RBV"), 1e-9);
    }

    @Test
    void aShortMoveRetriesUntilWithinTheDeadband() throws Exception {
        start("FRAC", "0.5", "RDBD", "0.01");
        CompletableFuture<String> f = h.putNotify("m.VAL", 1);
        untilDone();
        assertEquals("done", done(f));
        assertEquals(1.0, h.num("m.RBV"), 1e-9);
        assertEquals(1, h.lng("m.RCNT"), "one retry: FRAC moves half way first");
        assertEquals(0, h.lng("m.MISS"));
    }

    @Test
    void withoutRetriesTheMoveEndsShort() throws Exception {
        start("FRAC", "0.5", "RTRY", "0");
        CompletableFuture<String> f = h.putNotify("m.VAL", 1);
        untilDone();
        assertEquals("done", done(f));
        assertEquals(0.5, h.num("m.RBV"), 1e-9);
        assertEquals(0, h.lng("m.RCNT"));
    }

    @Test
    void stopEndsTheMoveTheValPutCallbackAndSyncsVal() throws Exception {
        start();
        CompletableFuture<String> f = h.putNotify("m.VAL", 10);
        h.run(2);
        assertPending(f);
        h.put("m.STOP", 1);
        untilDone();
        assertEquals("done", done(f));
        double rbv = h.num("m.RBV");
        assertTrue(rbv > 1.5 && rbv < 2.5, "stopped where it was: " + rbv);
        assertEquals(rbv, h.num("m.VAL"), 1e-12, "VAL := RBV after STOP");
        assertEquals(0, h.lng("m.STOP"), "STOP resets itself");
        h.run(1);
        assertEquals(rbv, h.num("m.RBV"), 1e-12, "stays stopped");
    }

    @Test
    void pauseKeepsTheTargetAndGoResumes() throws Exception {
        start();
        CompletableFuture<String> f = h.putNotify("m.VAL", 5);
        h.run(1);
        h.putStr("m.SPMG", "Pause");
        h.run(1);
        assertFalse(h.axisMoving(0));
        double paused = h.num("m.RBV");
        assertTrue(paused > 0.5 && paused < 2, "paused at " + paused);
        assertEquals(0, h.lng("m.DMOV"));
        assertEquals(5.0, h.num("m.VAL"), 0, "the target is kept");
        assertPending(f);
        h.putStr("m.SPMG", "Go");
        untilDone();
        assertEquals("done", done(f));
        assertEquals(5.0, h.num("m.RBV"), 1e-9);
    }

    @Test
    void spmgStopForgetsTheTargetAndMoveDoesOneMoveThenPauses() throws Exception {
        start();
        h.put("m.VAL", 8);
        h.run(1);
        h.putStr("m.SPMG", "Stop");
        untilDone();
        double rbv = h.num("m.RBV");
        assertEquals(rbv, h.num("m.VAL"), 1e-12);
        // while stopped a new target waits
        h.put("m.VAL", 9);
        h.run(1);
        assertFalse(h.axisMoving(0));
        assertEquals(rbv, h.num("m.RBV"), 1e-12);
        h.putStr("m.SPMG", "Move");
        untilDone();
        assertEquals(9.0, h.num("m.RBV"), 1e-9);
        assertEquals("Pause", h.str("m.SPMG"), "Move reverts to Pause after one move");
    }

    @Test
    void homeForwardEndsAtTheHomeSwitchAndHomfResets() throws Exception {
        start("HVEL", "5");
        List<Double> dmov = h.values("m.DMOV");
        CompletableFuture<String> f = h.putNotify("m.HOMF", 1);
        h.run(0.5);
        assertThrows(DbException.class, () -> RecTest.put(h.db, "m.HOMF", 1), "HOMF refused while homing");
        h.runUntil("homed", 120, () -> h.lng("m.DMOV") == 1 && h.lng("m.HOMF") == 0 && !h.axisMoving(0));
        assertEquals("done", done(f));
        assertEquals(20.0, h.num("m.RBV"), 1e-9);
        assertEquals(20.0, h.num("m.VAL"), 1e-9);
        assertEquals(1, h.lng("m.ATHM"));
        assertTrue((h.lng("m.MSTA") & MotorStatus.HOMED) != 0);
        assertEquals(List.of(0.0, 1.0), dmov);
    }

    @Test
    void homeReverseWithHomeBehindTurnsAtTheLimitSwitch() throws Exception {
        start("HVEL", "20", "DHLM", "0", "DLLM", "0");
        h.put("m.VAL", 10);
        untilDone();
        h.put("m.HOMR", 1);
        double min = 100;
        while (!(h.lng("m.DMOV") == 1 && h.lng("m.HOMR") == 0 && !h.axisMoving(0))) {
            h.run(0.05);
            min = Math.min(min, h.num("m.RBV"));
            assertTrue(h.now() < 1000);
        }
        assertEquals(-100.0, min, 1.0, "ran to the low limit switch first");
        assertEquals(20.0, h.num("m.RBV"), 1e-9);
        assertEquals(1, h.lng("m.ATHM"));
        assertEquals(0, h.lng("m.LLS"), "the search's limit switch is not a fault");
    }

    @Test
    void jogRunsUntilReleasedThenTheTargetIsWhereItStopped() throws Exception {
        start("JVEL", "2");
        h.put("m.JOGF", 1);
        h.run(1);
        assertTrue(h.axisMoving(0));
        double during = h.num("m.RBV");
        assertTrue(during > 1.2 && during < 2.1, "jogging at JVEL: " + during);
        assertEquals(0, h.lng("m.DMOV"));
        h.put("m.JOGF", 0);
        untilDone();
        double rbv = h.num("m.RBV");
        assertTrue(rbv > during);
        assertEquals(rbv, h.num("m.VAL"), 1e-12);
    }

    @Test
    void aJogStopsBeforeTheSoftLimit() throws Exception {
        start("JVEL", "2", "DHLM", "5");
        h.put("m.JOGF", 1);
        untilDone();
        double rbv = h.num("m.RBV");
        assertTrue(rbv > 2.5 && rbv <= 5, "stopped near the soft limit: " + rbv);
        assertEquals(0, h.lng("m.JOGF"), "the jog button is released by the record");
        assertEquals(1, h.lng("m.LVIO"));
    }

    @Test
    void tweaksMoveByTwvAndReset() throws Exception {
        start("TWV", "0.25");
        List<Double> dmov = h.values("m.DMOV");
        h.put("m.TWF", 1);
        assertEquals(0.25, h.num("m.VAL"), 1e-12);
        assertEquals(0, h.lng("m.TWF"));
        untilDone();
        h.put("m.TWR", 1);
        h.put("m.TWR", 0); // a second write while moving is harmless
        untilDone();
        assertEquals(0.0, h.num("m.RBV"), 1e-9);
        assertEquals(List.of(0.0, 1.0, 0.0, 1.0), dmov.subList(0, 4));
    }

    @Test
    void setModeRedefinesThePositionWithoutMoving() throws Exception {
        start();
        h.putStr("m.SET", "Set");
        List<Double> dmov = h.values("m.DMOV");
        assertEquals("done", done(h.putNotify("m.VAL", 100)));
        assertEquals(List.of(0.0, 1.0), dmov);
        assertFalse(h.axisMoving(0));
        assertEquals(0.0, h.steps(0), 0);
        assertEquals(100.0, h.num("m.OFF"), 1e-12);
        assertEquals(100.0, h.num("m.RBV"), 1e-12);
        assertEquals(150.0, h.num("m.HLM"), 1e-12);
        assertEquals(0.0, h.num("m.DRBV"), 0);
        // frozen offset: the dial (and the controller's position register) changes instead
        h.putStr("m.FOFF", "Frozen");
        assertEquals("done", done(h.putNotify("m.VAL", 105)));
        h.run(0.1);
        assertFalse(h.axisMoving(0));
        assertEquals(100.0, h.num("m.OFF"), 1e-12);
        assertEquals(5.0, h.num("m.DRBV"), 1e-9);
        assertEquals(5000.0, h.steps(0), 1e-6);
        assertEquals(105.0, h.num("m.RBV"), 1e-9);
        h.putStr("m.SET", "Use");
        h.put("m.VAL", 106);
        untilDone();
        assertEquals(6000.0, h.steps(0), 1e-6);
    }

    @Test
    void aHardLimitSwitchStopsTheMotorWithHlsAndTheHlsvAlarm() throws Exception {
        start("DHLM", "0", "DLLM", "0", "VELO", "20", "HLSV", "MAJOR");
        CompletableFuture<String> f = h.putNotify("m.VAL", 150);
        untilDone();
        assertEquals("done", done(f));
        assertEquals(100.0, h.num("m.RBV"), 1e-9);
        assertEquals(1, h.lng("m.HLS"));
        assertEquals(1, h.lng("m.RHLS"));
        assertEquals("HIGH", h.str("m.STAT"));
        assertEquals("MAJOR", h.str("m.SEVR"));
        // further into the switch: refused by the controller
        h.put("m.VAL", 160);
        untilDone();
        assertEquals(100.0, h.num("m.RBV"), 1e-9);
        // and back out
        h.put("m.VAL", 50);
        untilDone();
        assertEquals(50.0, h.num("m.RBV"), 1e-9);
        assertEquals(0, h.lng("m.HLS"));
        assertEquals("NO_ALARM", h.str("m.SEVR"));
    }

    @Test
    void aFollowingErrorStopsTheMoveWithAMajorStateAlarmUntilReenabled() throws Exception {
        start();
        CompletableFuture<String> f = h.putNotify("m.VAL", 10);
        h.run(1);
        h.axis(0).injectFollowingError(h.now());
        untilDone();
        assertEquals("done", done(f), "the put-callback ends with the failed move");
        double where = h.num("m.RBV");
        assertTrue(where < 2, "stopped at " + where);
        assertEquals("STATE", h.str("m.STAT"));
        assertEquals("MAJOR", h.str("m.SEVR"));
        long msta = h.lng("m.MSTA");
        assertTrue((msta & MotorStatus.PROBLEM) != 0 && (msta & MotorStatus.SLIP_STALL) != 0);
        assertEquals("following error", h.str("m.AMSG"));
        assertEquals("Disable", h.str("m.CNEN"), "the amplifier tripped");
        // moves are refused until the axis is enabled again
        assertEquals("done", done(h.putNotify("m.VAL", 3)));
        assertEquals(where, h.num("m.RBV"), 1e-9);
        h.putStr("m.CNEN", "Enable");
        h.run(0.1);
        assertEquals("NO_ALARM", h.str("m.SEVR"));
        assertEquals("done", done(movedTo(3)));
        assertEquals(3.0, h.num("m.RBV"), 1e-9);
    }

    private CompletableFuture<String> movedTo(double v) throws Exception {
        CompletableFuture<String> f = h.putNotify("m.VAL", v);
        untilDone();
        return f;
    }

    @Test
    void aNewTargetBehindTheMotionStopsAndGoesThere() throws Exception {
        start();
        h.put("m.VAL", 10);
        h.run(2);
        h.put("m.VAL", 1);
        untilDone();
        assertEquals(1.0, h.num("m.RBV"), 1e-9);
        assertEquals(1.0, h.num("m.VAL"), 0);
    }

    @Test
    void speedsStayWithinVbasAndVmaxAndRevolutionsFollowResolution() throws Exception {
        start("VBAS", "0.1", "VMAX", "5");
        assertEquals(0.2, h.num("m.UREV"), 1e-12, "UREV = MRES * SREV");
        assertEquals(5.0, h.num("m.S"), 1e-9, "S = VELO / UREV");
        assertEquals(25.0, h.num("m.SMAX"), 1e-9);
        h.put("m.VELO", 10);
        assertEquals(5.0, h.num("m.VELO"), 0, "clamped to VMAX");
        assertEquals(25.0, h.num("m.S"), 1e-9);
        h.put("m.VELO", 0.01);
        assertEquals(0.1, h.num("m.VELO"), 0, "clamped to VBAS");
        h.put("m.VELO", 1);
        assertEquals((1 - 0.1) / 0.2, h.num("m.ACCS"), 1e-9, "ACCS = (VELO - VBAS) / ACCL");
        h.put("m.ACCS", 9);
        assertEquals(0.1, h.num("m.ACCL"), 1e-9);
        assertEquals("Use ACCS", h.str("m.ACCU"));
        h.put("m.S", 2.5);
        assertEquals(0.5, h.num("m.VELO"), 1e-9);
        // a coarser resolution keeps the rev/s speeds: EGU/s ones double
        h.put("m.MRES", 0.002);
        assertEquals(0.4, h.num("m.UREV"), 1e-12);
        assertEquals(1.0, h.num("m.VELO"), 1e-9);
        h.put("m.VMAX", 0.5);
        assertEquals(0.5, h.num("m.VELO"), 1e-9, "VELO follows a lower VMAX");
    }

    @Test
    void aContinuousAxisTurnsPastItsConfiguredLimits() throws Exception {
        h = new MotorHarness(2, 100_000, 0);
        h.axis(1).setContinuous(true);
        h.motor("rot", 1, "EGU", "deg", "VELO", "360", "ACCL", "0.5");
        h.init();
        h.put("rot.VAL", 720);
        h.runUntil("two turns", 30, () -> h.lng("rot.DMOV") == 1 && !h.axisMoving(1));
        assertEquals(720.0, h.num("rot.RBV"), 1e-9);
        assertEquals(0, h.lng("rot.HLS"));
        assertEquals(0, h.lng("rot.LVIO"));
    }

    @Test
    void anAutosavedDialPositionIsLoadedIntoAControllerAtZero() throws Exception {
        h = new MotorHarness(2, 100_000, 0);
        h.motor("a", 0, "DVAL", "12.5");
        h.motor("b", 1, "DVAL", "7", "RSTM", "Never");
        h.init();
        assertEquals(12.5, h.num("a.RBV"), 1e-9);
        assertEquals(12.5, h.num("a.VAL"), 1e-9);
        assertEquals(12500.0, h.steps(0), 1e-9);
        assertEquals(0.0, h.num("b.RBV"), 0, "RSTM Never: the controller's position wins");
        assertEquals(0.0, h.num("b.VAL"), 0);
    }

    @Test
    void dlyHoldsDmovUntilTheReadbackSettled() throws Exception {
        start("DLY", "0.3");
        CompletableFuture<String> f = h.putNotify("m.VAL", 0.1);
        h.runUntil("motion over", 10, () -> !h.axisMoving(0));
        h.run(0.1);
        assertEquals(0, h.lng("m.DMOV"), "still settling");
        RecTest.waitFor("DMOV after DLY", 5000, () -> h.lng("m.DMOV") == 1);
        assertEquals("done", done(f));
    }

    @Test
    void wrongOutLinksFailAtInit() throws Exception {
        h = new MotorHarness(1, 100_000, 0);
        RecTest.rec(h.db, "motor", "bad1", "OUT", "@asyn(NOPORT,0)");
        RecTest.rec(h.db, "motor", "bad2", "OUT", "@asyn(SIM,7)");
        RecTest.rec(h.db, "motor", "bad3", "OUT", "@motor(SIM 0)");
        h.motor("good", 0);
        h.motor("bad4", 0);
        DbException e = assertThrows(DbException.class, () -> h.db.init());
        String m = e.getMessage();
        assertTrue(m.contains("bad1: init_record: OUT: no motor controller port 'NOPORT'"), m);
        assertTrue(m.contains("bad2: init_record: OUT: port SIM has axes 0..0, not 7"), m);
        assertTrue(m.contains("bad3: init_record: OUT: bad address '@motor(SIM 0)': expected @asyn(PORT,AXIS)"), m);
        assertTrue(m.contains("bad4: init_record: OUT: SIM axis 0 already has a motor record"), m);
        assertFalse(m.contains("good"), m);
        assertEquals(4, m.split("\n").length, "one line per bad record: " + m);
    }

    /** asynMotor with a controller that explains its problems (as a hexapod driver does). */
    private static final class ExplainingDevice implements MotorDeviceSupport {
        private final MotorDeviceSupport d;

        ExplainingDevice(MotorDeviceSupport d) { this.d = d; }

        @Override public void init(Record r, int pass) throws DbException { d.init(r, pass); }
        @Override public boolean updateValues(MotorRecord r) { return d.updateValues(r); }
        @Override public void initController(MotorRecord r) { d.initController(r); }
        @Override public void startTransaction(MotorRecord r) { d.startTransaction(r); }
        @Override public boolean build(MotorRecord r, MotorCommand c, double... p) { return d.build(r, c, p); }
        @Override public void endTransaction(MotorRecord r) { d.endTransaction(r); }
        @Override public String problemMessage(MotorRecord r) { return "servo fault on axis " + r.name(); }
    }

    @Test
    void theDevicesReasonForAProblemIsTheAlarmMessage() throws Exception {
        h = new MotorHarness(1, 100_000, 0, dev -> dev.register("motor", "Explaining",
                () -> new ExplainingDevice((MotorDeviceSupport) dev.create("motor", 0))));
        h.motor("m", 0, "DTYP", "Explaining");
        h.init();
        assertEquals("", h.str("m.AMSG"));
        h.axis(0).injectFollowingError(h.now());
        CompletableFuture<String> f = h.putNotify("m.VAL", 5);
        untilDone();
        assertEquals("done", done(f));
        assertEquals("STATE", h.str("m.STAT"));
        assertEquals("MAJOR", h.str("m.SEVR"));
        assertEquals("servo fault on axis m", h.str("m.AMSG"));
        h.putStr("m.CNEN", "Enable");
        h.run(0.1);
        assertEquals("NO_ALARM", h.str("m.SEVR"));
        assertEquals("", h.str("m.AMSG"), "the message goes with the alarm");
    }
}
