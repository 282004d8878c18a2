package org.jioc.db;

/** The standard menus of EPICS base (menu*.dbd), with choice strings in dbd order. */
public final class Menus {
    private Menus() { }

    public static final Menu SCAN = new Menu("menuScan", "Passive", "Event", "I/O Intr",
            "10 second", "5 second", "2 second", "1 second", ".5 second", ".2 second", ".1 second");
    public static final Menu PINI = new Menu("menuPini", "NO", "YES", "RUN", "RUNNING", "PAUSE", "PAUSED");
    public static final Menu PRIORITY = new Menu("menuPriority", "LOW", "MEDIUM", "HIGH");
    public static final Menu YES_NO = new Menu("menuYesNo", "NO", "YES");
    public static final Menu ALARM_SEVR = new Menu("menuAlarmSevr", "NO_ALARM", "MINOR", "MAJOR", "INVALID");
    public static final Menu ALARM_STAT = new Menu("menuAlarmStat", "NO_ALARM", "READ", "WRITE", "HIHI", "HIGH",
            "LOLO", "LOW", "STATE", "COS", "COMM", "TIMEOUT", "HWLIMIT", "CALC", "SCAN", "LINK", "SOFT", "BAD_SUB",
            "UDF", "DISABLE", "SIMM", "READ_ACCESS", "WRITE_ACCESS");
    public static final Menu OMSL = new Menu("menuOmsl", "supervisory", "closed_loop");
    public static final Menu IVOA = new Menu("menuIvoa", "Continue normally", "Don't drive outputs",
            "Set output to IVOV");
    public static final Menu FTYPE = new Menu("menuFtype", "STRING", "CHAR", "UCHAR", "SHORT", "USHORT", "LONG",
            "ULONG", "INT64", "UINT64", "FLOAT", "DOUBLE", "ENUM");
    public static final Menu SIMM = new Menu("menuSimm", "NO", "YES", "RAW");
    public static final Menu CONVERT = new Menu("menuConvert", "NO CONVERSION", "SLOPE", "LINEAR",
            "typeKdegF", "typeKdegC", "typeJdegF", "typeJdegC", "typeEdegF(ixe only)", "typeEdegC(ixe only)",
            "typeTdegF", "typeTdegC", "typeRdegF", "typeRdegC", "typeSdegF", "typeSdegC");
    public static final Menu POST = new Menu("menuPost", "On Change", "Always");

    /** Alarm severities and statuses as ints, named as in alarm.h. */
    public static final int NO_ALARM = 0, MINOR = 1, MAJOR = 2, INVALID = 3;
    public static final int READ_ALARM = 1, WRITE_ALARM = 2, HIHI_ALARM = 3, HIGH_ALARM = 4, LOLO_ALARM = 5,
            LOW_ALARM = 6, STATE_ALARM = 7, COS_ALARM = 8, COMM_ALARM = 9, TIMEOUT_ALARM = 10, HW_LIMIT_ALARM = 11,
            CALC_ALARM = 12, SCAN_ALARM = 13, LINK_ALARM = 14, SOFT_ALARM = 15, BAD_SUB_ALARM = 16, UDF_ALARM = 17,
            DISABLE_ALARM = 18, SIMM_ALARM = 19, READ_ACCESS_ALARM = 20, WRITE_ACCESS_ALARM = 21;

    /** SCAN menu indices. */
    public static final int SCAN_PASSIVE = 0, SCAN_EVENT = 1, SCAN_IO_EVENT = 2;
}
