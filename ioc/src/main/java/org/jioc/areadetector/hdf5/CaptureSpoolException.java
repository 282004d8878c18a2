package org.jioc.areadetector.hdf5;

/** A capture could not be spooled or finalised; the message is what WriteMessage shows. */
public class CaptureSpoolException extends RuntimeException {
    public CaptureSpoolException(String message) { super(message); }

    public CaptureSpoolException(String message, Throwable cause) { super(message, cause); }
}
