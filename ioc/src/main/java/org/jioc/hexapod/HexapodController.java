package org.jioc.hexapod;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.jioc.db.IoScanList;
import org.jioc.motion.AxisInterlock;
import org.jioc.motion.SimAxis;
import org.jioc.motion.SimMotorController;
import org.jioc.record.MotorStatus;

/**
 * A simulated hexapod controller: six axes (a {@link SimMotorController} the motor records drive through asynMotor)
 * behind a controller with a PDU outlet, a boot time, an enable and a fault that locks it. Only a Ready controller
 * lets its axes move: otherwise every axis refuses and reports PROBLEM (and COMM_ERR while off or booting, when
 * the controller cannot answer), with the reason as the motor record's AMSG. Power-on takes the boot time and ends
 * with the lock cleared, the controller disabled and the axes no longer homed, which is why the runbook's reboot
 * is power off, wait, power on, enable, home.
 *
 * <p>State changes are synchronized on the controller and published as one immutable snapshot, which the axes read
 * under their own monitors without taking this lock.
 */
public final class HexapodController implements AxisInterlock {
    /** The axes, in order: X, Y, Z, U, V, W. */
    public static final int AXES = 6;

    private record Flags(boolean power, boolean booting, boolean enabled, boolean locked) {
        HexapodState state() {
            if (!power) return HexapodState.OFF;
            if (booting) return HexapodState.BOOTING;
            if (locked) return HexapodState.LOCKED;
            return enabled ? HexapodState.READY : HexapodState.DISABLED;
        }
    }

    private final SimMotorController axes;
    private final double bootSeconds;
    private final ScheduledExecutorService timer;
    private final IoScanList changes = new IoScanList();
    private volatile Flags flags = new Flags(true, false, true, false);
    private ScheduledFuture<?> boot;

    /** A controller that is on, enabled and unlocked; the axes get this controller as their interlock. */
    public HexapodController(SimMotorController axes, double bootSeconds, ScheduledExecutorService timer) {
        if (axes.axisCount() != AXES) throw new IllegalArgumentException("a hexapod has " + AXES + " axes");
        if (!(bootSeconds >= 0)) throw new IllegalArgumentException("boot time must be >= 0 s, not " + bootSeconds);
        this.axes = axes;
        this.bootSeconds = bootSeconds;
        this.timer = timer;
        for (int i = 0; i < AXES; i++) axes.axis(i).setInterlock(this);
    }

    public String port() { return axes.port(); }

    public SimMotorController axes() { return axes; }

    public double bootSeconds() { return bootSeconds; }

    public HexapodState state() { return flags.state(); }

    public boolean powered() { return flags.power(); }

    public boolean enabled() { return flags.power() && !flags.booting() && flags.enabled(); }

    /** Locked up; stays so through power-off until the controller has booted again. */
    public boolean locked() { return flags.locked(); }

    /** I/O Intr: every state change processes the records that read the controller. */
    public IoScanList changes() { return changes; }

    // ---------------------------------------------------------------------------------------------------------------
    // Commands

    /** The PDU outlet. Off: the axes stop dead. On: the controller boots for bootSeconds. */
    public synchronized void setPower(boolean on) {
        Flags f = flags;
        if (on == f.power()) return;
        if (!on) {
            if (boot != null) boot.cancel(false);
            boot = null;
            haltAll();
            publish(new Flags(false, false, false, f.locked()));
            return;
        }
        publish(new Flags(true, true, false, f.locked()));
        boot = timer.schedule(this::booted, Math.round(bootSeconds * 1e9), TimeUnit.NANOSECONDS);
    }

    private synchronized void booted() {
        Flags f = flags;
        if (!f.power() || !f.booting()) return; // powered off again meanwhile
        boot = null;
        double now = axes.clock().now();
        for (int i = 0; i < AXES; i++) axes.axis(i).reset(now);
        publish(new Flags(true, false, false, false));
    }

    /** Enable or disable the controller; null if done, else why it was refused. Disabling stops the axes. */
    public synchronized String enable(boolean on) {
        Flags f = flags;
        if (on) {
            String why = f.state() == HexapodState.LOCKED ? "hexapod locked: reboot it" : notUp(f);
            if (why != null) return why;
        } else if (!f.power() || f.booting()) {
            return null; // already not enabled
        } else {
            haltAll();
        }
        if (f.enabled() != on) publish(new Flags(f.power(), f.booting(), on, f.locked()));
        return null;
    }

    /** The fault: the controller locks up, drops its enable and stops the axes. Null, or why it cannot. */
    public synchronized String lock() {
        Flags f = flags;
        String why = notUp(f);
        if (why != null) return why;
        haltAll();
        publish(new Flags(true, false, false, true));
        return null;
    }

    /** Test hook: clear the lock without a reboot (the controller stays disabled). */
    public synchronized void clearLock() {
        Flags f = flags;
        if (f.locked()) publish(new Flags(f.power(), f.booting(), f.enabled(), false));
    }

    private static String notUp(Flags f) {
        if (!f.power()) return "hexapod power is off";
        if (f.booting()) return "hexapod controller is booting";
        return null;
    }

    private void haltAll() {
        double now = axes.clock().now();
        for (int i = 0; i < AXES; i++) {
            SimAxis a = axes.axis(i);
            a.halt(now);
        }
    }

    private void publish(Flags f) {
        flags = f;
        changes.request();
        axes.refresh(); // the motor records see the new status and reason at once, not at the next idle poll
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The axes' interlock

    @Override
    public String reason() {
        switch (flags.state()) {
            case OFF: return "hexapod power is off";
            case BOOTING: return "hexapod controller is booting";
            case LOCKED: return "hexapod locked: run hexapod_reboot";
            case DISABLED: return "hexapod disabled: enable it";
            default: return null;
        }
    }

    @Override
    public long statusBits() {
        switch (flags.state()) {
            case OFF: case BOOTING: return MotorStatus.PROBLEM | MotorStatus.COMM_ERR; // no answer: position unknown
            case READY: return 0;
            default: return MotorStatus.PROBLEM;
        }
    }

    @Override
    public String toString() {
        HexapodState s = state();
        return "hexapod " + port() + ": " + s.label() + (locked() && s != HexapodState.LOCKED ? " (locked)" : "");
    }
}
