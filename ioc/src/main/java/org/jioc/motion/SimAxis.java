package org.jioc.motion;

import org.jioc.record.MotorStatus;

/**
 * One simulated motor axis, in raw steps (motorSim's model): trapezoidal moves, jogs and stops planned as
 * {@link MotionProfile}s; hard limit switches where a move stops; a home switch and a home search; closed-loop
 * enable; and an injectable following error for tests. An axis configured continuous has no limit switches (a
 * rotation stage turning without end).
 *
 * <p>Thread-safety: every method is synchronized on the axis; callers that need a command and the status it
 * produces to be seen together hold the axis' monitor around both.
 */
public final class SimAxis {
    private enum Homing { NONE, SEARCH, RETURN }

    private final int index;
    private double highLimit = 10000, lowLimit = -10000, home;
    private boolean continuous;
    /** The home switch is on within this many steps of the home position. */
    private double homeWindow = 0.5;

    private MotionProfile plan = MotionProfile.standing(0, 0);
    private int lastDirection = 1;
    private boolean closedLoop = true;
    private boolean problem, slipStall, homed;
    private boolean followingErrorArmed;
    private double faultTime = Double.NaN;
    private double lastBase, lastAccel;

    private AxisInterlock interlock;

    private Homing homing = Homing.NONE;
    private int searchDirection;
    private double searchFrom, homeSpeed;

    public SimAxis(int index) { this.index = index; }

    public int index() { return index; }

    // ------------------------------------------------------------------------------------------------------------
    // Configuration

    /** motorSimConfigAxis: hard limits and home (steps), and the position the axis starts at. */
    public synchronized void configure(double high, double low, double homePosition, double start, double now) {
        if (!(high > low)) throw new IllegalArgumentException("high limit " + fmt(high) + " must be above low limit "
                + fmt(low));
        highLimit = high;
        lowLimit = low;
        home = homePosition;
        plan = MotionProfile.standing(now, start);
        homing = Homing.NONE;
    }

    /** Continuous: no limit switches at all (soft limits in the record, if any, still apply). */
    public synchronized void setContinuous(boolean on) { continuous = on; }

    public synchronized boolean isContinuous() { return continuous; }

    public synchronized double highLimit() { return highLimit; }
    public synchronized double lowLimit() { return lowLimit; }
    public synchronized double homePosition() { return home; }

    /** The controller's interlock (a hexapod's power, enable and lock), consulted by every motion command. */
    public synchronized void setInterlock(AxisInterlock i) { interlock = i; }

    // ------------------------------------------------------------------------------------------------------------
    // Commands (raw steps, steps/s, steps/s^2). Each returns false if the axis refuses.

    public synchronized boolean moveTo(double now, double target, double vbase, double vmax, double accel) {
        update(now);
        if (!mayMove(now)) return false;
        double pos = plan.position(now);
        if (!continuous && ((pos >= highLimit && target > pos) || (pos <= lowLimit && target < pos))) {
            return false; // already on the limit switch in that direction
        }
        if (!(vmax > 0) && !(vbase > 0)) return refuse();
        rememberSpeeds(vbase, accel);
        homing = Homing.NONE;
        start(now, MotionProfile.trapezoid(now, pos, target, vbase, vmax, accel), target - pos);
        return true;
    }

    public synchronized boolean moveBy(double now, double delta, double vbase, double vmax, double accel) {
        update(now);
        return moveTo(now, plan.position(now) + delta, vbase, vmax, accel);
    }

    public synchronized boolean jog(double now, double velocity, double vbase, double accel) {
        update(now);
        if (!mayMove(now)) return false;
        if (velocity == 0) return stop(now, accel);
        double pos = plan.position(now);
        if (!continuous && ((pos >= highLimit && velocity > 0) || (pos <= lowLimit && velocity < 0))) return false;
        rememberSpeeds(vbase, accel);
        homing = Homing.NONE;
        start(now, MotionProfile.jog(now, pos, plan.velocity(now), velocity, vbase, accel), velocity);
        return true;
    }

