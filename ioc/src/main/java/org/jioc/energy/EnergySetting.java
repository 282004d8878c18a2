package org.jioc.energy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jioc.db.NumberFormat;
import org.jioc.procedure.Procedure;
import org.jioc.procedure.ProcedureArgs;
import org.jioc.procedure.ProcedureConfigException;
import org.jioc.procedure.ProcedureException;
import org.jioc.procedure.ProcedureFailure;
import org.jioc.procedure.ProcedureRun;
import org.jioc.record.MotorStatus;

/**
 * energy_setting: move the optics to the calibrated curve of the requested energy and mode (docs/energy.md).
 * Arguments: TABLE (the JSON calibration table), ENERGY and MODE (the setpoint PVs, read when the procedure starts),
 * ENERGY_RBV and MODE_RBV (optional readbacks of what was last reached), TIMEOUT (seconds for the motion, default
 * 300). Steps: check (range and soft limits: a problem fails here, before any motor moves), move (every axis' VAL
 * with put-callback, together; an abort STOPs them all), verify (every RBV within its retry deadband, no MSTA
 * problem), then the readbacks are published.
 */
public final class EnergySetting implements Procedure {
    /** The motor fields this procedure uses; a table motor without them is not a motor record of this IOC. */
    private static final List<String> MOTOR_FIELDS = List.of("VAL", "RBV", "STOP", "HLM", "LLM", "DHLM", "DLLM",
            "RDBD", "MRES", "MSTA", "DISP", "SPMG");
    private static final long SPMG_MOVE = 2;
    private static final double EPS = 1e-9;

    private final CalibrationTable table;
    private final String energyPv, modePv, energyRbv, modeRbv;
    private final Duration timeout;

    public EnergySetting(ProcedureArgs args) throws ProcedureConfigException {
        Path file = Path.of(args.text("TABLE"));
        try {
            table = CalibrationTable.read(file);
        } catch (CalibrationException e) {
            throw new ProcedureConfigException(e.getMessage());
        }
        energyPv = args.pv("ENERGY");
        modePv = args.pv("MODE");
        energyRbv = args.has("ENERGY_RBV") ? args.localPv("ENERGY_RBV") : null;
        modeRbv = args.has("MODE_RBV") ? args.localPv("MODE_RBV") : null;
        timeout = args.seconds("TIMEOUT", 300);
        for (Axis a : table.axes())
            for (String f : MOTOR_FIELDS)
                if (!args.isLocal(a.motor() + "." + f)) throw new ProcedureConfigException(a.where() + ": axis "
                        + a.name() + ": " + a.motor() + " is not a motor record of this IOC (no " + a.motor() + "."
                        + f + ")");
    }

    public CalibrationTable table() { return table; }

    /** Every motor of the table: no other procedure (homing, another energy setting) drives them meanwhile. */
    @Override
    public Set<String> resources() {
        Set<String> out = new LinkedHashSet<>();
        for (Axis a : table.axes()) out.add(a.motor());
        return out;
    }

    @Override
    public void run(ProcedureRun run) throws ProcedureException {
        double energy = run.getDouble(energyPv);
        String mode = run.getString(modePv);
        String target = mode + " " + ModeCurve.kev(energy) + " keV";

        run.step("check", "Checking " + target + " against the calibration");
        Setpoints sp = setpoints(mode, energy);
        target = mode + " " + ModeCurve.kev(sp.energy()) + " keV";
        checkMotors(run, sp);

        run.step("move", "Moving " + sp.targets().size() + " motors to " + target + " (" + sp.how() + ")");
        if (energyRbv != null) run.putNoWait(energyRbv, Double.NaN);    // between energies until verified
        List<String> motors = new ArrayList<>();
        Map<String, Object> moves = new LinkedHashMap<>();
        for (Map.Entry<Axis, Double> t : sp.targets().entrySet()) {
            motors.add(t.getKey().motor());
            moves.put(t.getKey().motor() + ".VAL", t.getValue());
        }
        run.onAbort(() -> stopAll(run, motors));
        run.putAll(moves, timeout);

        run.step("verify", "Checking that every motor reached " + target);
        verify(run, sp);
        if (energyRbv != null) run.putNoWait(energyRbv, sp.energy());
        if (modeRbv != null) run.putNoWait(modeRbv, mode);
        run.result(target);
    }

