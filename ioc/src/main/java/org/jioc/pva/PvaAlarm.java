package org.jioc.pva;

import org.jioc.db.Menus;

/**
 * EPICS alarm status (menuAlarmStat) to the pvAccess alarm_t status enumeration (0 NO_STATUS, 1 DEVICE, 2 DRIVER,
 * 3 RECORD, 4 DB, 5 CONF, 6 UNDEFINED, 7 CLIENT), grouped the way QSRV/pvxs group them; and the alarm message: AMSG
 * when the record set one, else the status name while in alarm.
 */
final class PvaAlarm {
    private PvaAlarm() { }

    static final int NO_STATUS = 0, DEVICE = 1, DRIVER = 2, RECORD = 3, DB = 4, UNDEFINED = 6;

    static int status(int stat) {
        switch (stat) {
            case Menus.NO_ALARM:
                return NO_STATUS;
            case Menus.READ_ALARM: case Menus.WRITE_ALARM: case Menus.HIHI_ALARM: case Menus.HIGH_ALARM:
            case Menus.LOLO_ALARM: case Menus.LOW_ALARM: case Menus.STATE_ALARM: case Menus.COS_ALARM:
            case Menus.HW_LIMIT_ALARM:
                return DEVICE;
            case Menus.COMM_ALARM: case Menus.TIMEOUT_ALARM: case Menus.UDF_ALARM:
                return DRIVER;
            case Menus.CALC_ALARM: case Menus.SCAN_ALARM: case Menus.LINK_ALARM: case Menus.SOFT_ALARM:
            case Menus.BAD_SUB_ALARM:
                return RECORD;
            case Menus.DISABLE_ALARM: case Menus.SIMM_ALARM: case Menus.READ_ACCESS_ALARM:
            case Menus.WRITE_ACCESS_ALARM:
                return DB;
            default:
                return UNDEFINED;
        }
    }

    /** AMSG if set, else the STAT name ("HIHI", "UDF", ...) while in alarm, else empty. */
    static String message(int stat, String amsg) {
        if (amsg != null && !amsg.isEmpty()) return amsg;
        if (stat == Menus.NO_ALARM) return "";
        return stat > 0 && stat < Menus.ALARM_STAT.size() ? Menus.ALARM_STAT.choice(stat) : Integer.toString(stat);
    }
}
