package org.jioc.record;

/**
 * The commands the motor record sends its device support (motor.h motor_cmnd). Parameters are raw: positions in
 * motor steps, speeds in steps/s, accelerations in steps/s^2.
 */
public enum MotorCommand {
    /** Absolute move to param[0] steps; performed at GO with the velocities and acceleration set before. */
    MOVE_ABS,
    /** Relative move by param[0] steps; performed at GO. */
    MOVE_REL,
    /** Home search in the positive raw direction; performed at GO. */
    HOME_FOR,
    /** Home search in the negative raw direction; performed at GO. */
    HOME_REV,
    /** Redefine the controller's position register as param[0] steps, without motion. */
    LOAD_POS,
    SET_VEL_BASE,
    SET_VELOCITY,
    SET_ACCEL,
    /** Start the move built so far. */
    GO,
    /** Encoder ticks / motor steps: param[0] / param[1]. */
    SET_ENC_RATIO,
    /** Ask for a fresh status; the device always answers with one callback. */
    GET_INFO,
    /** Decelerate to a stop. */
    STOP_AXIS,
    /** Constant-velocity move at param[0] steps/s (signed) until stopped. */
    JOG,
    SET_PGAIN,
    SET_IGAIN,
    SET_DGAIN,
    /** Closed-loop (amplifier) on. */
    ENABLE_TORQUE,
    /** Closed-loop (amplifier) off. */
    DISABL_TORQUE,
    PRIMITIVE,
    /** Controller's own soft limit, raw steps. */
    SET_HIGH_LIMIT,
    SET_LOW_LIMIT,
    /** Change the speed of a running jog to param[0] steps/s (signed). */
    JOG_VELOCITY,
    SET_RESOLUTION
}
