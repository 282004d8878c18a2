package org.jioc.motion;

import java.util.ArrayList;
import java.util.List;

/**
 * A planned motion in raw steps: constant-acceleration segments one after the other, starting at a given time
 * and position. Trapezoidal moves (start at the base speed, accelerate, cruise, decelerate), jogs (accelerate,
 * then cruise without end) and stops (decelerate to the base speed, then stand) are built here; an axis asks
 * where the plan puts it at any time.
 */
final class MotionProfile {
    private final double startTime;
    private final double startPosition;
    private final Segment[] segments;
    /** Exact end position of a finite plan (the segments' float sum may differ in the last digits). */
    private final double endPosition;

    private MotionProfile(double startTime, double startPosition, List<Segment> segments, double endPosition) {
        this.startTime = startTime;
        this.startPosition = startPosition;
        this.segments = segments.toArray(new Segment[0]);
        this.endPosition = endPosition;
    }

    /** Standing still at x from time t on. */
    static MotionProfile standing(double t, double x) { return new MotionProfile(t, x, List.of(), x); }

    /**
     * A point-to-point move from x0 to x1: starts at vbase, accelerates at accel to vmax, cruises, decelerates
     * back to vbase and stops. Too short to reach vmax, it peaks where acceleration and deceleration meet.
     * accel 0 (or vmax not above vbase) moves at constant speed.
     */
    static MotionProfile trapezoid(double t0, double x0, double x1, double vbase, double vmax, double accel) {
        double distance = Math.abs(x1 - x0);
        if (distance == 0) return standing(t0, x0);
        double s = Math.signum(x1 - x0);
        double vb = Math.max(0, vbase);
        double vm = Math.max(vmax, vb);
        List<Segment> segs = new ArrayList<>(3);
        if (!(accel > 0) || Double.isInfinite(accel) || vm <= vb) {
            segs.add(new Segment(t0, x0, s * vm, 0, distance / vm));
            return new MotionProfile(t0, x0, segs, x1);
        }
        double rampDistance = (vm * vm - vb * vb) / (2 * accel);
        double peak = vm;
        double cruise = 0;
        if (2 * rampDistance <= distance) {
            cruise = (distance - 2 * rampDistance) / vm;
        } else {
            peak = Math.sqrt(accel * distance + vb * vb);
        }
        double ramp = (peak - vb) / accel;
        Segment up = new Segment(t0, x0, s * vb, s * accel, ramp);
        segs.add(up);
        double t = up.end();
        double x = up.position(t);
        if (cruise > 0) {
            Segment flat = new Segment(t, x, s * peak, 0, cruise);
            segs.add(flat);
            t = flat.end();
            x = flat.position(t);
        }
        segs.add(new Segment(t, x, s * peak, -s * accel, ramp));
        return new MotionProfile(t0, x0, segs, x1);
    }

    /**
     * Constant-velocity motion at velocity (signed) until stopped: from v0 (or, standing, from the base speed)
     * change speed at accel, then cruise without end.
     */
    static MotionProfile jog(double t0, double x0, double v0, double velocity, double vbase, double accel) {
        List<Segment> segs = new ArrayList<>(2);
        double start = v0;
        if (Math.abs(v0) < vbase && vbase < Math.abs(velocity)) start = Math.signum(velocity) * vbase;
        else if (v0 == 0) start = Math.abs(velocity) <= vbase ? velocity : 0;
        double t = t0, x = x0;
        if (accel > 0 && !Double.isInfinite(accel) && start != velocity) {
            double dur = Math.abs(velocity - start) / accel;
            Segment ramp = new Segment(t0, x0, start, Math.signum(velocity - start) * accel, dur);
            segs.add(ramp);
            t = ramp.end();
            x = ramp.position(t);
        }
        segs.add(new Segment(t, x, velocity, 0, Double.POSITIVE_INFINITY));
        return new MotionProfile(t0, x0, segs, Double.NaN);
    }

    /** Decelerate from velocity v0 to the base speed at accel, then stand (accel 0: stand at once). */
    static MotionProfile stop(double t0, double x0, double v0, double vbase, double accel) {
        double speed = Math.abs(v0);
        if (speed == 0 || !(accel > 0) || Double.isInfinite(accel) || speed <= vbase) return standing(t0, x0);
        double dur = (speed - Math.max(0, vbase)) / accel;
        Segment decel = new Segment(t0, x0, v0, -Math.signum(v0) * accel, dur);
        return new MotionProfile(t0, x0, List.of(decel), decel.position(decel.end()));
    }

    /** This plan followed by next (which must start where and when this one ends). */
    MotionProfile then(MotionProfile next) {
        List<Segment> segs = new ArrayList<>(List.of(segments));
        segs.addAll(List.of(next.segments));
        return new MotionProfile(startTime, startPosition, segs, next.endPosition);
    }

    double startTime() { return startTime; }

    /** When the motion ends; infinite for a jog. */
    double endTime() { return segments.length == 0 ? startTime : segments[segments.length - 1].end(); }

    double endPosition() { return endPosition; }

    boolean isFinished(double t) { return t >= endTime(); }

    double position(double t) {
        if (t <= startTime || segments.length == 0) return startPosition;
        for (Segment s : segments) {
            if (t < s.end()) return s.position(t);
        }
        return endPosition;
    }

    double velocity(double t) {
        if (t < startTime) return 0;
        for (Segment s : segments) {
            if (t < s.end()) return s.velocity(t);
        }
        return 0;
    }

    /** Direction of the motion at time t, or of the whole plan if standing then: +1, -1, or 0. */
    int direction(double t) {
        double v = velocity(t);
        if (v != 0) return (int) Math.signum(v);
        return segments.length == 0 ? 0 : (int) Math.signum(segments[0].v0() + segments[0].a());
    }
}
