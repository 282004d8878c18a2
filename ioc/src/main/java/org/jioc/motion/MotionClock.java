package org.jioc.motion;

/** Where simulated axes take their time from: the monotonic system clock, or a test's hand-driven clock. */
@FunctionalInterface
public interface MotionClock {
    /** Seconds on a monotonic scale (only differences matter). */
    double now();

    MotionClock SYSTEM = () -> System.nanoTime() * 1e-9;
}
