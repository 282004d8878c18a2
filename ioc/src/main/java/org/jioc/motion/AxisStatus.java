package org.jioc.motion;

/**
 * What an axis reports at one instant: motor and encoder position (raw steps), velocity (steps/s) and the MSTA bits
 * of {@link org.jioc.record.MotorStatus}.
 */
public record AxisStatus(double position, double encoderPosition, double velocity, long bits) {
    public boolean has(long bit) { return (bits & bit) != 0; }

    public boolean moving() { return !has(org.jioc.record.MotorStatus.DONE); }

    public long motorSteps() { return Math.round(Math.floor(position + 0.5)); }

    public long encoderSteps() { return Math.round(Math.floor(encoderPosition + 0.5)); }

    /** Same as far as the motor record can tell: whole steps and status bits. */
    public boolean sameAs(AxisStatus o) {
        return o != null && motorSteps() == o.motorSteps() && encoderSteps() == o.encoderSteps() && bits == o.bits;
    }
}
