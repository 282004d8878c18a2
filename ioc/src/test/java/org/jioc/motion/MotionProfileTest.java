package org.jioc.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Trapezoids, triangles, jogs and stops: times, positions and velocities from the kinematics. */
class MotionProfileTest {
    @Test
    void aLongMoveAcceleratesCruisesAndDecelerates() {
        // 0 -> 10000 steps, base 100, top 1000 steps/s, 4500 steps/s^2: ramps of 0.2 s covering 110 steps each
        MotionProfile p = MotionProfile.trapezoid(10, 0, 10_000, 100, 1000, 4500);
        double ramp = 0.2, rampSteps = (1000 * 1000 - 100 * 100) / (2 * 4500.0);
        double cruise = (10_000 - 2 * rampSteps) / 1000;
        assertEquals(10 + 2 * ramp + cruise, p.endTime(), 1e-9);
        assertEquals(100, p.velocity(10), 1e-9, "starts at the base speed");
        assertEquals(1000, p.velocity(10 + ramp + 0.5 * cruise), 1e-9);
        assertEquals(rampSteps, p.position(10 + ramp), 1e-6);
        assertEquals(10_000, p.position(p.endTime()), 0);
        assertEquals(10_000, p.position(p.endTime() + 5), 0);
        assertTrue(p.isFinished(p.endTime()));
        assertFalse(p.isFinished(p.endTime() - 1e-6));
        assertEquals(0, p.velocity(p.endTime() + 1), 0);
    }

    @Test
    void aShortMovePeaksBelowTopSpeed() {
        MotionProfile p = MotionProfile.trapezoid(0, 100, 0, 0, 1000, 1000); // 100 steps backwards
        double peak = Math.sqrt(1000 * 100.0);
        assertEquals(2 * peak / 1000, p.endTime(), 1e-9);
        assertEquals(-peak, p.velocity(peak / 1000 - 1e-9), 1e-3);
        assertEquals(50, p.position(peak / 1000), 1e-6, "half way at the peak");
        assertEquals(0, p.position(1), 0);
    }

    @Test
    void withoutAccelerationTheSpeedIsConstant() {
        MotionProfile p = MotionProfile.trapezoid(0, 0, 500, 1000, 1000, 0);
        assertEquals(0.5, p.endTime(), 1e-12);
        assertEquals(250, p.position(0.25), 1e-9);
        assertEquals(0, MotionProfile.trapezoid(3, 7, 7, 1, 1, 1).endTime() - 3, 0, "a zero move is over at once");
    }

    @Test
    void aJogRampsToSpeedAndNeverEnds() {
        MotionProfile p = MotionProfile.jog(0, 0, 0, -200, 50, 1000);
        assertEquals(-50, p.velocity(0), 1e-9, "from the base speed");
        assertEquals(-200, p.velocity(0.15), 1e-9);
        assertEquals(-200, p.velocity(100), 1e-9);
        assertTrue(Double.isInfinite(p.endTime()));
        double rampSteps = (200 * 200 - 50 * 50) / 2000.0;
        assertEquals(-(rampSteps + 200 * 0.85), p.position(1), 1e-6);
    }

    @Test
    void aStopDeceleratesToTheBaseSpeed() {
        MotionProfile p = MotionProfile.stop(0, 1000, 500, 100, 1000);
        assertEquals(0.4, p.endTime(), 1e-12);
        assertEquals(1000 + (500 * 500 - 100 * 100) / 2000.0, p.endPosition(), 1e-9);
        assertEquals(p.endPosition(), p.position(1), 0);
        MotionProfile hard = MotionProfile.stop(0, 1000, 500, 100, 0);
        assertEquals(0, hard.endTime(), 0, "no deceleration given: stops at once");
        MotionProfile both = p.then(MotionProfile.trapezoid(p.endTime(), p.endPosition(), 1000, 0, 500, 1000));
        assertEquals(1000, both.endPosition(), 0);
        assertTrue(both.position(0.5) > 1000);
    }
}
