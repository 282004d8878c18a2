package org.jioc.autosave;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Finds the save file to restore from, as autosave's fopen_and_check does: the .sav, else its .savB, else the
 * newest good sequence file (.sav0 ...). A rejected file is reported in one line that names it, says why and
 * says which file is used instead, and a copy is kept as FILE_RBAD_date for a post-mortem.
 */
final class SaveFileLoader {
    private static final Logger LOG = Logger.getLogger(SaveFileLoader.class.getName());

    private SaveFileLoader() { }

    /** The parsed file to restore from, or null when there is none (the reason is logged). */
    static SaveFile load(Path sav, Map<String, String> macros, AutosaveConfig config) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(sav);
        candidates.add(sav.resolveSibling(sav.getFileName() + "B"));
        candidates.addAll(sequenceFiles(sav, config.numSeqFiles));
        List<String> problems = new ArrayList<>();
        boolean anyExists = false;
        for (Path c : candidates) {
            SaveFile f;
            try {
                f = SaveFileParser.parse(c, macros);
            } catch (NoSuchFileException e) {
                if (c.equals(sav)) problems.add(sav + " does not exist");
                continue;
            } catch (BadSaveFileException e) {
                anyExists = true;
                problems.add(c + " " + e.getMessage());
                keepBadCopy(c, config.datedBackups);
                continue;
            }
            if (!c.equals(sav)) {
                LOG.warning("autosave: " + String.join("; ", problems) + "; restoring from the "
                        + (c.getFileName().toString().endsWith("B") ? "backup " : "sequence file ") + c + " instead");
            }
            return f;
        }
        if (!anyExists) {
            LOG.info("autosave: " + sav + " does not exist yet; nothing to restore from it");
        } else {
            LOG.warning("autosave: " + String.join("; ", problems) + "; no usable save file: nothing restored for "
                    + sav.getFileName());
        }
        return null;
    }

    /** .sav0 .. .savN-1 that exist, newest first (autosave tries the most recent one first). */
    private static List<Path> sequenceFiles(Path sav, int n) {
        List<Path> out = new ArrayList<>();
        for (int k = 0; k < Math.max(n, 10); k++) {
            Path p = sav.resolveSibling(sav.getFileName().toString() + k);
            if (Files.isRegularFile(p)) out.add(p);
        }
        out.sort(Comparator.comparing(SaveFileLoader::modified).reversed());
        return out;
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static void keepBadCopy(Path bad, boolean dated) {
        String suffix = "_RBAD_" + (dated ? SaveFileFormat.DATE.format(LocalDateTime.now()) : "");
        try {
            Files.copy(bad, bad.resolveSibling(bad.getFileName() + suffix), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // only a post-mortem aid
        }
    }
}
