package org.jioc.datafile;

import java.util.Objects;

/** A PV recorded as metadata (not a scan column): value is a Double, a String or a double[]. */
public record ExtraPv(String name, String pv, Object value, String units, String description) {
    public ExtraPv {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains("/")) throw new DataFileException("extra PV name '" + name + "' is empty or contains '/'");
        if (!(value instanceof Double || value instanceof String || value instanceof double[]))
            throw new DataFileException("extra PV " + name + ": value must be a Double, String or double[], not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        if (value instanceof double[] a) value = a.clone();
        pv = pv == null ? "" : pv;
        units = units == null ? "" : units;
        description = description == null ? "" : description;
    }
}
