package org.jioc.energy;

/**
 * How an axis follows the energy, as in the 2-BM energy tool's "Move" and "Pos" lists: a MOVE axis (Bragg angles,
 * heights) is linearly interpolated between the two calibrated rows around the energy; a POS axis (filter slot,
 * stripe, an in/out stage) has discrete positions and is only driven when the energy is a calibrated row; between
 * rows it stays where it is.
 */
public enum AxisKind {
    MOVE("move"), POS("pos");

    private final String label;

    AxisKind(String label) { this.label = label; }

    /** The name in the JSON table. */
    public String label() { return label; }

    /** The kind named label, or null. */
    static AxisKind of(String label) {
        for (AxisKind k : values()) if (k.label.equals(label)) return k;
        return null;
    }
}
