package org.jioc.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One mode's calibration (Mono or Pink): its rows sorted by energy, and the optics positions for any energy in
 * their range. Energies are compared at 1 eV (0.001 keV), the resolution the energy tool keys its rows with: a
 * requested energy is rounded to it, and a row closer than half an eV is "the" calibrated point.
 */
public final class ModeCurve {
    /** Energies within half an eV are the same point. */
    static final double SAME_ENERGY = 0.0005;

    private final String mode;
    private final List<Axis> axes;
    private final List<CalibrationRow> rows;

    /** rows must already be sorted, distinct and complete (the reader checks it). */
    ModeCurve(String mode, List<Axis> axes, List<CalibrationRow> rows) {
        if (rows.isEmpty()) throw new IllegalArgumentException(mode + " has no rows");
        this.mode = mode;
        this.axes = List.copyOf(axes);
        this.rows = List.copyOf(rows);
    }

    public String mode() { return mode; }

    public List<CalibrationRow> rows() { return rows; }

    public double lowest() { return rows.get(0).energy(); }

    public double highest() { return rows.get(rows.size() - 1).energy(); }

    /** The energy rounded to 1 eV, as it is compared and interpolated. */
    static double round(double kev) { return Math.round(kev * 1000.0) / 1000.0; }

    static String kev(double e) { return String.format(Locale.ROOT, "%.3f", e); }

    /**
     * The positions for energy keV: a calibrated row gives every axis its value; between two rows the MOVE axes are
     * linearly interpolated and the POS axes left out (they stay where they are). Outside the rows, or for an energy
     * that is not a number, nothing: OutOfCalibration says why.
     */
    public Setpoints setpoints(double energy) throws OutOfCalibration {
        if (!Double.isFinite(energy)) throw new OutOfCalibration("the energy " + energy + " keV is not a number");
        double e = round(energy);
        Map<Axis, Double> targets = new LinkedHashMap<>();
        for (CalibrationRow r : rows) {
            if (Math.abs(r.energy() - e) < SAME_ENERGY) {
                for (Axis a : axes) targets.put(a, r.position(a));
                return new Setpoints(mode, e, targets, r, r, r);
            }
        }
        if (e < lowest() || e > highest()) throw new OutOfCalibration(kev(e) + " keV is outside the " + mode
                + " calibration (" + (rows.size() == 1 ? "only " + kev(lowest()) : kev(lowest()) + " to "
                + kev(highest())) + " keV)");
        CalibrationRow below = rows.get(0), above = rows.get(1);
        for (int i = 1; i < rows.size(); i++) {
            if (rows.get(i).energy() > e) {
                below = rows.get(i - 1);
                above = rows.get(i);
                break;
            }
        }
        double f = (e - below.energy()) / (above.energy() - below.energy());
        for (Axis a : axes) {
            if (a.kind() != AxisKind.MOVE) continue;
            double lo = below.position(a), hi = above.position(a);
            targets.put(a, lo + f * (hi - lo));
        }
        return new Setpoints(mode, e, targets, null, below, above);
    }

    /** The calibrated energies, for messages and the console. */
    public List<String> energies() {
        List<String> out = new ArrayList<>();
        for (CalibrationRow r : rows) out.add(kev(r.energy()));
        return out;
    }
}
