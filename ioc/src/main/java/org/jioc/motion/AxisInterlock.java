package org.jioc.motion;

/**
 * Something outside an axis that may forbid it to move: the controller it belongs to is off, booting, disabled or
 * locked up (a hexapod). Asked by the axis under its own monitor, so an implementation reads its state without
 * taking locks of its own.
 */
public interface AxisInterlock {
    /** Null while the axis may move; else why not, short enough for the motor record's AMSG (39 characters). */
    String reason();

    /** MSTA bits the controller reports for the axis while {@link #reason} is not null: PROBLEM, COMM_ERR. */
    long statusBits();
}
