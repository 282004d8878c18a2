package org.jioc.load;

/**
 * Where something was written: a file (as resolved when it was opened) and a 1-based line.
 * Line 0 means "the file as a whole" (e.g. it could not be opened).
 */
public record SourceLocation(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
