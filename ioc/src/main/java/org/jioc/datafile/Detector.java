package org.jioc.datafile;

import java.util.Objects;

/** A detector column: one value per point ({@code length == 0}) or an array of {@code length} values per point. */
public record Detector(Column column, int length) {
    public Detector {
        Objects.requireNonNull(column, "column");
        if (length < 0) throw new DataFileException("detector " + column.name() + ": length " + length + " < 0");
    }

    public static Detector scalar(Column c) { return new Detector(c, 0); }

    public boolean isArray() { return length > 0; }

    public String name() { return column.name(); }
}
