package org.jioc.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jioc.record.MotorStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated axis on its own: limit switches, homing, continuous rotation, faults, the status bits. */
class SimAxisTest {
    private SimAxis axis;
    private double t;

    @BeforeEach
    void setUp() {
        axis = new SimAxis(0);
        axis.configure(1000, -1000, 300, 0, t);
    }

    /** Status after running until the axis stands (at most 1000 s), polling every 0.1 s as a controller does. */
    private AxisStatus settle() {
        for (int i = 0; i < 10_000; i++) {
            t += 0.1;
            if (!axis.isMoving(t)) return axis.status(t);
        }
        throw new AssertionError("axis never stopped");
    }

    @Test
    void statusBitsOfAStandingAxis() {
        AxisStatus s = axis.status(t);
        assertTrue(s.has(MotorStatus.DONE) && s.has(MotorStatus.PRESENT) && s.has(MotorStatus.GAIN_SUPPORT)
                && s.has(MotorStatus.POSITION));
        assertFalse(s.has(MotorStatus.MOVING) || s.has(MotorStatus.PLUS_LS) || s.has(MotorStatus.HOMED));
    }

    @Test
    void aMoveIntoTheLimitSwitchStopsThereAndFurtherMovesThatWayAreRefused() {
        assertTrue(axis.moveTo(t, 5000, 0, 1000, 5000));
        AxisStatus moving = axis.status(t + 0.1);
        assertTrue(moving.has(MotorStatus.MOVING) && moving.has(MotorStatus.DIRECTION));
        AxisStatus s = settle();
        assertEquals(1000, s.position(), 0);
        assertTrue(s.has(MotorStatus.PLUS_LS));
        assertFalse(axis.moveTo(t, 1200, 0, 1000, 5000), "further into the switch");
        assertFalse(axis.jog(t, 100, 0, 5000));
        assertTrue(axis.moveTo(t, 0, 0, 1000, 5000), "away from it");
        s = settle();
        assertEquals(0, s.position(), 0);
        assertFalse(s.has(MotorStatus.PLUS_LS) || s.has(MotorStatus.DIRECTION));
    }

    @Test
    void homingCrossesTheHomeSwitchComesBackAndIsHomed() {
        assertTrue(axis.home(t, true, 0, 500, 2000));
        AxisStatus s = settle();
        assertEquals(300, s.position(), 0);
        assertTrue(s.has(MotorStatus.HOMED) && s.has(MotorStatus.HOMELS) && s.has(MotorStatus.HOME));
    }

    @Test
    void homingWithHomeBehindTurnsAtTheLimitWithoutReportingIt() {
        axis.setPosition(t, 600);
        assertTrue(axis.home(t, true, 0, 500, 2000));
        double max = 0;
        for (int i = 0; i < 1000 && axis.isMoving(t); i++) {
            t += 0.1;
            AxisStatus s = axis.status(t);
            max = Math.max(max, s.position());
            assertFalse(s.has(MotorStatus.PLUS_LS), "the search owns the limit switch");
        }
        assertEquals(1000, max, 0);
        AxisStatus s = axis.status(t);
        assertEquals(300, s.position(), 0);
        assertTrue(s.has(MotorStatus.HOMED));
    }

