package org.jioc.datafile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The data files of one run and when they are written: {@link #write()} at the start (headers, no points), at each
 * {@link #breakpoint} (the points so far) and at {@link #finish} (everything plus the stop). The NeXus file is
 * rewritten whole each time (atomic rename); the SPEC file gets the new lines appended. A failure of one writer does
 * not keep the other from writing; both failures are reported together.
 */
public final class RunFiles {
    private final ScanRun run;
    private final Path nexusFile;
    private final NexusWriter nexus;
    private final SpecFileWriter spec;

    public RunFiles(ScanRun run, Path nexusFile, NexusWriter nexus, SpecFileWriter spec) {
        this.run = run;
        this.nexusFile = nexusFile.toAbsolutePath();
        this.nexus = nexus;
        this.spec = spec;
    }

    /** Claims the next NeXus name from {@code nexusNames} (creating its directory) and writes the run's start. */
    public static RunFiles start(ScanRun run, FileNameTemplate nexusNames, SpecFileWriter spec) {
        RunFiles files = new RunFiles(run, nexusNames.claim(), new NexusWriter(), spec);
        files.write();
        return files;
    }

    public ScanRun run() { return run; }
    public Path nexusFile() { return nexusFile; }
    public Path specFile() { return spec.file(); }

    /** Writes what was collected so far to both files. */
    public void write() {
        RunSnapshot s = run.snapshot();
        List<String> errors = new ArrayList<>();
        try {
            nexus.write(s, nexusFile);
        } catch (DataFileException e) {
            errors.add(e.getMessage());
        }
        try {
            spec.write(s);
        } catch (DataFileException e) {
            errors.add(e.getMessage());
        }
        if (!errors.isEmpty()) throw new DataFileException(String.join("; ", errors));
    }

    /** A breakpoint: records the extra PVs read now (may be null) and writes the points so far. */
    public void breakpoint(ExtraPvSnapshot extraPvs) {
        if (extraPvs != null) run.addExtraPvs(extraPvs);
        write();
    }

    public void finish(RunStop stop) {
        run.stop(stop);
        write();
    }
}
