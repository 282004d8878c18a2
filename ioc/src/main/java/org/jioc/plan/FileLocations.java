package org.jioc.plan;

import java.nio.file.Path;

import org.jioc.datafile.FileNameTemplate;

/**
 * Where a {@link DataFileWriter} puts a run's files: the NeXus name template (areaDetector NDFile semantics) and the
 * SPEC file the run is appended to. Read again for every run, so changed PVs apply to the next run.
 */
public interface FileLocations {
    /** The NeXus names as set now; throws (DataFileException) when the settings are not usable. */
    FileNameTemplate nexusNames();

    /** The SPEC data file as set now. */
    Path specFile();

    /** After a run claimed its NeXus file: names is the template after the claim (FileNumber advanced). */
    default void claimed(Path nexusFile, Path specFile, FileNameTemplate names) { }

    /** After a check of the directory: whether FilePath exists as a directory now. */
    default void directoryChecked(boolean exists) { }

    /** Fixed settings (tests, IOCs without the file PVs). */
    static FileLocations fixed(FileNameTemplate names, Path spec) {
        return new FileLocations() {
            @Override
            public FileNameTemplate nexusNames() { return names; }

            @Override
            public Path specFile() { return spec; }
        };
    }
}