    @Test
    void aContinuousAxisHasNoLimitsAndHomesTheShortWay() {
        axis.setContinuous(true);
        assertTrue(axis.moveTo(t, 5000, 0, 2000, 10_000));
        AxisStatus s = settle();
        assertEquals(5000, s.position(), 0);
        assertFalse(s.has(MotorStatus.PLUS_LS));
        assertTrue(axis.home(t, true, 0, 2000, 10_000)); // home (300) is behind: search backwards
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < 1000 && axis.isMoving(t); i++) {
            t += 0.1;
            max = Math.max(max, axis.status(t).position());
        }
        assertTrue(max < 5000, "never went forward: " + max);
        assertEquals(300, axis.status(t).position(), 0);
    }

    @Test
    void aFollowingErrorStopsTheAxisAndRefusesMovesUntilEnabled() {
        axis.injectFollowingError(t); // armed: trips half way through the next move
        assertTrue(axis.moveTo(t, 800, 0, 1000, 1e9));
        AxisStatus s = settle();
        assertEquals(400, s.position(), 1);
        assertTrue(s.has(MotorStatus.SLIP_STALL) && s.has(MotorStatus.PROBLEM));
        assertFalse(s.has(MotorStatus.POSITION), "amplifier off");
        assertFalse(axis.moveTo(t, 0, 0, 1000, 1e9));
        axis.setClosedLoop(t, true);
        assertFalse(axis.status(t).has(MotorStatus.PROBLEM));
        assertTrue(axis.moveTo(t, 0, 0, 1000, 1e9));
        assertEquals(0, settle().position(), 0);
    }

    @Test
    void aStopDeceleratesAndSetPositionRedefinesWithoutMoving() {
        assertTrue(axis.jog(t, 500, 0, 1000));
        t += 1;
        double p = axis.status(t).position();
        assertTrue(axis.stop(t, 1000));
        AxisStatus s = settle();
        assertEquals(p + 500 * 500 / 2000.0, s.position(), 1e-9);
        assertTrue(axis.setPosition(t, -42));
        assertEquals(-42, axis.status(t).position(), 0);
        assertFalse(axis.isMoving(t));
    }

    @Test
    void badLimitsAreRejected() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> axis.configure(-5, 5, 0, 0, t));
        assertEquals("high limit -5 must be above low limit 5", e.getMessage());
        assertEquals("bad address '@asyn(P,x)': expected @asyn(PORT,AXIS)",
                org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                        () -> AsynAddress.parse("@asyn(P,x)")).getMessage());
        assertEquals(new AsynAddress("SIM_A", 3), AsynAddress.parse("@asyn(SIM_A, 3, 1.0)"));
        assertEquals(new AsynAddress("SIM_A", 0), AsynAddress.parse("@asyn(SIM_A)"));
    }

    /** A controller interlock whose state the test sets. */
    private static final class Gate implements AxisInterlock {
        volatile String reason;
        volatile long bits;

        @Override public String reason() { return reason; }
        @Override public long statusBits() { return bits; }
    }

    @Test
    void anInterlockRefusesMotionAndReportsItsBitsAndReasonUntilItClears() {
        Gate g = new Gate();
        axis.setInterlock(g);
        assertTrue(axis.moveTo(t, 100, 0, 1000, 5000));
        assertEquals(100, settle().position(), 0);
        g.reason = "hexapod locked";
        g.bits = MotorStatus.PROBLEM;
        AxisStatus s = axis.status(t);
        assertTrue(s.has(MotorStatus.PROBLEM) && s.has(MotorStatus.DONE));
        assertFalse(s.has(MotorStatus.POSITION), "the servo is not under control");
        assertEquals("hexapod locked", axis.problemReason());
        assertFalse(axis.moveTo(t, 200, 0, 1000, 5000));
        assertFalse(axis.jog(t, 100, 0, 5000));
        assertFalse(axis.home(t, true, 0, 500, 2000));
        assertEquals(100, settle().position(), 0, "nothing moved");
        g.reason = null;
        g.bits = 0;
        s = axis.status(t);
        assertFalse(s.has(MotorStatus.PROBLEM), "a refusal by the interlock is not latched by the axis");
        assertTrue(s.has(MotorStatus.POSITION));
        assertEquals("", axis.problemReason());
        assertTrue(axis.moveTo(t, 200, 0, 1000, 5000));
        assertEquals(200, settle().position(), 0);
    }

    @Test
    void haltStopsDeadAndResetForgetsHomedAndFaults() {
        assertTrue(axis.home(t, true, 0, 500, 2000));
        assertTrue(settle().has(MotorStatus.HOMED));
        assertTrue(axis.moveTo(t, 900, 0, 100, 5000));
        t += 2;
        double at = axis.status(t).position();
        axis.halt(t);
        assertFalse(axis.isMoving(t));
        assertEquals(at, settle().position(), 1e-9, "no deceleration ramp");
        axis.injectFollowingError(t);
        assertTrue(axis.moveTo(t, 0, 0, 1000, 5000));
        AxisStatus s = settle();
        assertTrue(s.has(MotorStatus.SLIP_STALL));
        assertEquals("following error", axis.problemReason());
        axis.reset(t);
        s = axis.status(t);
        assertFalse(s.has(MotorStatus.HOMED) || s.has(MotorStatus.PROBLEM) || s.has(MotorStatus.SLIP_STALL));
        assertTrue(s.has(MotorStatus.POSITION));
        assertEquals(s.position(), settle().position(), 0);
    }
}
