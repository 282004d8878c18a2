package org.jioc.datafile;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Directory and file name of data files, with areaDetector's NDFile semantics so the PV layer can bind FilePath,
 * FileName, FileTemplate, FileNumber and AutoIncrement one to one: the full name is the C format FileTemplate applied
 * to (FilePath, FileName, FileNumber), e.g. {@code %s%s_%3.3d.h5}. FilePath gets a trailing '/' if it has none.
 * {@link #claim()} creates the directory, refuses one that cannot be written, and with AutoIncrement advances
 * FileNumber after each claimed name. Thread-safe.
 */
public final class FileNameTemplate {
    private String filePath = "";
    private String fileName = "";
    private String fileTemplate = "%s%s_%3.3d.h5";
    private int fileNumber = 1;
    private boolean autoIncrement = true;

    public FileNameTemplate() {}

    public FileNameTemplate(String filePath, String fileName, String fileTemplate, int fileNumber, boolean autoIncrement) {
        setFilePath(filePath);
        setFileName(fileName);
        setFileTemplate(fileTemplate);
        setFileNumber(fileNumber);
        setAutoIncrement(autoIncrement);
    }

    public synchronized String filePath() { return filePath; }
    public synchronized String fileName() { return fileName; }
    public synchronized String fileTemplate() { return fileTemplate; }
    public synchronized int fileNumber() { return fileNumber; }
    public synchronized boolean autoIncrement() { return autoIncrement; }

    public synchronized void setFilePath(String path) {
        String p = path == null ? "" : path.strip();
        if (!p.isEmpty() && !p.endsWith("/")) p += "/";
        filePath = p;
    }

    public synchronized void setFileName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.contains("/")) throw new DataFileException("FileName '" + n + "' contains '/'; put directories in FilePath");
        fileName = n;
    }

    /** Checked here, so a bad template is refused when it is set, not when a scan ends. */
    public synchronized void setFileTemplate(String template) {
        CFormat.format(template, "", "", 0);
        fileTemplate = template;
    }

    public synchronized void setFileNumber(int number) {
        if (number < 0) throw new DataFileException("FileNumber " + number + " < 0");
        fileNumber = number;
    }

    public synchronized void setAutoIncrement(boolean on) { autoIncrement = on; }

    /** The name the next claim would give (areaDetector's FullFileName), without creating anything. */
    public synchronized String fullFileName() { return CFormat.format(fileTemplate, filePath, fileName, fileNumber); }

    /**
     * The next file's path: the directory exists and is writable when this returns. With AutoIncrement the number is
     * advanced afterwards.
     */
    public synchronized Path claim() {
        if (filePath.isEmpty()) throw new DataFileException("FilePath is empty: set a directory for data files");
        Path file;
        try {
            file = Path.of(fullFileName()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new DataFileException("data file name '" + fullFileName() + "' is not a valid path: " + e.getReason());
        }
        ensureWritableDirectory(file.getParent());
        if (autoIncrement) fileNumber++;
        return file;
    }

    /** Creates {@code dir} (and parents) and checks that files can be created in it. */
    public static void ensureWritableDirectory(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            String why = e instanceof AccessDeniedException ? "permission denied" : e.getReason() != null ? e.getReason() : e.toString();
            throw new DataFileException("cannot create data directory " + dir + ": " + why + " (at " + e.getFile() + ")", e);
        } catch (IOException e) {
            throw new DataFileException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(dir)) throw new DataFileException("data directory " + dir + " is not a directory");
        if (!Files.isWritable(dir)) throw new DataFileException("cannot write data files into " + dir + ": permission denied");
        // isWritable ignores read-only mounts and ACL subtleties: create a probe file to be sure.
        try {
            Path probe = Files.createTempFile(dir, ".jioc-probe", ".tmp");
            Files.delete(probe);
        } catch (IOException e) {
            throw new DataFileException("cannot write data files into " + dir + ": " + e.getMessage(), e);
        }
    }
}
