package org.jioc.datafile;

import java.util.Objects;

/**
 * One recorded quantity: its name (a column label / dataset name), the PV it comes from, and the display
 * properties known for it. Empty strings mean "unknown"; precision -1 means unknown.
 */
public record Column(String name, String pv, String units, int precision, String description) {
    public Column {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) throw new DataFileException("a column needs a name");
        if (name.contains("  ") || name.contains("/") || name.contains("\n") || name.contains("\t"))
            throw new DataFileException("column name '" + name
                    + "' contains '/', a tab, a newline or two spaces (SPEC labels and HDF5 names cannot)");
        pv = pv == null ? "" : pv;
        units = units == null ? "" : units;
        description = description == null ? "" : description;
    }

    public static Column of(String name, String pv) { return new Column(name, pv, "", -1, ""); }
}
