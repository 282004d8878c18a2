package org.jioc.energy;

/** A calibration table that cannot be used; the message starts with "file:line:column: ". */
public final class CalibrationException extends Exception {
    public CalibrationException(String message) { super(message); }
}
