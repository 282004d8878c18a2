package org.jioc.datafile;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The extra PVs read at one moment: label "start" at the start of the run, "break_NNN" at breakpoints;
 * afterPoints = number of points collected when they were read.
 */
public record ExtraPvSnapshot(String label, double time, int afterPoints, List<ExtraPv> values) {
    public ExtraPvSnapshot {
        if (label == null || label.isBlank() || label.contains("/"))
            throw new DataFileException("extra PV snapshot label '" + label + "' is empty or contains '/'");
        values = List.copyOf(values);
        Set<String> names = new HashSet<>();
        for (ExtraPv v : values)
            if (!names.add(v.name())) throw new DataFileException("extra PV name " + v.name() + " appears twice");
    }
}
