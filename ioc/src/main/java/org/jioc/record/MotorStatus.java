package org.jioc.record;

/**
 * The MSTA bits (motor.h msta_field, least significant first). Device support reports them; the record derives
 * MOVN, HLS/LLS, ATHM, TDIR, CNEN and its STATE/COMM alarms from them.
 */
public final class MotorStatus {
    private MotorStatus() { }

    /** Last raw direction of motion: 1 = positive. */
    public static final long DIRECTION = 1L << 0;
    /** Motion is complete. */
    public static final long DONE = 1L << 1;
    /** Plus (high) limit switch active. */
    public static final long PLUS_LS = 1L << 2;
    /** Home switch active. */
    public static final long HOMELS = 1L << 3;
    public static final long SLIP = 1L << 4;
    /** Closed-loop position control on (amplifier enabled). */
    public static final long POSITION = 1L << 5;
    /** Slip/stall (following error) detected. */
    public static final long SLIP_STALL = 1L << 6;
    /** Encoder home signal. */
    public static final long HOME = 1L << 7;
    /** An encoder is present. */
    public static final long PRESENT = 1L << 8;
    /** Driver/controller problem: the record stops and raises a MAJOR STATE alarm. */
    public static final long PROBLEM = 1L << 9;
    /** Motion in progress. */
    public static final long MOVING = 1L << 10;
    /** The controller supports closed-loop enable (CNEN) and PID gains. */
    public static final long GAIN_SUPPORT = 1L << 11;
    /** Communication error: INVALID COMM alarm. */
    public static final long COMM_ERR = 1L << 12;
    /** Minus (low) limit switch active. */
    public static final long MINUS_LS = 1L << 13;
    /** The axis has been homed. */
    public static final long HOMED = 1L << 14;
}
