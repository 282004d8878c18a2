package org.jioc.areadetector.hdf5;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;

import org.jioc.datafile.FileNameTemplate;

/**
 * Where a capture's HDF5 files go and how they are written: NDFile's FilePath, FileName, FileTemplate and the
 * FileNumber of the first file (file k of a rolled-over capture gets FileNumber + k), Compression with ZLevel,
 * CreateDirectory, and the per-file frame limit (0 = as many as fit, see {@link SpoolFinaliser}). Stored in the spool
 * header so recovery after a crash writes the same files.
 */
public record CaptureTarget(String filePath, String fileName, String fileTemplate, int firstFileNumber,
                            Compression compression, int zLevel, int createDirectory, int maxFramesPerFile) {

    public CaptureTarget {
        if (zLevel < 0 || zLevel > 9) throw new CaptureSpoolException("ZLevel " + zLevel + " is not 0..9");
        if (maxFramesPerFile < 0) throw new CaptureSpoolException("frames per file " + maxFramesPerFile + " < 0");
        fileName(filePath, fileName, fileTemplate, firstFileNumber); // a bad template fails here, before any frame
    }

    /** The full name of file {@code k} (0 = first) of this capture. */
    public Path file(int k) { return fileName(filePath, fileName, fileTemplate, firstFileNumber + k); }

    private static Path fileName(String path, String name, String template, int number) {
        try {
            return Paths.get(new FileNameTemplate(path, name, template, number, false).fullFileName());
        } catch (RuntimeException e) {
            throw new CaptureSpoolException("bad file name: " + e.getMessage(), e);
        }
    }

    public Path directory() {
        Path f = file(0).toAbsolutePath();
        return f.getParent();
    }

    /** Makes sure the target directory exists, creating it as {@link #createDirectory(Path, int)} says. */
    public void prepareDirectory() { createDirectory(directory(), createDirectory); }

    /**
     * Makes sure {@code dir} exists, creating it as areaDetector's CreateDirectory (asynNDArrayDriver::createFilePath)
     * says: 0 = never; N &gt; 0 = the first N path components must exist and deeper ones are created; N &lt; 0 = at most
     * |N| trailing components are created, but never the first component below the root. Throws with the message
     * WriteMessage shows.
     */
    public static void createDirectory(Path dir, int depth) {
        dir = dir.toAbsolutePath();
        if (Files.isDirectory(dir)) {
            if (!Files.isWritable(dir)) throw new CaptureSpoolException("FilePath " + dir + " is not writable");
            return;
        }
        int components = dir.getNameCount();
        int existing = 0;
        while (existing < components && Files.isDirectory(dir.getRoot().resolve(dir.subpath(0, existing + 1)))) existing++;
        int mustExist = depth > 0 ? depth : depth < 0 ? Math.max(1, components + depth) : components;
        if (depth == 0 || existing < mustExist) {
            throw new CaptureSpoolException("FilePath " + dir + " does not exist (CreateDirectory=" + depth + ")");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CaptureSpoolException("cannot create FilePath " + dir + ": " + e.getMessage(), e);
        }
    }

    Properties toProperties() {
        Properties p = new Properties();
        p.setProperty("filePath", filePath);
        p.setProperty("fileName", fileName);
        p.setProperty("fileTemplate", fileTemplate);
        p.setProperty("firstFileNumber", Integer.toString(firstFileNumber));
        p.setProperty("compression", compression.adName);
        p.setProperty("zLevel", Integer.toString(zLevel));
        p.setProperty("createDirectory", Integer.toString(createDirectory));
        p.setProperty("maxFramesPerFile", Integer.toString(maxFramesPerFile));
        return p;
    }

    static CaptureTarget fromProperties(Properties p, String where) {
        try {
            return new CaptureTarget(req(p, "filePath"), req(p, "fileName"), req(p, "fileTemplate"),
                    Integer.parseInt(req(p, "firstFileNumber")), Compression.ofAdName(req(p, "compression")),
                    Integer.parseInt(req(p, "zLevel")), Integer.parseInt(req(p, "createDirectory")),
                    Integer.parseInt(req(p, "maxFramesPerFile")));
        } catch (NumberFormatException e) {
            throw new CaptureSpoolException(where + ": bad number in spool header: " + e.getMessage(), e);
        } catch (CaptureSpoolException e) {
            throw new CaptureSpoolException(where + ": " + e.getMessage(), e);
        }
    }

    private static String req(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) throw new CaptureSpoolException("spool header lacks " + key);
        return v;
    }
}
