package org.jioc.load;

/**
 * A database or substitutions file could not be loaded. {@link #getMessage()} is
 * {@code "file:line: detail"} so it can be printed as is, like a compiler error.
 */
public class DbLoadException extends Exception {
    private static final long serialVersionUID = 1L;
    private final SourceLocation where;
    private final String detail;

    public DbLoadException(SourceLocation where, String message) {
        super(where + ": " + message);
        this.where = where;
        this.detail = message;
    }

    /** The file and line the problem was found at. */
    public SourceLocation where() {
        return where;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}
