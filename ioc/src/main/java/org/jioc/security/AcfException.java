package org.jioc.security;

/** An access configuration file could not be used; the message is "file:line: what is wrong". */
public final class AcfException extends Exception {
    private static final long serialVersionUID = 1L;

    public AcfException(String file, int line, String message) {
        super(file + ":" + line + ": " + message);
    }
}
