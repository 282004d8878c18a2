package org.jioc.datafile;

import java.util.Objects;

/**
 * A positioner: its drive column, the position it should reach at every planned point (in point order, snake
 * already applied), its position before the scan (NaN if unknown; the SPEC #P line), and the grid dimension it
 * moves along (0 = the slowest axis; every positioner of a 1-D scan is on dimension 0).
 */
public record Positioner(Column column, double[] desired, double startPosition, int dimension) {
    public Positioner {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(desired, "desired");
        if (dimension < 0) throw new DataFileException("positioner " + column.name() + ": dimension " + dimension + " < 0");
        desired = desired.clone();
    }

    public String name() { return column.name(); }
}
