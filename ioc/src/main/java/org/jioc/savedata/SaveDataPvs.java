package org.jioc.savedata;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.jioc.datafile.DataFileException;
import org.jioc.datafile.FileNameTemplate;
import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.plan.FileLocations;
import org.jioc.plan.PvWriter;

/**
 * The saveData PVs of db-templates/saveData.template, synApps names where synApps has them: the directory is
 * saveData_fileSystem/saveData_subDir, the NeXus name the C format saveData_fileTemplate applied to (directory,
 * saveData_baseName, saveData_scanNumber) - the areaDetector NDFile semantics the plan sets' file PVs have - and
 * the SPEC file saveData_specFile (empty: baseName.spec in the directory). After a scan: saveData_fullPathName,
 * saveData_fileName, saveData_specPathName name its files, saveData_scanNumber has advanced, saveData_status and
 * saveData_message say how the writing went.
 */
final class SaveDataPvs implements FileLocations {
    /** info(dataFileDefault, "...") on the string records: written at iocInit into those still empty. */
    static final String DEFAULT_TAG = "dataFileDefault";
    static final int INACTIVE = 0, ACTIVE = 1, MOUNT_ERR = 2, IO_ERR = 3;

    final String prefix;
    private final Database db;
    private final PvWriter writer;
    final FieldAddress fileSystem, subDir, baseName, fileTemplate, scanNumber, specFile, fileName, fullPathName,
            specPathName, status, message;

    SaveDataPvs(Database db, String prefix) {
        this.db = db;
        this.prefix = prefix;
        this.writer = new PvWriter(db, "saveData " + prefix);
        fileSystem = field("fileSystem");
        subDir = field("subDir");
        baseName = field("baseName");
        fileTemplate = field("fileTemplate");
        scanNumber = field("scanNumber");
        specFile = field("specFile");
        fileName = field("fileName");
        fullPathName = field("fullPathName");
        specPathName = field("specPathName");
        status = field("status");
        message = field("message");
    }

    private FieldAddress field(String suffix) {
        FieldAddress a = db.resolve(prefix + "saveData_" + suffix + ".VAL");
        if (a == null) throw new IllegalArgumentException("record " + prefix + "saveData_" + suffix
                + " is missing (load db-templates/saveData.template for the whole PV set)");
        return a;
    }

    /** At iocInit: the string defaults; status Active. */
    void attach() {
        for (FieldAddress a : new FieldAddress[] {fileSystem, subDir, baseName, fileTemplate, specFile})
            writer.putDefault(a, DEFAULT_TAG);
        status(ACTIVE, "saveData ready");
    }

    void status(int state, String text) {
        writer.put(status, state);
        writer.put(message, text.length() > 255 ? text.substring(0, 255) : text);
    }

    private static String read(FieldAddress a) {
        try (var g = a.lock()) {
            return a.record.getString(a.field).strip();
        }
    }

    int scanNumber() {
        try (var g = scanNumber.lock()) {
            return (int) scanNumber.record.getLong(scanNumber.field);
        }
    }

    /** fileSystem, with subDir under it (a leading / of subDir is ignored: it is always relative). */
    String directory() {
        String fs = read(fileSystem);
        String sub = read(subDir).replaceAll("^/+", "");
        if (sub.isEmpty()) return fs;
        if (fs.isEmpty()) return "";
        try {
            return Path.of(fs).resolve(sub).toString();
        } catch (InvalidPathException e) {
            throw new DataFileException("saveData_subDir '" + sub + "' is not a valid path: " + e.getReason());
        }
    }

    @Override
    public FileNameTemplate nexusNames() {
        return new FileNameTemplate(directory(), read(baseName), read(fileTemplate), scanNumber(), true);
    }

    @Override
    public Path specFile() {
        String dir = directory();
        String spec = read(specFile);
        try {
            if (spec.isEmpty()) {
                String name = read(baseName);
                spec = (name.isEmpty() ? "scans" : name) + ".spec";
            }
            Path p = Path.of(spec);
            return p.isAbsolute() || dir.isEmpty() ? p : Path.of(dir).resolve(p);
        } catch (InvalidPathException e) {
            throw new DataFileException("saveData_specFile '" + spec + "' is not a valid path: " + e.getReason());
        }
    }

    @Override
    public void claimed(Path nexusFile, Path spec, FileNameTemplate names) {
        writer.put(scanNumber, names.fileNumber());
        writer.put(fullPathName, nexusFile.toString());
        writer.put(fileName, nexusFile.getFileName().toString());
        writer.put(specPathName, spec.toString());
    }
}
