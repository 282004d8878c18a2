package org.jioc.catalog;

/**
 * A file a run wrote or refers to: its path, its kind ("nexus", "spec", "areadetector", ...) and, for image files,
 * the frames of this run in it (inclusive; null when not applicable).
 */
public record RunFile(String path, String kind, Long firstFrame, Long lastFrame) {
    public RunFile {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("a run file needs a path");
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("run file " + path + " needs a kind");
        if (kind.length() > 32) throw new IllegalArgumentException("run file kind '" + kind + "' is over 32 characters");
        if ((firstFrame == null) != (lastFrame == null))
            throw new IllegalArgumentException("run file " + path + ": give both frames or neither");
        if (firstFrame != null && (firstFrame < 0 || lastFrame < firstFrame))
            throw new IllegalArgumentException("run file " + path + ": bad frame range " + firstFrame + ".." + lastFrame);
    }

    public static RunFile of(String path, String kind) { return new RunFile(path, kind, null, null); }
}