    /**
     * Home search (motorSim): at speed toward the home position in the given direction; past it, come back and
     * stop on it, then HOMED. With home behind, run to the limit switch and turn (a continuous axis just turns).
     */
    public synchronized boolean home(double now, boolean forward, double vbase, double vmax, double accel) {
        update(now);
        if (!mayMove(now)) return false;
        rememberSpeeds(vbase, accel);
        double pos = plan.position(now);
        homeSpeed = vmax > 0 ? vmax : Math.max(vbase, 1);
        searchDirection = forward ? 1 : -1;
        searchFrom = pos;
        if (continuous && searchDirection * (home - pos) < 0) searchDirection = -searchDirection;
        homed = false;
        if (pos == home) {
            homing = Homing.RETURN;
            start(now, MotionProfile.standing(now, pos), searchDirection);
            return true;
        }
        homing = Homing.SEARCH;
        start(now, MotionProfile.jog(now, pos, plan.velocity(now), searchDirection * homeSpeed, vbase, accel),
                searchDirection);
        return true;
    }

    /** Change the speed of a running jog. */
    public synchronized boolean jogVelocity(double now, double velocity, double accel) {
        update(now);
        if (plan.isFinished(now) || homing != Homing.NONE || !Double.isInfinite(plan.endTime())) return false;
        return jog(now, velocity, lastBase, accel > 0 ? accel : lastAccel);
    }

    /** Decelerate to a stop (accel 0: at once). Ends a home search without HOMED. */
    public synchronized boolean stop(double now, double accel) {
        update(now);
        homing = Homing.NONE;
        if (plan.isFinished(now)) return true;
        double a = accel > 0 ? accel : lastAccel;
        plan = MotionProfile.stop(now, plan.position(now), plan.velocity(now), lastBase, a);
        return true;
    }

    /** Redefine the current position (LOAD_POS): the position register changes, the axis does not move. */
    public synchronized boolean setPosition(double now, double position) {
        update(now);
        if (!plan.isFinished(now)) return false;
        plan = MotionProfile.standing(now, position);
        return true;
    }

    /** Amplifier on or off. Off stops the axis where it is; on clears a following-error trip. */
    public synchronized void setClosedLoop(double now, boolean on) {
        update(now);
        if (!on && !plan.isFinished(now)) {
            plan = MotionProfile.standing(now, plan.position(now));
            homing = Homing.NONE;
        }
        closedLoop = on;
        if (on) {
            problem = false;
            slipStall = false;
        }
    }

    /**
     * Test hook: a following error. A moving axis trips now; an idle one trips halfway through its next motion.
     * The trip stops the axis, sets SLIP_STALL and PROBLEM, and turns the amplifier off; moves are refused until
     * the amplifier is enabled again (CNEN) or {@link #clearFault} is called.
     */
    public synchronized void injectFollowingError(double now) {
        update(now);
        if (!plan.isFinished(now)) trip(now);
        else followingErrorArmed = true;
    }

    public synchronized void clearFault(double now) {
        update(now);
        followingErrorArmed = false;
        faultTime = Double.NaN;
        problem = false;
        slipStall = false;
        closedLoop = true;
    }

    public synchronized boolean isFaulted() { return problem || slipStall; }

    /** Stop dead where the axis is, ending a home search (the controller lost power or locked up). */
    public synchronized void halt(double now) {
        update(now);
        plan = MotionProfile.standing(now, plan.position(now));
        homing = Homing.NONE;
    }

    /** The controller restarted: standing where it is, no fault, amplifier on, and no longer homed. */
    public synchronized void reset(double now) {
        halt(now);
        clearFault(now);
        homed = false;
    }

    /** Why the axis reports PROBLEM now (the interlock's reason, a following error), or "". */
    public synchronized String problemReason() {
        String why = interlock == null ? null : interlock.reason();
        if (why != null) return why;
        return slipStall ? "following error" : "";
    }

    // ------------------------------------------------------------------------------------------------------------
    // Status

