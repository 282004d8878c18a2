package org.jioc.autosave;

import org.jioc.load.SourceLocation;

/** A request file (or other autosave input) that cannot be used; the message says where: "file:line: message". */
public final class AutosaveFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public AutosaveFileException(SourceLocation where, String message) {
        super(where + ": " + message);
    }

    public AutosaveFileException(String message) {
        super(message);
    }
}
