package org.jioc.datafile;

import java.util.Objects;

/**
 * Scan points firstPoint..lastPoint (0-based, inclusive) have their images in frames firstFrame..lastFrame
 * (inclusive) of dataset {@code dataset} in the area-detector file {@code path}.
 */
public record ImageFileRef(String path, String dataset, int firstPoint, int lastPoint, long firstFrame, long lastFrame) {
    public ImageFileRef {
        Objects.requireNonNull(path, "path");
        if (path.isBlank() || path.contains("\n")) throw new DataFileException("image file path is empty or has a newline");
        dataset = dataset == null ? "" : dataset;
        if (firstPoint < 0 || lastPoint < firstPoint)
            throw new DataFileException("image file " + path + ": point range " + firstPoint + ".." + lastPoint + " is invalid");
        if (firstFrame < 0 || lastFrame < firstFrame)
            throw new DataFileException("image file " + path + ": frame range " + firstFrame + ".." + lastFrame + " is invalid");
    }
}
