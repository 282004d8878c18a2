package org.jioc.plan;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.catalog.RunFile;
import org.jioc.datafile.Column;
import org.jioc.datafile.FileNameTemplate;
import org.jioc.datafile.RunFiles;
import org.jioc.datafile.ScanRun;
import org.jioc.datafile.SpecFileWriter;
import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;

/**
 * The plan layer's data files: every run gets a NeXus HDF5 file (named by {@link FileLocations#nexusNames()}) and is
 * appended to a SPEC data file ({@link FileLocations#specFile()}). Both are written at the start (no points), at
 * every breakpoint (the points so far) and at the end (with the stop); the catalog gets both paths (kinds nexus,
 * spec). The mapping from the run to the files is {@link RunDataMapping}.
 */
public final class DataFileWriter implements RunWriter {
    private final FileLocations locations;
    private final Database db;
    private final Map<String, Open> open = new ConcurrentHashMap<>();

    /** The files of one run being written. */
    private record Open(ScanRun scan, RunFiles files, Set<Integer> extras) { }

    /** db (may be null): where the units, precision and description of the columns' PVs are read. */
    public DataFileWriter(FileLocations locations, Database db) {
        this.locations = locations;
        this.db = db;
    }

    @Override
    public void check() { check(locations); }

    /**
     * Before a run: the NeXus directory and the SPEC file's directory exist (created if needed) and are writable;
     * throws DataFileException saying why not. Tells locations whether FilePath exists now.
     */
    public static void check(FileLocations locations) {
        FileNameTemplate names = locations.nexusNames();
        Path spec = locations.specFile();
        boolean exists = !names.filePath().isEmpty() && java.nio.file.Files.isDirectory(Path.of(names.filePath()));
        try {
            if (names.filePath().isEmpty())
                throw new org.jioc.datafile.DataFileException("FilePath is empty: set a directory for data files");
            FileNameTemplate.ensureWritableDirectory(Path.of(names.filePath()).toAbsolutePath());
            exists = true;
            if (spec == null) throw new org.jioc.datafile.DataFileException("no SPEC file is set");
            FileNameTemplate.ensureWritableDirectory(spec.toAbsolutePath().getParent());
        } finally {
            locations.directoryChecked(exists);
        }
    }

    @Override
    public List<RunFile> start(RunData run) {
        FileNameTemplate names = locations.nexusNames();
        Path spec = locations.specFile();
        ScanRun scan = RunDataMapping.scanRun(run, this::column);
        Set<Integer> extras = new HashSet<>();
        RunDataMapping.addNew(run, scan, extras);
        RunFiles files = RunFiles.start(scan, names, new SpecFileWriter(spec));
        locations.claimed(files.nexusFile(), files.specFile(), names);
        open.put(run.uid(), new Open(scan, files, extras));
        return entries(files);
    }

    @Override
    public List<RunFile> breakpoint(RunData run, int pointIndex) {
        Open o = open.get(run.uid());
        if (o == null) return List.of();
        RunDataMapping.addNew(run, o.scan(), o.extras());
        o.files().write();
        return entries(o.files());
    }

    @Override
    public List<RunFile> finish(RunData run, ObjectNode stop) {
        Open o = open.remove(run.uid());
        if (o == null) return List.of(); // start failed: there are no files to finish
        RunDataMapping.addNew(run, o.scan(), o.extras());
        o.files().finish(RunDataMapping.stop(stop, o.scan().pointCount()));
        return entries(o.files());
    }

    /** The catalog entries of a run's files (kinds nexus, spec). */
    public static List<RunFile> entries(RunFiles f) {
        return List.of(RunFile.of(f.nexusFile().toString(), "nexus"), RunFile.of(f.specFile().toString(), "spec"));
    }

    private Column column(String pv) { return column(db, pv, pv); }

    /**
     * The column of a PV, given name: with the units (EGU), precision and description (DESC) of its record when the
     * PV is a field of this IOC (db may be null), else with none.
     */
    public static Column column(Database db, String name, String pv) {
        FieldAddress a = db == null ? null : db.resolve(pv);
        if (a == null) return Column.of(name, pv);
        try (var g = a.lock()) {
            Record r = a.record;
            FieldAddress desc = db.resolve(r.name() + ".DESC");
            String d = desc == null ? "" : r.getString(desc.field);
            return new Column(name, pv, r.units(a.field), r.precision(a.field), d);
        }
    }
}
