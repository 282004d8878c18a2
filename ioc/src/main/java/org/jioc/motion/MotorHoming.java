package org.jioc.motion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jioc.procedure.Condition;
import org.jioc.procedure.Precondition;
import org.jioc.procedure.Procedure;
import org.jioc.procedure.ProcedureArgs;
import org.jioc.procedure.ProcedureConfigException;
import org.jioc.procedure.ProcedureException;
import org.jioc.procedure.ProcedureRun;
import org.jioc.record.MotorStatus;

/**
 * motor_homing: home motor records with their HOMF (or HOMR) field, one after another or all together, and check
 * that each ended on its home switch. The put-callback on HOMF completes when the motor's DMOV is 1 again, as a
 * client's {@code caput -c m.HOMF 1} would. Arguments:
 * <ul>
 * <li>MOTORS: the motor records, separated by spaces (they must be in this IOC);</li>
 * <li>DIRECTION: forward (HOMF, default) or reverse (HOMR);</li>
 * <li>TOGETHER: 1 to home all motors at once (one step), 0 (default) for one step per motor in the given order;</li>
 * <li>TIMEOUT: seconds allowed for each homing step (default 300).</li>
 * </ul>
 * A motor that is disabled or reports a controller problem blocks the start (:Precheck says which); while it runs,
 * the motors are this procedure's resources, and an abort STOPs the motors of the current step.
 */
public final class MotorHoming implements Procedure {
    private final List<String> motors;
    private final String field;
    private final boolean together;
    private final Duration timeout;

    public MotorHoming(ProcedureArgs args) throws ProcedureConfigException {
        motors = args.list("MOTORS");
        if (motors.isEmpty()) throw new ProcedureConfigException("argument MOTORS is missing (motor record names)");
        if (new LinkedHashSet<>(motors).size() != motors.size()) {
            throw new ProcedureConfigException("argument MOTORS names a motor twice: " + String.join(" ", motors));
        }
        for (String m : motors) {
            if (!args.isLocal(m)) throw new ProcedureConfigException("argument MOTORS: no record " + m + " in this IOC");
            if (!args.isLocal(m + ".HOMF")) {
                throw new ProcedureConfigException("argument MOTORS: " + m + " is not a motor record (no HOMF field)");
            }
        }
        String dir = args.text("DIRECTION", "forward").trim().toLowerCase(Locale.ROOT);
        field = switch (dir) {
            case "forward" -> "HOMF";
            case "reverse" -> "HOMR";
            default -> throw new ProcedureConfigException("argument DIRECTION=" + dir + ": expected forward or reverse");
        };
        double t = args.number("TOGETHER", 0);
        if (t != 0 && t != 1) throw new ProcedureConfigException("argument TOGETHER=" + t + ": expected 0 or 1");
        together = t == 1;
        timeout = args.seconds("TIMEOUT", 300);
    }

    @Override
    public List<Precondition> preconditions() {
        List<Precondition> list = new ArrayList<>();
        for (String m : motors) {
            list.add(Precondition.of(Condition.equal(m + ".DISP", 0), m + " is disabled"));
            list.add(Precondition.of(Condition.of(m + ".MSTA", "MSTA without the PROBLEM bit",
                    v -> ((long) v.number() & MotorStatus.PROBLEM) == 0), m + " reports a controller problem"));
        }
        return list;
    }

    @Override
    public Set<String> resources() { return Set.copyOf(motors); }

    @Override
    public void run(ProcedureRun run) throws ProcedureException {
        if (together) {
            run.step("home", "Homing " + String.join(", ", motors) + " " + direction());
            home(run, motors);
        } else {
            for (String m : motors) {
                run.step("home " + m, "Homing " + m + " " + direction());
                home(run, List.of(m));
            }
        }
        List<String> where = new ArrayList<>();
        for (String m : motors) {
            where.add(m + " at " + format(run.getDouble(m + ".RBV")) + " " + run.getString(m + ".EGU"));
        }
        run.result(motors.size() + (motors.size() == 1 ? " motor" : " motors") + " homed (" + String.join(", ", where)
                + ")");
    }

    /** Start the home search of these motors with completion; STOP them if aborted; check they reached home. */
    private void home(ProcedureRun run, List<String> group) throws ProcedureException {
        run.onAbort(() -> {
            for (String m : group) run.putNoWait(m + ".STOP", 1);
        });
        Map<String, Object> puts = new LinkedHashMap<>();
        for (String m : group) puts.put(m + "." + field, 1);
        run.putAll(puts, timeout);
        for (String m : group) {
            long msta = (long) run.getDouble(m + ".MSTA");
            if ((msta & MotorStatus.PROBLEM) != 0) run.fail(m + " stopped with a controller problem (MSTA "
                    + msta + ")");
            run.require(Condition.equal(m + ".ATHM", 1), m + " stopped off its home switch");
        }
    }

    private String direction() { return field.equals("HOMF") ? "forward (HOMF)" : "in reverse (HOMR)"; }

    private static String format(double v) { return String.format(Locale.ROOT, "%.4g", v); }
}
