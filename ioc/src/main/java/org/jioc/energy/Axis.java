package org.jioc.energy;

/**
 * One optics axis of a calibration table: its name in the table, the motor record it drives (e.g. "2bma:m6"), how
 * it follows the energy, and where it is declared ("file:line:column", for messages).
 */
public record Axis(String name, String motor, AxisKind kind, String description, String where) {
}
