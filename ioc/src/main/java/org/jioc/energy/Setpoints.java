package org.jioc.energy;

import java.util.Map;

/**
 * Where the optics go for one energy of one mode: the target of each axis that moves (in table order). exact is the
 * calibrated row when the energy is one (every axis, POS ones too), else null and below/above are the rows the
 * MOVE axes were interpolated between (POS axes are absent: they stay).
 */
public record Setpoints(String mode, double energy, Map<Axis, Double> targets, CalibrationRow exact,
        CalibrationRow below, CalibrationRow above) {
    public Setpoints {
        targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
    }

    /** "calibrated point" or "interpolated between 17.000 and 20.000 keV". */
    public String how() {
        return exact != null ? "calibrated point"
                : "interpolated between " + ModeCurve.kev(below.energy()) + " and " + ModeCurve.kev(above.energy())
                        + " keV";
    }
}
