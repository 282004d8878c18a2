package org.jioc.autosave;

/** A save file that must not be restored from; the message completes "FILE ..." (e.g. "is truncated (...)"). */
final class BadSaveFileException extends Exception {
    private static final long serialVersionUID = 1L;

    BadSaveFileException(String reason) {
        super(reason);
    }
}
