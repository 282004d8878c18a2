package org.jioc.record;

import org.jioc.db.DeviceSupport;

/**
 * Device support for the motor record (motor_dset): status in through {@link #updateValues}, commands out as
 * transactions. A device answers every motion command (a move, home search or jog started by GO or JOG) and every
 * GET_INFO with at least one status callback, which processes the record; it calls back on its own whenever the
 * controller's status changes.
 */
public interface MotorDeviceSupport extends DeviceSupport {
    /**
     * update_values: if the controller reported since the last call, copy position, encoder position and status
     * into the record ({@link MotorRecord#controllerStatus}) and return true (CALLBACK_DATA); else false.
     */
    boolean updateValues(MotorRecord r);

    /**
     * Called once from the record's init_record (pass 1) after speeds and resolution are sane: a chance to load a
     * restored position into the controller (RSTM) and to fetch the first status.
     */
    default void initController(MotorRecord r) { }

    void startTransaction(MotorRecord r);

    /** build_trans: false if the command is refused or not supported (the record then falls back). */
    boolean build(MotorRecord r, MotorCommand command, double... params);

    void endTransaction(MotorRecord r);

    /**
     * Why the controller reports PROBLEM, SLIP_STALL or COMM_ERR now ("following error", "hexapod locked: run
     * hexapod_reboot"), shown in the record's AMSG with the STATE or COMM alarm; empty when it cannot say. Called
     * with the record locked; AMSG holds 39 characters.
     */
    default String problemMessage(MotorRecord r) { return ""; }
}
