package org.jioc.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;

/**
 * The last scan_id this IOC handed out, kept in a local file as well as in the database, so a run started while
 * the database is unreachable (even right after a restart) still continues the sequence.
 */
final class ScanIdFile {
    private static final Logger LOG = Logger.getLogger(ScanIdFile.class.getName());
    private final Path file;

    ScanIdFile(Path file) { this.file = file; }

    synchronized long read() {
        try {
            return Files.isRegularFile(file)
                    ? Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            LOG.warning("catalog: cannot read " + file + ": " + e.getMessage());
            return 0;
        }
    }

    /** Record scanId if it is above what the file holds (written to a temporary file, then moved over). */
    synchronized void raise(long scanId) {
        if (scanId <= read()) return;
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, scanId + "\n", StandardCharsets.US_ASCII);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warning("catalog: cannot write " + file + ": " + e.getMessage());
        }
    }
}
