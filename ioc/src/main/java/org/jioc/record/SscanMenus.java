package org.jioc.record;

import org.jioc.db.Menu;

/** The sscan record's menus (synApps sscanRecord.dbd / menuSscan.dbd): choice strings and order exactly as there. */
public final class SscanMenus {
    private SscanMenus() { }

    public static final Menu FAZE = new Menu("sscanFAZE", "IDLE", "INIT_SCAN", "DO:BEFORE_SCAN", "WAIT:BEFORE_SCAN",
            "MOVE_MOTORS", "WAIT:MOTORS", "TRIG_DETCTRS", "WAIT:DETCTRS", "RETRACE_MOVE", "WAIT:RETRACE",
            "DO:AFTER_SCAN", "WAIT:AFTER_SCAN", "SCAN_DONE", "SCAN_PENDING", "PREVIEW", "RECORD SCALAR DATA");
    public static final int IDLE = 0, INIT_SCAN = 1, DO_BEFORE_SCAN = 2, WAIT_BEFORE_SCAN = 3, MOVE_MOTORS = 4,
            WAIT_MOTORS = 5, TRIG_DETCTRS = 6, WAIT_DETCTRS = 7, RETRACE_MOVE = 8, WAIT_RETRACE = 9,
            DO_AFTER_SCAN = 10, WAIT_AFTER_SCAN = 11, SCAN_DONE = 12, SCAN_PENDING = 13, PREVIEW = 14,
            RECORD_SCALAR_DATA = 15;

    public static final Menu PASM = new Menu("sscanPASM", "STAY", "START POS", "PRIOR POS", "PEAK POS", "VALLEY POS",
            "+EDGE POS", "-EDGE POS", "CNTR OF MASS");
    public static final int PASM_STAY = 0, PASM_START = 1, PASM_PRIOR = 2, PASM_PEAK = 3, PASM_VALLEY = 4,
            PASM_RISING_EDGE = 5, PASM_FALLING_EDGE = 6, PASM_COM = 7;

    public static final Menu CMND = new Menu("sscanCMND", "Clear msg", "Check limits", "Preview scan",
            "Clear all PV's", "Clear pos PV's, etc", "Clear pos PV's", "Clear pos&rdbk PV's, etc",
            "Clear pos&rdbk PV's");
    public static final int CMND_CLEAR_MSG = 0, CMND_CHECK_LIMITS = 1, CMND_PREVIEW = 2, CMND_CLEAR_ALL = 3,
            CMND_CLEAR_POS_ETC = 4, CMND_CLEAR_POS = 5, CMND_CLEAR_POS_RDBK_ETC = 6, CMND_CLEAR_POS_RDBK = 7;

    public static final Menu P1SM = new Menu("sscanP1SM", "LINEAR", "TABLE", "FLY");
    public static final int LINEAR = 0, TABLE = 1, FLY = 2;

    public static final Menu P1AR = new Menu("sscanP1AR", "ABSOLUTE", "RELATIVE");
    public static final int RELATIVE = 1;

    public static final Menu ACQM = new Menu("sscanACQM", "NORMAL", "ACCUMULATE", "ADD TO PREV");
    public static final int ACQM_NORMAL = 0, ACQM_ACCUMULATE = 1, ACQM_ADD_TO_PREV = 2;

    public static final Menu ACQT = new Menu("sscanACQT", "SCALAR", "1D ARRAY");
    public static final int ACQT_SCALAR = 0, ACQT_1D_ARRAY = 1;

    public static final Menu LINKWAIT = new Menu("sscanLINKWAIT", "Wait", "NoWait");
    public static final int WAIT = 0;

    public static final Menu NOYES = new Menu("sscanNOYES", "NO", "YES");

    public static final Menu PAUS = new Menu("sscanPAUS", "GO", "PAUSE");

    public static final Menu FPTS = new Menu("sscanFPTS", "NO", "FREEZE");

    public static final Menu FFO = new Menu("sscanFFO", "USE F-FLAGS", "OVERRIDE");
    public static final int FFO_OVERRIDE = 1;

    public static final Menu P1NV = new Menu("sscanP1NV", "PV OK", "No PV", "PV NoRead", "PV illegal1",
            "PV NoWrite", "PV illegal2", "PV BAD");
    public static final int PV_OK = 0, NO_PV = 1, PV_NOREAD = 2, PV_NOWRITE = 4, PV_BAD = 6;

    public static final Menu DSTATE = new Menu("sscanDSTATE", "UNPACKED", "TRIG_ARRAY_READ", "ARRAY_READ_WAIT",
            "ARRAY_GET_CALLBACK_WAIT", "RECORD_ARRAY_DATA", "SAVE_DATA_WAIT", "PACKED", "POSTED");
    public static final int UNPACKED = 0, TRIG_ARRAY_READ = 1, ARRAY_READ_WAIT = 2, RECORD_ARRAY_DATA = 4,
            SAVE_DATA_WAIT = 5, PACKED = 6, POSTED = 7;
}
