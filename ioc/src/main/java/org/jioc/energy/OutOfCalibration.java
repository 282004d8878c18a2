package org.jioc.energy;

/** An energy outside a mode's calibrated range; the message says the energy and the range. */
public final class OutOfCalibration extends Exception {
    public OutOfCalibration(String message) { super(message); }
}
