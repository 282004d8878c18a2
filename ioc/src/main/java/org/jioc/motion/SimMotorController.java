package org.jioc.motion;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A simulated motor controller (motorSim's port): numbered {@link SimAxis} axes polled on the IOC's one shared
 * motion thread, every 0.1 s while any axis moves (sooner when a motion is planned to end before that) and every
 * second when all stand, each status handed to the axis' listener (its device support). A command wakes the
 * poller at once, so a move's first update does not wait for the next tick.
 */
public final class SimMotorController {
    private static final Logger LOG = Logger.getLogger(SimMotorController.class.getName());
    static final double MOVING_POLL = 0.1, IDLE_POLL = 1.0, MIN_POLL = 0.0005;

    private final String port;
    private final SimAxis[] axes;
    private final AxisListener[] listeners;
    private final MotionClock clock;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> next;

    public SimMotorController(String port, int axisCount, MotionClock clock) {
        if (axisCount < 1) throw new IllegalArgumentException("a controller needs at least one axis");
        this.port = port;
        this.clock = clock;
        this.axes = new SimAxis[axisCount];
        this.listeners = new AxisListener[axisCount];
        for (int i = 0; i < axisCount; i++) axes[i] = new SimAxis(i);
    }

    public String port() { return port; }

    public int axisCount() { return axes.length; }

    public MotionClock clock() { return clock; }

    public SimAxis axis(int i) {
        if (i < 0 || i >= axes.length) {
            throw new IllegalArgumentException("port " + port + " has axes 0.." + (axes.length - 1) + ", not " + i);
        }
        return axes[i];
    }

    /** Attach the one listener (device support) of an axis; a second record on the same axis is an error. */
    public synchronized void attach(int axis, AxisListener listener) {
        SimAxis a = axis(axis);
        if (listeners[axis] != null) throw new IllegalArgumentException(port + " " + a + " already has a motor record");
        listeners[axis] = listener;
    }

    /** Start polling on the shared motion thread. */
    public synchronized void start(ScheduledExecutorService motionThread) {
        this.scheduler = motionThread;
        schedule(0);
    }

    public synchronized void stop() {
        if (next != null) next.cancel(false);
        scheduler = null;
    }

    /** Poll soon (after a command): the caller's status is then followed without a tick's delay. */
    public synchronized void wakeup() {
        if (scheduler == null) return;
        if (next != null && next.getDelay(TimeUnit.NANOSECONDS) <= 0) return;
        schedule(0);
    }

    private void schedule(double seconds) {
        if (next != null) next.cancel(false);
        next = scheduler.schedule(this::pollAndReschedule, (long) (seconds * 1e9), TimeUnit.NANOSECONDS);
    }

    private void pollAndReschedule() {
        double delay = IDLE_POLL;
        try {
            if (poll()) delay = MOVING_POLL;
            double now = clock.now();
            for (SimAxis a : axes) delay = Math.min(delay, a.nextChange(now) - now);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, port + ": poll failed: " + e, e);
        }
        synchronized (this) {
            if (scheduler != null) schedule(Math.max(MIN_POLL, delay));
        }
    }

    /** One poll of every axis; true if any is moving. Tests without a motion thread call this directly. */
    public boolean poll() { return poll(false); }

    /**
     * Hand every axis' status to its record now, even if unchanged: the controller's state changed in a way the
     * status bits may not show (the reason behind a PROBLEM, which the record shows as AMSG).
     */
    public void refresh() { poll(true); }

    private boolean poll(boolean forced) {
        double now = clock.now();
        boolean moving = false;
        for (int i = 0; i < axes.length; i++) {
            SimAxis a = axes[i];
            AxisListener li;
            synchronized (this) {
                li = listeners[i];
            }
            synchronized (a) {
                AxisStatus s = a.status(now);
                moving |= s.moving();
                if (li != null) li.status(s, forced);
            }
        }
        return moving;
    }

    @Override
    public String toString() { return "motorSim port " + port + " (" + axes.length + " axes)"; }
}
