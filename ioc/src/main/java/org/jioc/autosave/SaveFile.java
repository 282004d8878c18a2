package org.jioc.autosave;

import java.nio.file.Path;
import java.util.List;

/**
 * A .sav file that passed every check: its PV lines in order, how many PVs its writer could not read (the "!"
 * line), and lines that could not be used on their own (an undefined macro) without making the file suspect.
 */
record SaveFile(Path path, List<Entry> entries, int missingCount, List<String> lineProblems) {
    /** One "PVNAME value" line (or array) and the line it starts on. */
    record Entry(String pvName, SavedValue value, int line) { }

    SaveFile {
        entries = List.copyOf(entries);
        lineProblems = List.copyOf(lineProblems);
    }
}
