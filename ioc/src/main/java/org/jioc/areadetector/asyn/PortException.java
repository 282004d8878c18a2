package org.jioc.areadetector.asyn;

/** A driver refused a write (asynError): the record raises a WRITE alarm with this message. */
public class PortException extends Exception {
    public PortException(String message) { super(message); }
}