    /** The targets, or Failed before anything moved: unknown mode, no such curve, energy outside it. */
    private Setpoints setpoints(String mode, double energy) throws ProcedureFailure {
        ModeCurve curve = table.curve(mode);
        if (curve == null) throw new ProcedureFailure("the calibration table has no " + mode + " curve (it has "
                + String.join(", ", table.modes()) + "); no motor moved");
        try {
            return curve.setpoints(energy);
        } catch (OutOfCalibration e) {
            throw new ProcedureFailure(e.getMessage() + "; no motor moved");
        }
    }

    /** Every target within its motor's soft limits, every motor enabled and allowed to move; else Failed. */
    private static void checkMotors(ProcedureRun run, Setpoints sp) throws ProcedureException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Axis, Double> t : sp.targets().entrySet()) {
            String m = t.getKey().motor();
            double v = t.getValue();
            if (run.getDouble(m + ".DISP") != 0) problems.add(m + " is disabled (DISP=1)");
            if (run.getDouble(m + ".SPMG") < SPMG_MOVE)
                problems.add(m + " is not allowed to move (SPMG=" + run.getString(m + ".SPMG") + ")");
            boolean limited = run.getDouble(m + ".DHLM") != 0 || run.getDouble(m + ".DLLM") != 0;
            double hi = run.getDouble(m + ".HLM"), lo = run.getDouble(m + ".LLM");
            if (limited && (v > hi || v < lo)) problems.add(t.getKey().name() + " target " + num(v) + " is beyond "
                    + m + "'s soft limits (" + num(lo) + " to " + num(hi) + ")");
        }
        if (!problems.isEmpty()) run.fail(String.join("; ", problems) + "; no motor moved");
    }

    /** Each readback within max(RDBD, MRES) of its target and no motor reporting a problem; else Failed. */
    private static void verify(ProcedureRun run, Setpoints sp) throws ProcedureException {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Axis, Double> t : sp.targets().entrySet()) {
            String m = t.getKey().motor();
            double rbv = run.getDouble(m + ".RBV");
            double tol = Math.max(Math.abs(run.getDouble(m + ".RDBD")), Math.abs(run.getDouble(m + ".MRES")));
            long msta = (long) run.getDouble(m + ".MSTA");
            if ((msta & MotorStatus.PROBLEM) != 0) problems.add(m + " reports a problem (MSTA)");
            if (!(Math.abs(rbv - t.getValue()) <= tol + EPS)) problems.add(m + " (" + t.getKey().name() + ") is at "
                    + num(rbv) + ", not " + num(t.getValue()));
        }
        if (!problems.isEmpty()) run.fail(String.join("; ", problems));
    }

    /** The abort hook: STOP every motor of the move, even when one of the puts fails. */
    private static void stopAll(ProcedureRun run, List<String> motors) throws ProcedureFailure {
        List<String> failed = new ArrayList<>();
        for (String m : motors) {
            try {
                run.putNoWait(m + ".STOP", 1);
            } catch (ProcedureException e) {
                failed.add(e.getMessage());
            }
        }
        if (!failed.isEmpty()) throw new ProcedureFailure(String.join("; ", failed));
    }

    /** A position for messages: 7 significant digits, no trailing zeros. */
    static String num(double v) {
        if (!Double.isFinite(v)) return NumberFormat.plain(v);
        return NumberFormat.plain(new BigDecimal(v).round(new MathContext(7)).doubleValue());
    }
}
