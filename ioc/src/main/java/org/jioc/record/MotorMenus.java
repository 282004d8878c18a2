package org.jioc.record;

import org.jioc.db.Menu;

/** The menus of motorRecord.dbd (R7), choice strings in dbd order: clients (ophyd, pyepics, MEDM screens) match them. */
public final class MotorMenus {
    private MotorMenus() { }

    public static final Menu DIR = new Menu("motorDIR", "Pos", "Neg");
    public static final Menu SET = new Menu("motorSET", "Use", "Set");
    public static final Menu SPMG = new Menu("motorSPMG", "Stop", "Pause", "Move", "Go");
    public static final Menu FOFF = new Menu("motorFOFF", "Variable", "Frozen");
    public static final Menu TORQ = new Menu("motorTORQ", "Disable", "Enable");
    public static final Menu UEIP = new Menu("motorUEIP", "No", "Yes");
    public static final Menu STUP = new Menu("motorSTUP", "OFF", "ON", "BUSY");
    public static final Menu RMOD = new Menu("motorRMOD", "Default", "Arithmetic", "Geometric", "In-Position");
    public static final Menu RSTM = new Menu("motorRSTM", "Never", "Always", "NearZero", "Conditional");
    public static final Menu ACCU = new Menu("motorACCU", "Use ACCL", "Use ACCS");
    public static final Menu MODE = new Menu("motorMODE", "Position", "Velocity");

    public static final int SPMG_STOP = 0, SPMG_PAUSE = 1, SPMG_MOVE = 2, SPMG_GO = 3;
    public static final int STUP_OFF = 0, STUP_ON = 1, STUP_BUSY = 2;
    public static final int RMOD_DEFAULT = 0, RMOD_ARITHMETIC = 1, RMOD_GEOMETRIC = 2, RMOD_IN_POSITION = 3;
    public static final int RSTM_NEVER = 0, RSTM_ALWAYS = 1, RSTM_NEAR_ZERO = 2, RSTM_CONDITIONAL = 3;
}
