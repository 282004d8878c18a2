package org.jioc.load;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds include and template files: absolute as given, else along a directory list. */
final class FileFinder {
    private FileFinder() {
    }

    /**
     * @param fallbackDir searched after {@code dirs} (the referring file's directory), or null
     * @return the file, or null if it is nowhere
     */
    static Path find(String name, List<Path> dirs, Path fallbackDir) {
        Path p;
        try {
            p = Path.of(name);
        } catch (InvalidPathException e) {
            return null;
        }
        if (p.isAbsolute()) {
            return Files.isRegularFile(p) ? p.normalize() : null;
        }
        for (Path dir : dirs) {
            Path c = dir.resolve(p);
            if (Files.isRegularFile(c)) {
                return c.normalize();
            }
        }
        if (fallbackDir != null) {
            Path c = fallbackDir.resolve(p);
            if (Files.isRegularFile(c)) {
                return c.normalize();
            }
        }
        return null;
    }

    /** Describes where {@link #find} looked, for "not found" messages. */
    static String searched(List<Path> dirs, Path fallbackDir) {
        List<String> all = new ArrayList<>();
        dirs.forEach(d -> all.add(d.toString()));
        if (fallbackDir != null && !dirs.contains(fallbackDir)) {
            all.add(fallbackDir.toString());
        }
        return String.join(File.pathSeparator, all);
    }

    /** Splits an EPICS path list ("dir:dir" on Unix); an empty element means ".". */
    static List<Path> parsePathList(String list) {
        List<Path> dirs = new ArrayList<>();
        if (list == null) {
            return dirs;
        }
        for (String part : list.split(File.pathSeparator, -1)) {
            dirs.add(Path.of(part.isBlank() ? "." : part.strip()));
        }
        return dirs;
    }
}
