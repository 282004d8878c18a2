package org.jioc.datafile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;

/**
 * Writes the sample files that tests/python/test_datafiles.py reads with h5py and silx:
 * {@code line.h5 grid.h5 aborted.h5 scans.dat} (the three runs appended to one SPEC file) and the breakpoint state
 * of the line scan after 5 points, {@code partial.h5 partial.dat}. Usage: DataFileSamples DIR
 */
public final class DataFileSamples {
    private DataFileSamples() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: DataFileSamples DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        NexusWriter nexus = new NexusWriter(ZoneOffset.UTC);
        SpecFileWriter spec = new SpecFileWriter(dir.resolve("scans.dat"), ZoneOffset.UTC, "tester", "testhost");
        String[] names = {"line.h5", "grid.h5", "aborted.h5"};
        int i = 0;
        for (ScanRun run : SampleRuns.all()) {
            RunSnapshot s = run.snapshot();
            nexus.write(s, dir.resolve(names[i++]));
            spec.write(s);
        }
        ScanRun partial = SampleRuns.lineRun(5);
        nexus.write(partial.snapshot(), dir.resolve("partial.h5"));
        new SpecFileWriter(dir.resolve("partial.dat"), ZoneOffset.UTC, "tester", "testhost").write(partial.snapshot());
    }
}
