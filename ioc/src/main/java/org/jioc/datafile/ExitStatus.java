package org.jioc.datafile;

/** How a run ended, with the words of a bluesky RunStop document. */
public enum ExitStatus {
    SUCCESS, ABORT, FAIL;

    /** "success", "abort" or "fail". */
    public String word() { return name().toLowerCase(java.util.Locale.ROOT); }
}
