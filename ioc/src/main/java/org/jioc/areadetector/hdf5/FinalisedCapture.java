package org.jioc.areadetector.hdf5;

import java.nio.file.Path;
import java.util.List;

/**
 * What finalising a spool produced: the HDF5 files in order (file k holds the frames after those of files 0..k-1),
 * the frames per file, whether the spool had been sealed (false = recovered after a crash, up to the last valid
 * record), and the FileNumber after the last file (for the plugin's FileNumber when AutoIncrement is on).
 */
public record FinalisedCapture(Path spool, List<Path> files, List<Integer> framesPerFile, boolean sealed,
                               int nextFileNumber, String tornTail) {
    public FinalisedCapture {
        files = List.copyOf(files);
        framesPerFile = List.copyOf(framesPerFile);
    }

    public int frames() { return framesPerFile.stream().mapToInt(Integer::intValue).sum(); }
}
