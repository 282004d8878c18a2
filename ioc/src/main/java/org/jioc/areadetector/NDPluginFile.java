package org.jioc.areadetector;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.jioc.areadetector.asyn.Param;
import org.jioc.areadetector.asyn.ParamType;
import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;
import org.jioc.areadetector.hdf5.CaptureSpoolException;
import org.jioc.areadetector.hdf5.CaptureTarget;
import org.jioc.datafile.DataFileException;
import org.jioc.datafile.FileNameTemplate;

/**
 * The NDFile parameters of a file-writing plugin (NDFile.template, asynNDArrayDriver's file part) and their
 * areaDetector rules: FilePath always ends in '/', and writing it sets FilePathExists and, for a missing directory,
 * creates it as CreateDirectory says; the full file name is FileTemplate applied with C printf semantics to
 * (FilePath, FileName, FileNumber), and with AutoIncrement FileNumber advances after each name is built. The modes
 * (Single, Capture, Stream) are the subclass's.
 */
public abstract class NDPluginFile extends NDPluginDriver {
    public static final int MODE_SINGLE = 0;
    public static final int MODE_CAPTURE = 1;
    public static final int MODE_STREAM = 2;

    protected final Param filePath = createParam("FILE_PATH", ParamType.OCTET);
    protected final Param filePathExists = createParam("FILE_PATH_EXISTS", ParamType.INT32);
    protected final Param fileName = createParam("FILE_NAME", ParamType.OCTET);
    protected final Param fileNumber = createParam("FILE_NUMBER", ParamType.INT32);
    protected final Param fileTemplate = createParam("FILE_TEMPLATE", ParamType.OCTET);
    protected final Param autoIncrement = createParam("AUTO_INCREMENT", ParamType.INT32);
    protected final Param fullFileName = createParam("FULL_FILE_NAME", ParamType.OCTET);
    protected final Param fileFormat = createParam("FILE_FORMAT", ParamType.INT32);
    protected final Param autoSave = createParam("AUTO_SAVE", ParamType.INT32);
    protected final Param writeFile = createParam("WRITE_FILE", ParamType.INT32);
    protected final Param readFile = createParam("READ_FILE", ParamType.INT32);
    protected final Param writeMode = createParam("WRITE_MODE", ParamType.INT32);
    protected final Param numCapture = createParam("NUM_CAPTURE", ParamType.INT32);
    protected final Param numCaptured = createParam("NUM_CAPTURED", ParamType.INT32);
    protected final Param capture = createParam("CAPTURE", ParamType.INT32);
    protected final Param writeStatus = createParam("WRITE_STATUS", ParamType.INT32);
    protected final Param writeMessage = createParam("WRITE_MESSAGE", ParamType.OCTET);
    protected final Param createDir = createParam("CREATE_DIR", ParamType.INT32);
    protected final Param lazyOpen = createParam("FILE_LAZY_OPEN", ParamType.INT32);
    protected final Param freeCapture = createParam("FREE_CAPTURE", ParamType.INT32);

    /** A name built by {@link #createFileName()}: the full name and the FileNumber it used. */
    public record FileName(String fullName, int number) {}

    protected NDPluginFile(String portName, String type, PortRegistry ports, int queueSize, boolean blocking,
                           String sourcePort, int sourceAddr, String defaultPath) {
        super(portName, type, ports, queueSize, blocking, sourcePort, sourceAddr);
        setString(filePath, withSlash(defaultPath));
        checkPath();
        setString(fileName, "");
        setInteger(fileNumber, 1);
        setString(fileTemplate, "%s%s_%6.6d.h5");
        setInteger(autoIncrement, 1);
        setString(fullFileName, "");
        setInteger(fileFormat, 0);
        setInteger(autoSave, 1);
        setInteger(writeFile, 0);
        setInteger(readFile, 0);
        setInteger(writeMode, MODE_SINGLE);
        setInteger(numCapture, 1);
        setInteger(numCaptured, 0);
        setInteger(capture, 0);
        setInteger(writeStatus, 0);
        setString(writeMessage, "");
        // CREATE_DIR stays undefined, so the template's CreateDirectory VAL (macro CREATE_DIR) is what PINI writes.
        setInteger(lazyOpen, 0);
        setInteger(freeCapture, 0);
    }

