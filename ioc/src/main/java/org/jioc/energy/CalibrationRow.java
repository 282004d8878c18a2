package org.jioc.energy;

import java.util.Map;

/**
 * One calibrated point of a mode: the energy (keV) and the position of every axis there (by axis name). saved is
 * the row's timestamp as the file gives it (the energy tool stamps points when it saves them); it is kept for the
 * operator, never used. where is the row's "energy" in the file.
 */
public record CalibrationRow(double energy, Map<String, Double> positions, String saved, String where) {
    public CalibrationRow {
        positions = Map.copyOf(positions);
    }

    public double position(Axis a) {
        Double p = positions.get(a.name());
        if (p == null) throw new IllegalArgumentException("row " + energy + " keV has no position for " + a.name());
        return p;
    }
}