    /** Where the axis is now and the MSTA bits that describe it. */
    public synchronized AxisStatus status(double now) {
        update(now);
        double pos = plan.position(now);
        boolean moving = !plan.isFinished(now);
        long bits = MotorStatus.PRESENT | MotorStatus.GAIN_SUPPORT;
        if (lastDirection > 0) bits |= MotorStatus.DIRECTION;
        bits |= moving ? MotorStatus.MOVING : MotorStatus.DONE;
        if (!continuous && homing != Homing.SEARCH) {
            if (pos >= highLimit) bits |= MotorStatus.PLUS_LS;
            if (pos <= lowLimit) bits |= MotorStatus.MINUS_LS;
        }
        if (Math.abs(pos - home) <= homeWindow) bits |= MotorStatus.HOMELS | MotorStatus.HOME;
        if (closedLoop) bits |= MotorStatus.POSITION;
        if (slipStall) bits |= MotorStatus.SLIP_STALL;
        if (problem) bits |= MotorStatus.PROBLEM;
        if (homed) bits |= MotorStatus.HOMED;
        if (interlock != null && interlock.reason() != null) {
            bits = (bits & ~MotorStatus.POSITION) | interlock.statusBits(); // its servo is not under control
        }
        return new AxisStatus(pos, pos, moving ? plan.velocity(now) : 0, bits);
    }

    /** When the axis' state next changes on its own (its motion ends, a fault is due); infinite if never. */
    public synchronized double nextChange(double now) {
        update(now);
        double t = plan.isFinished(now) ? Double.POSITIVE_INFINITY : plan.endTime();
        if (!Double.isNaN(faultTime)) t = Math.min(t, faultTime);
        return t;
    }

    public synchronized boolean isMoving(double now) {
        update(now);
        return !plan.isFinished(now);
    }

    // ------------------------------------------------------------------------------------------------------------

    private boolean mayMove(double now) {
        if (interlock != null && interlock.reason() != null) return false; // reported by the interlock's bits
        if (!closedLoop || problem) return refuse();
        return true;
    }

    /** A refused motion command sets PROBLEM, which stays until the amplifier is enabled again (or clearFault). */
    private boolean refuse() {
        problem = true;
        return false;
    }

    private void rememberSpeeds(double vbase, double accel) {
        lastBase = Math.max(0, vbase);
        if (accel > 0) lastAccel = accel;
    }

    private void start(double now, MotionProfile p, double direction) {
        plan = p;
        if (direction != 0) lastDirection = direction > 0 ? 1 : -1;
        if (followingErrorArmed) {
            followingErrorArmed = false;
            double end = p.endTime();
            faultTime = Double.isInfinite(end) ? now + 0.5 : now + (end - now) / 2;
        }
    }

    private void trip(double when) {
        plan = MotionProfile.standing(when, plan.position(when));
        homing = Homing.NONE;
        faultTime = Double.NaN;
        problem = true;
        slipStall = true;
        closedLoop = false;
    }

    /** Advance what happens on its own: a due following error, limit switches, the home search's phases. */
    private void update(double now) {
        if (!Double.isNaN(faultTime) && now >= faultTime) trip(faultTime);
        if (plan.isFinished(now)) {
            if (homing == Homing.RETURN) {
                homing = Homing.NONE;
                homed = true;
            }
            return;
        }
        double pos = plan.position(now);
        double v = plan.velocity(now);
        if (!continuous && ((pos >= highLimit && v > 0) || (pos <= lowLimit && v < 0))) {
            double limit = pos >= highLimit ? highLimit : lowLimit;
            if (homing == Homing.SEARCH) {
                // Turn at the limit switch and search the other way.
                searchDirection = -searchDirection;
                searchFrom = limit;
                plan = MotionProfile.jog(now, limit, 0, searchDirection * homeSpeed, lastBase, lastAccel);
                return;
            }
            plan = MotionProfile.standing(now, limit); // a limit switch stops the motor hard
            homing = Homing.NONE;
            return;
        }
        if (homing == Homing.SEARCH && searchDirection * (pos - home) >= 0 && searchDirection * (searchFrom - home) < 0) {
            // Past the home switch: decelerate, come back onto it.
            MotionProfile brake = MotionProfile.stop(now, pos, v, lastBase, lastAccel);
            MotionProfile back = MotionProfile.trapezoid(brake.endTime(), brake.endPosition(), home, lastBase,
                    homeSpeed, lastAccel);
            plan = brake.then(back);
            homing = Homing.RETURN;
        }
    }

    private static String fmt(double v) { return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v); }

    @Override
    public String toString() { return "axis " + index; }
}