    private static String withSlash(String path) {
        String p = path == null ? "" : path.strip();
        return p.isEmpty() || p.endsWith("/") ? p : p + "/";
    }

    /** asynNDArrayDriver::checkPath: FilePath gets its trailing '/', FilePathExists says whether it is a directory. */
    protected final synchronized boolean checkPath() {
        String p = withSlash(getString(filePath));
        setString(filePath, p);
        boolean exists;
        try {
            exists = !p.isEmpty() && Files.isDirectory(Path.of(p));
        } catch (InvalidPathException e) {
            exists = false;
        }
        setInteger(filePathExists, exists ? 1 : 0);
        return exists;
    }

    @Override
    public synchronized void writeOctet(Param p, String value) throws PortException {
        if (p == filePath) {
            setString(filePath, value.strip());
            if (!checkPath() && !getString(filePath).isEmpty()) {
                int depth = getInteger(createDir);
                try {
                    if (depth != 0) CaptureTarget.createDirectory(Path.of(getString(filePath)), depth);
                } catch (CaptureSpoolException | InvalidPathException e) {
                    setWriteStatus(e.getMessage());
                }
                checkPath();
            }
            callParamCallbacks();
            return;
        }
        if (p == fileTemplate || p == fileName) {
            String t = p == fileTemplate ? value : getString(fileTemplate);
            String n = p == fileName ? value : getString(fileName);
            try {
                new FileNameTemplate("", n, t, 0, false).fullFileName();
            } catch (DataFileException e) {
                throw new PortException(e.getMessage());
            }
        }
        super.writeOctet(p, value);
    }

    @Override
    public synchronized void writeInt32(Param p, int value) throws PortException {
        if (p == fileNumber && value < 0) throw new PortException("FileNumber " + value + " < 0");
        if (p == autoIncrement || p == autoSave || p == lazyOpen) value = value != 0 ? 1 : 0;
        if (p == numCapture && value < 0) throw new PortException("NumCapture " + value + " < 0 (0 = unlimited)");
        super.writeInt32(p, value);
    }

    /**
     * asynNDArrayDriver::createFileName: FileTemplate applied to (FilePath, FileName, FileNumber); sets
     * FullFileName_RBV and, with AutoIncrement, advances FileNumber. Caller holds the lock and posts the callbacks.
     */
    protected final FileName createFileName() {
        int number = getInteger(fileNumber);
        FileName f = fileNameFor(number);
        if (getInteger(autoIncrement) != 0) setInteger(fileNumber, number + 1);
        return f;
    }

    /** The full file name for FileNumber {@code number} (FileNumber itself unchanged); sets FullFileName_RBV. */
    protected final FileName fileNameFor(int number) {
        checkPath();
        String full = new FileNameTemplate(getString(filePath), getString(fileName), getString(fileTemplate), number,
                false).fullFileName();
        setString(fullFileName, full);
        return new FileName(full, number);
    }

    /** WriteStatus = Write error with this WriteMessage (null or empty message: Write OK and an empty message). */
    protected final synchronized void setWriteStatus(String error) {
        boolean bad = error != null && !error.isEmpty();
        setInteger(writeStatus, bad ? 1 : 0);
        setString(writeMessage, bad ? error : "");
    }

    /** Write OK with an informative WriteMessage (e.g. a rollover). */
    protected final synchronized void setWriteInfo(String message) {
        setInteger(writeStatus, 0);
        setString(writeMessage, message);
    }

    /** A busy parameter refused a 1: post its 0 again so the busy record (already 1) completes its put-callback. */
    protected final synchronized void refuseBusy(Param busy, String why) throws PortException {
        setInteger(busy, 0);
        markChanged(busy);
        setWriteStatus(why);
        callParamCallbacks();
        throw new PortException(why);
    }
}
