package org.jioc.energy;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An energy calibration table (docs/energy.md): the optics axes and, per mode, calibrated rows energy -> positions.
 * Read from JSON with {@link #read}, which checks everything (sorted rows, no duplicates, every axis in every row,
 * finite numbers, known modes) and reports a problem as "file:line:column: message".
 */
public final class CalibrationTable {
    /** The modes a table may calibrate, in the order of the EnergyMode mbbo's states (db-templates/energy.template). */
    public static final List<String> MODES = List.of("Mono", "Pink");

    private final Path file;
    private final String description;
    private final List<Axis> axes;
    private final Map<String, ModeCurve> curves;

    CalibrationTable(Path file, String description, List<Axis> axes, Map<String, ModeCurve> curves) {
        this.file = file;
        this.description = description;
        this.axes = List.copyOf(axes);
        this.curves = Collections.unmodifiableMap(new LinkedHashMap<>(curves));
    }

    /** Read and check the table in file. */
    public static CalibrationTable read(Path file) throws CalibrationException {
        return new CalibrationTableReader(file).read();
    }

    public Path file() { return file; }

    public String description() { return description; }

    public List<Axis> axes() { return axes; }

    /** The calibrated modes, in file order. */
    public Set<String> modes() { return curves.keySet(); }

    /** The curve of mode, or null when the table does not calibrate it. */
    public ModeCurve curve(String mode) { return curves.get(mode); }
}
