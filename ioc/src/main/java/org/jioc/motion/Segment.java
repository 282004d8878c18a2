package org.jioc.motion;

/** A stretch of motion at constant acceleration: from time t0 at position x0 with velocity v0, for duration. */
record Segment(double t0, double x0, double v0, double a, double duration) {
    double end() { return t0 + duration; }

    double position(double t) {
        double tau = t - t0;
        return x0 + v0 * tau + 0.5 * a * tau * tau;
    }

    double velocity(double t) { return v0 + a * (t - t0); }
}
