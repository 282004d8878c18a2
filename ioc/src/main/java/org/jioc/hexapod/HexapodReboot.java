package org.jioc.hexapod;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jioc.db.NumberFormat;
import org.jioc.procedure.Condition;
import org.jioc.procedure.Procedure;
import org.jioc.procedure.ProcedureArgs;
import org.jioc.procedure.ProcedureConfigException;
import org.jioc.procedure.ProcedureException;
import org.jioc.procedure.ProcedureRun;
import org.jioc.record.MotorStatus;

/**
 * hexapod_reboot: the runbook's cure for a locked hexapod. Steps, each shown in :Step and :Message:
 * {@code power_off} (the PDU outlet off, wait for the controller to be Off), {@code wait} (WAIT seconds with it
 * off), {@code power_on} (outlet on, wait for the controller to have booted), {@code enable} (enable it, wait for
 * Ready), {@code home} (home every axis forward together; an abort stops them) and {@code verify} (every axis homed,
 * the controller Ready and unlocked).
 *
 * <p>Arguments: POWER (the outlet bo), ENABLE (the enable bo), STATE (the state mbbi: Off/Booting/Disabled/Ready/
 * Locked), LOCKED (the lock bi), AXES (the motor records, separated by spaces); WAIT (s, default 120),
 * OFF_TIMEOUT (10), BOOT_TIMEOUT (300), ENABLE_TIMEOUT (10), HOME_TIMEOUT (300) in seconds.
 */
public final class HexapodReboot implements Procedure {
    private final String power, enable, state, locked;
    private final List<String> axes;
    private final Duration wait, offTimeout, bootTimeout, enableTimeout, homeTimeout;

    public HexapodReboot(ProcedureArgs args) throws ProcedureConfigException {
        power = args.localPv("POWER");
        enable = args.localPv("ENABLE");
        state = args.pv("STATE");
        locked = args.pv("LOCKED");
        axes = args.pvList("AXES");
        if (axes.isEmpty()) throw new ProcedureConfigException("argument AXES is missing");
        wait = args.seconds("WAIT", 120);
        offTimeout = args.seconds("OFF_TIMEOUT", 10);
        bootTimeout = args.seconds("BOOT_TIMEOUT", 300);
        enableTimeout = args.seconds("ENABLE_TIMEOUT", 10);
        homeTimeout = args.seconds("HOME_TIMEOUT", 300);
    }

    /** The axes and the controller (named by its outlet): no other procedure drives them during a reboot. */
    @Override
    public Set<String> resources() {
        Set<String> r = new LinkedHashSet<>(axes);
        r.add(power);
        return r;
    }

    @Override
    public void run(ProcedureRun run) throws ProcedureException {
        run.step("power_off", "Switching the hexapod's outlet off (" + power + ")");
        run.put(power, 0);
        run.waitFor(Condition.equal(state, HexapodState.OFF.label()), offTimeout);

        run.step("wait", "Waiting " + seconds(wait) + " with the controller off");
        run.dwell(wait);

        run.step("power_on", "Switching the outlet on; waiting up to " + seconds(bootTimeout)
                + " for the controller to boot");
        run.put(power, 1);
        run.waitFor(Condition.of(state, state + " is past Booting", v -> v.number() > HexapodState.BOOTING.ordinal()),
                bootTimeout);

        run.step("enable", "Enabling the controller (" + enable + ")");
        run.require(Condition.equal(locked, 0), "the hexapod locked again after power-on");
        run.put(enable, 1);
        run.waitFor(Condition.equal(state, HexapodState.READY.label()), enableTimeout);

        run.step("home", "Homing " + axes.size() + " axes");
        run.onAbort(() -> {
            for (String m : axes) run.putNoWait(m + ".STOP", 1);
        });
        Map<String, Object> homf = new LinkedHashMap<>();
        for (String m : axes) homf.put(m + ".HOMF", 1);
        run.putAll(homf, homeTimeout);

        run.step("verify", "Checking that every axis is homed and the controller is Ready");
        for (String m : axes) {
            run.require(Condition.of(m + ".MSTA", m + ".MSTA has HOMED",
                    v -> ((long) v.number() & MotorStatus.HOMED) != 0), m + " is not homed");
        }
        run.require(Condition.equal(locked, 0), "the hexapod is locked");
        run.require(Condition.equal(state, HexapodState.READY.label()), "the controller is not Ready");
        run.result("hexapod rebooted, " + axes.size() + " axes homed");
    }

    private static String seconds(Duration d) { return NumberFormat.plain(d.toMillis() / 1000.0) + " s"; }
}
