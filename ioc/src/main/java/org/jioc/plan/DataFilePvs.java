package org.jioc.plan;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.jioc.datafile.DataFileException;
import org.jioc.datafile.FileNameTemplate;
import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldListener;

/**
 * The data-file PVs of a plan set (db-templates/plans.template), areaDetector NDFile style: FilePath, FileName,
 * FileTemplate, FileNumber, AutoIncrement and SpecFile name the next run's files; FullFileName_RBV and
 * SpecFile_RBV show the files of the last run, FilePathExists_RBV whether FilePath is a directory. The defaults come
 * from info(dataFileDefault, "...") on the string records, written at iocInit.
 */
final class DataFilePvs implements FileLocations {
    static final String DEFAULT_TAG = "dataFileDefault";

    private final Database db;
    private final PvWriter writer;
    private final String prefix;
    final FieldAddress filePath, fileName, fileTemplate, fileNumber, autoIncrement, specFile, fullFileName,
            specFileRbv, pathExists;
    private final List<Runnable> unsubscribe = new ArrayList<>();

    private DataFilePvs(Database db, String prefix) throws PlanConfigException {
        this.db = db;
        this.prefix = prefix;
        this.writer = new PvWriter(db, prefix);
        filePath = field("FilePath");
        fileName = field("FileName");
        fileTemplate = field("FileTemplate");
        fileNumber = field("FileNumber");
        autoIncrement = field("AutoIncrement");
        specFile = field("SpecFile");
        fullFileName = field("FullFileName_RBV");
        specFileRbv = field("SpecFile_RBV");
        pathExists = field("FilePathExists_RBV");
    }

    static DataFilePvs bind(Database db, String prefix) throws PlanConfigException {
        return new DataFilePvs(db, prefix);
    }

    private FieldAddress field(String suffix) throws PlanConfigException {
        FieldAddress a = db.resolve(prefix + suffix + ".VAL");
        if (a == null) throw new PlanConfigException("record " + prefix + suffix
                + " is missing (load db-templates/plans.template for the whole PV set)");
        return a;
    }

    /**
     * At iocInit: writes the info(dataFileDefault) values into the string records still empty, then keeps
     * FilePathExists_RBV up to date when FilePath is written (the update is done on executor).
     */
    void attach(Executor executor) {
        for (FieldAddress a : List.of(filePath, fileName, fileTemplate, specFile)) writer.putDefault(a, DEFAULT_TAG);
        updateExists();
        FieldListener l = (rec, f, mask) -> {
            if ((mask & FieldListener.DBE_VALUE) != 0) executor.execute(this::updateExists);
        };
        filePath.subscribe(l);
        unsubscribe.add(() -> filePath.unsubscribe(l));
    }

    void detach() {
        unsubscribe.forEach(Runnable::run);
        unsubscribe.clear();
    }

    private void updateExists() {
        String p = Channels.readString(filePath).strip();
        boolean exists;
        try {
            exists = !p.isEmpty() && Files.isDirectory(Path.of(p));
        } catch (InvalidPathException e) {
            exists = false;
        }
        directoryChecked(exists);
    }

    @Override
    public FileNameTemplate nexusNames() {
        return new FileNameTemplate(Channels.readString(filePath), Channels.readString(fileName),
                Channels.readString(fileTemplate), (int) Channels.readDouble(fileNumber),
                Channels.readDouble(autoIncrement) != 0);
    }

    /** SpecFile, relative to FilePath; empty: FilePath/FileName.spec. */
    @Override
    public Path specFile() {
        String dir = Channels.readString(filePath).strip();
        String spec = Channels.readString(specFile).strip();
        try {
            if (spec.isEmpty()) {
                String name = Channels.readString(fileName).strip();
                spec = (name.isEmpty() ? "scans" : name) + ".spec";
            }
            Path p = Path.of(spec);
            return p.isAbsolute() || dir.isEmpty() ? p : Path.of(dir).resolve(p);
        } catch (InvalidPathException e) {
            throw new DataFileException("SpecFile '" + spec + "' is not a valid path: " + e.getReason());
        }
    }

    @Override
    public void claimed(Path nexusFile, Path spec, FileNameTemplate names) {
        put(fileNumber, names.fileNumber());
        put(fullFileName, nexusFile.toString());
        put(specFileRbv, spec.toString());
    }

    @Override
    public void directoryChecked(boolean exists) { put(pathExists, exists ? 1 : 0); }

    private void put(FieldAddress a, long v) { writer.put(a, v); }

    private void put(FieldAddress a, String v) { writer.put(a, v); }
}
