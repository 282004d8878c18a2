package org.jioc.datafile;

/** A data file could not be written, or the run description given to a writer is inconsistent. */
public class DataFileException extends RuntimeException {
    public DataFileException(String message) { super(message); }
    public DataFileException(String message, Throwable cause) { super(message, cause); }
}
