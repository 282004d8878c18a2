package org.jioc.areadetector.hdf5;

/**
 * The spool's header is incomplete: the process died while creating it. The header is synced before the first frame
 * is accepted, so such a spool holds no acknowledged frame and recovery removes it.
 */
public final class EmptySpoolException extends CaptureSpoolException {
    public EmptySpoolException(String message) { super(message); }
}
