package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * The synApps motor record (motorRecord.cc): user/dial/raw coordinates, soft limits with LVIO, backlash, retries,
 * STOP and SPMG, homing, jogging, tweaks, SET mode, and the DMOV protocol clients wait on.
 *
 * <p>Like the EPICS record it is neither synchronous nor classically asynchronous: every process() returns with
 * PACT 0, but the forward link (and so a put-callback) runs only when DMOV is 1. The device support processes the
 * record again on every controller status change, and the record walks its motion state (MIP) from there. Writing
 * VAL, DVAL, RVAL, RLV, TWF or TWR posts DMOV=0 at once, so every commanded move, even a zero-length one, shows
 * 1 -> 0 -> 1.
 */
public final class MotorRecord extends Record {
    public static final RecordType TYPE = new RecordType("motor");
    static final double VERSION = 7.0;

    static final int VERS = TYPE.flt("VERS").readOnly().initial("1").slot();
    static final int OFF = TYPE.dbl("OFF").asl0().special().pp().slot();
    static final int FOFF = TYPE.menu("FOFF", MotorMenus.FOFF).asl0().special().slot();
    static final int FOF = TYPE.shrt("FOF").asl0().special().slot();
    static final int VOF = TYPE.shrt("VOF").asl0().special().slot();
    static final int DIR = TYPE.menu("DIR", MotorMenus.DIR).special().pp().slot();
    static final int SET = TYPE.menu("SET", MotorMenus.SET).asl0().slot();
    static final int SSET = TYPE.shrt("SSET").asl0().special().slot();
    static final int SUSE = TYPE.shrt("SUSE").asl0().special().slot();
    static final int VELO = TYPE.dbl("VELO").special().slot();
    static final int VBAS = TYPE.dbl("VBAS").special().slot();
    static final int VMAX = TYPE.dbl("VMAX").special().slot();
    static final int S = TYPE.dbl("S").special().slot();
    static final int SBAS = TYPE.dbl("SBAS").special().slot();
    static final int SMAX = TYPE.dbl("SMAX").special().slot();
    static final int ACCL = TYPE.dbl("ACCL").special().initial("0.2").slot();
    static final int ACCS = TYPE.dbl("ACCS").special().slot();
    static final int ACCU = TYPE.menu("ACCU", MotorMenus.ACCU).readOnly().slot();
    static final int BDST = TYPE.dbl("BDST").asl0().special().slot();
    static final int BVEL = TYPE.dbl("BVEL").special().slot();
    static final int SBAK = TYPE.dbl("SBAK").special().slot();
    static final int BACC = TYPE.dbl("BACC").special().initial("0.5").slot();
    static final int FRAC = TYPE.flt("FRAC").special().initial("1").slot();
    static final int OUT = TYPE.outlink("OUT").slot();
    static final int CARD = TYPE.shrt("CARD").readOnly().interest(3).slot();
    static final int RDBL = TYPE.inlink("RDBL").slot();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
    static final int RLNK = TYPE.outlink("RLNK").slot();
    static final int SREV = TYPE.lng("SREV").special().pp().initial("200").slot();
    static final int UREV = TYPE.dbl("UREV").special().pp().slot();
    static final int MRES = TYPE.dbl("MRES").special().pp().slot();
    static final int ERES = TYPE.dbl("ERES").special().pp().slot();
    static final int RRES = TYPE.dbl("RRES").slot();
    static final int UEIP = TYPE.menu("UEIP", MotorMenus.UEIP).special().pp().slot();
    static final int URIP = TYPE.menu("URIP", MotorMenus.UEIP).special().pp().slot();
    static final int PREC = TYPE.shrt("PREC").prop().slot();
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int RHLM = TYPE.dbl("RHLM").readOnly().slot();
    static final int RLLM = TYPE.dbl("RLLM").readOnly().slot();
    static final int HLM = TYPE.dbl("HLM").special().pp().interest(0).slot();
    static final int LLM = TYPE.dbl("LLM").special().pp().interest(0).slot();
    static final int DHLM = TYPE.dbl("DHLM").special().pp().slot();
    static final int DLLM = TYPE.dbl("DLLM").special().pp().slot();
    static final int HOPR = TYPE.dbl("HOPR").slot();
    static final int LOPR = TYPE.dbl("LOPR").slot();
    static final int HLS = TYPE.shrt("HLS").readOnly().interest(0).slot();
    static final int LLS = TYPE.shrt("LLS").readOnly().interest(0).slot();
    static final int RHLS = TYPE.shrt("RHLS").readOnly().slot();
    static final int RLLS = TYPE.shrt("RLLS").readOnly().slot();
    static final int HIHI = TYPE.dbl("HIHI").pp().interest(2).slot();
    static final int LOLO = TYPE.dbl("LOLO").pp().interest(2).slot();
    static final int HIGH = TYPE.dbl("HIGH").pp().interest(2).slot();
    static final int LOW = TYPE.dbl("LOW").pp().interest(2).slot();
    static final int HHSV = TYPE.menu("HHSV", Menus.ALARM_SEVR).pp().interest(2).slot();
    static final int LLSV = TYPE.menu("LLSV", Menus.ALARM_SEVR).pp().interest(2).slot();
    static final int HSV = TYPE.menu("HSV", Menus.ALARM_SEVR).pp().interest(2).slot();
    static final int LSV = TYPE.menu("LSV", Menus.ALARM_SEVR).pp().interest(2).slot();
    static final int HLSV = TYPE.menu("HLSV", Menus.ALARM_SEVR).pp().interest(2).slot();
    static final int RDBD = TYPE.dbl("RDBD").special().slot();
    static final int SPDB = TYPE.dbl("SPDB").special().slot();
    static final int RCNT = TYPE.shrt("RCNT").readOnly().interest(2).slot();
    static final int RTRY = TYPE.shrt("RTRY").initial("10").slot();
    static final int MISS = TYPE.shrt("MISS").readOnly().interest(2).slot();
    static final int SPMG = TYPE.menu("SPMG", MotorMenus.SPMG).asl0().pp().initial("Go").slot();
    static final int LSPG = TYPE.menu("LSPG", MotorMenus.SPMG).readOnly().initial("Go").slot();
    static final int STOP = TYPE.shrt("STOP").asl0().pp().slot();
    static final int HOMF = TYPE.shrt("HOMF").asl0().special().pp().slot();
    static final int HOMR = TYPE.shrt("HOMR").asl0().special().pp().slot();
    static final int JOGF = TYPE.shrt("JOGF").asl0().special().pp().slot();
    static final int JOGR = TYPE.shrt("JOGR").asl0().special().pp().slot();
    static final int TWF = TYPE.shrt("TWF").asl0().special().pp().slot();
    static final int TWR = TYPE.shrt("TWR").asl0().special().pp().slot();
    static final int TWV = TYPE.dbl("TWV").asl0().slot();
    static final int VAL = TYPE.dbl("VAL").asl0().special().pp().value().interest(0).slot();
    static final int LVAL = TYPE.dbl("LVAL").readOnly().slot();
    static final int DVAL = TYPE.dbl("DVAL").asl0().special().pp().interest(0).slot();
    static final int LDVL = TYPE.dbl("LDVL").readOnly().slot();
    static final int RVAL = TYPE.lng("RVAL").asl0().special().pp().interest(0).slot();
    static final int LRVL = TYPE.lng("LRVL").readOnly().slot();
    static final int RLV = TYPE.dbl("RLV").asl0().special().pp().slot();
    static final int LRLV = TYPE.dbl("LRLV").readOnly().slot();
    static final int RBV = TYPE.dbl("RBV").readOnly().interest(0).slot();
    static final int DRBV = TYPE.dbl("DRBV").readOnly().interest(0).slot();
    static final int DIFF = TYPE.dbl("DIFF").readOnly().slot();
    static final int RDIF = TYPE.lng("RDIF").readOnly().slot();
    static final int CDIR = TYPE.shrt("CDIR").readOnly().slot();
    static final int RRBV = TYPE.lng("RRBV").readOnly().interest(0).slot();
    static final int RMP = TYPE.lng("RMP").readOnly().slot();
    static final int REP = TYPE.lng("REP").readOnly().slot();
    static final int RVEL = TYPE.lng("RVEL").readOnly().slot();
    static final int DMOV = TYPE.shrt("DMOV").readOnly().initial("1").interest(0).slot();
    static final int MOVN = TYPE.shrt("MOVN").readOnly().interest(0).slot();
    static final int MSTA = TYPE.ulng("MSTA").readOnly().interest(3).slot();
    static final int LVIO = TYPE.shrt("LVIO").readOnly().initial("1").interest(0).slot();
    static final int TDIR = TYPE.shrt("TDIR").readOnly().slot();
    static final int ATHM = TYPE.shrt("ATHM").readOnly().slot();
    static final int PPF = TYPE.shrt("PP").readOnly().interest(2).slot();
    static final int MIP = TYPE.ushrt("MIP").readOnly().interest(3).slot();
    static final int MMAP = TYPE.ulng("MMAP").readOnly().interest(3).slot();
    static final int NMAP = TYPE.ulng("NMAP").readOnly().interest(3).slot();
    static final int DLY = TYPE.dbl("DLY").special().slot();
    static final int CBAK = TYPE.noaccess("CBAK").interest(4).slot();
    static final int PCOF = TYPE.dbl("PCOF").special().slot();
    static final int ICOF = TYPE.dbl("ICOF").special().slot();
    static final int DCOF = TYPE.dbl("DCOF").special().slot();
    static final int CNEN = TYPE.menu("CNEN", MotorMenus.TORQ).asl0().special().pp().slot();
    static final int INIT = TYPE.str("INIT", 40).slot();
    static final int PREM = TYPE.str("PREM", 40).slot();
    static final int POST = TYPE.str("POST", 40).slot();
    static final int STOO = TYPE.outlink("STOO").slot();
    static final int DINP = TYPE.inlink("DINP").slot();
    static final int RINP = TYPE.inlink("RINP").slot();
    static final int JVEL = TYPE.dbl("JVEL").special().slot();
    static final int JAR = TYPE.dbl("JAR").special().slot();
    static final int LOCK = TYPE.menu("LOCK", Menus.YES_NO).initial("NO").slot();
    static final int NTM = TYPE.menu("NTM", Menus.YES_NO).initial("YES").slot();
    static final int NTMF = TYPE.ushrt("NTMF").special().initial("2").slot();
    static final int HVEL = TYPE.dbl("HVEL").special().slot();
    static final int STUP = TYPE.menu("STUP", MotorMenus.STUP).asl0().special().pp().initial("OFF").interest(3).slot();
    static final int RMOD = TYPE.menu("RMOD", MotorMenus.RMOD).initial("Default").slot();
    static final int ADEL = TYPE.dbl("ADEL").slot();
    static final int MDEL = TYPE.dbl("MDEL").slot();
    static final int ALST = TYPE.dbl("ALST").readOnly().interest(3).slot();
    static final int MLST = TYPE.dbl("MLST").readOnly().interest(3).slot();
    static final int SYNC = TYPE.shrt("SYNC").asl0().pp().slot();
    static final int IGSET = TYPE.shrt("IGSET").interest(2).slot();
    static final int RSTM = TYPE.menu("RSTM", MotorMenus.RSTM).initial("NearZero").slot();

    static {
        TYPE.factory(MotorRecord::new);
    }

    // --- MIP: the motion in progress (bit values as motorRecord.cc, so MIP reads the same). ---
    static final int MIP_DONE = 0, MIP_JOGF = 0x1, MIP_JOGR = 0x2, MIP_JOG_BL1 = 0x4, MIP_HOMF = 0x8,
            MIP_HOMR = 0x10, MIP_MOVE = 0x20, MIP_RETRY = 0x40, MIP_LOAD_P = 0x80, MIP_MOVE_BL = 0x100,
            MIP_STOP = 0x200, MIP_DELAY_REQ = 0x400, MIP_DELAY_ACK = 0x800, MIP_JOG_REQ = 0x1000,
            MIP_JOG_STOP = 0x2000, MIP_JOG_BL2 = 0x4000, MIP_EXTERNAL = 0x8000;
    static final int MIP_JOG = MIP_JOGF | MIP_JOGR | MIP_JOG_BL1 | MIP_JOG_BL2;
    static final int MIP_HOME = MIP_HOMF | MIP_HOMR;
    static final int MIP_DELAY = MIP_DELAY_REQ | MIP_DELAY_ACK;

    private static final int DBE_VAL_LOG = FieldListener.DBE_VALUE | FieldListener.DBE_LOG;

    /**
     * Fields whose change is posted by monitor() (the record's MARK/MMAP scheme): a bit per field, in posting
     * order. RBV is handled first and apart (MDEL/ADEL); DMOV comes after every position, so a client that sees
     * DMOV=1 has already seen the final RBV.
     */
    private static final String[] MARKABLE = {"RBV", "RRBV", "DRBV", "DIFF", "RDIF", "MSTA", "VAL", "DVAL",
        "RVAL", "TDIR", "MIP", "HLM", "LLM", "SPMG", "RCNT", "RLV", "OFF", "DHLM", "DLLM", "HLS", "LLS", "ATHM",
        "MRES", "ERES", "UEIP", "LVIO", "STOP", "SBAS", "SREV", "UREV", "VELO", "VBAS", "MISS", "MOVN", "DMOV",
        "STUP", "JOGF", "JOGR", "HOMF", "HOMR"};
    static final int M_RBV = 0, M_RRBV = 1, M_DRBV = 2, M_DIFF = 3, M_RDIF = 4, M_MSTA = 5, M_VAL = 6,
            M_DVAL = 7, M_RVAL = 8, M_TDIR = 9, M_MIP = 10, M_HLM = 11, M_LLM = 12, M_SPMG = 13, M_RCNT = 14,
            M_RLV = 15, M_OFF = 16, M_DHLM = 17, M_DLLM = 18, M_HLS = 19, M_LLS = 20, M_ATHM = 21, M_MRES = 22,
            M_ERES = 23, M_UEIP = 24, M_LVIO = 25, M_STOP = 26, M_SBAS = 27, M_SREV = 28, M_UREV = 29,
            M_VELO = 30, M_VBAS = 31, M_MISS = 32, M_MOVN = 33, M_DMOV = 34, M_STUP = 35, M_JOGF = 36,
            M_JOGR = 37, M_HOMF = 38, M_HOMR = 39;
    private static final FieldDef[] MARK_DEFS = new FieldDef[MARKABLE.length];

    static {
        for (int i = 0; i < MARKABLE.length; i++) MARK_DEFS[i] = TYPE.field(MARKABLE[i]);
    }

    private long marks;
    /** The control limits last announced with DBE_PROPERTY (VAL/DVAL/RVAL/VELO metadata). */
    private final double[] announcedLimits = new double[6];
    /** Created on first use: the storage arrays it works on exist only after the constructor. */
    private MotorSpeeds speeds;

    MotorRecord(RecordType t) { super(t); }

    private MotorDeviceSupport dev() { return (MotorDeviceSupport) dset; }

    private MotorSpeeds speeds() {
        if (speeds == null) speeds = new MotorSpeeds(this);
        return speeds;
    }

    // ------------------------------------------------------------------------------------------------------------
    // What device support reads and writes.

    /** update_values: the controller's raw motor position, encoder position, status bits (MSTA) and velocity. */
    public void controllerStatus(long motorSteps, long encoderSteps, long status, long rawVelocity) {
        l[RMP] = (int) motorSteps;
        l[REP] = (int) encoderSteps;
        l[MSTA] = status & 0xFFFFFFFFL;
        l[RVEL] = (int) rawVelocity;
    }

    public double motorResolution() { return d[MRES]; }
    public double dialValue() { return d[DVAL]; }
    public double retryDeadband() { return d[RDBD]; }
    public int restoreMode() { return (int) l[RSTM]; }
    public Link outLink() { return link(OUT); }

    // ------------------------------------------------------------------------------------------------------------
    // init_record

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            d[VERS] = (float) VERSION;
            return;
        }
        if (!(dset instanceof MotorDeviceSupport)) {
            throw new DbException(DbException.Kind.FAILED, "no motor device support for DTYP '"
                    + getString(TYPE.field("DTYP")) + "'");
        }
        speeds().checkSpeedAndResolution();
        enforceMinRetryDeadband();
        dev().initController(this);
        Link dol = link(DOL);
        if (dol.isConstant()) {
            l[UDF] = 0;
            dol.loadConstant(this, TYPE.field("VAL"));
        }
        dev().updateValues(this);
        if (d[ERES] == 0) {
            d[ERES] = d[MRES];
            mark(M_ERES);
        }
        processMotorInfo(true);
        if (l[OMSL] != 1) {
            d[VAL] = d[RBV];
            d[DVAL] = d[DRBV];
            l[RVAL] = nint(d[DVAL] / d[MRES]);
            mark(M_VAL);
            mark(M_DVAL);
            mark(M_RVAL);
        }
        setDialLimit(true);
        setDialLimit(false);
        l[DMOV] = 1;
        mark(M_DMOV);
        l[MOVN] = 0;
        mark(M_MOVN);
        l[LSPG] = l[SPMG] = MotorMenus.SPMG_GO;
        mark(M_SPMG);
        d[DIFF] = d[DVAL] - d[DRBV];
        l[RDIF] = nint(d[DIFF] / d[MRES]);
        d[LVAL] = d[VAL];
        d[LDVL] = d[DVAL];
        l[LRVL] = l[RVAL];
        l[LVIO] = 0;
        if (softLimitsOn() && (d[DRBV] > d[DHLM] + d[MRES] || d[DRBV] < d[DLLM] - d[MRES])) l[LVIO] = 1;
        mark(M_LVIO);
        mark(M_MSTA);
        d[MLST] = d[ALST] = d[RBV];
        monitor();
        rememberAnnouncedLimits();
    }

    // ------------------------------------------------------------------------------------------------------------
    // process

    @Override
    protected void process() {
        l[PACT] = 1;
        long oldLvio = l[LVIO];
        long oldMsta = l[MSTA];
        boolean callback = dev().updateValues(this);
        if (l[MSTA] != oldMsta) mark(M_MSTA);
        boolean exit = false;
        if (callback || (l[MIP] & MIP_DELAY_ACK) != 0) {
            // A status update from the controller (or the settle delay ending): follow the motion.
            callback = true;
            processMotorInfo(false);
            if (l[MOVN] != 0) motorMoving();
            else exit = motorStopped();
        }
        if (!exit) {
            updateLimitViolationWhileMoving(oldLvio);
            long spmg = l[SPMG];
            if (l[STOP] != 0 || spmg == MotorMenus.SPMG_STOP || spmg == MotorMenus.SPMG_PAUSE || !callback
                    || l[DMOV] != 0 || (l[MIP] & MIP_RETRY) != 0) {
                doWork(callback);
            }
            Link rlnk = link(RLNK);
            if (!rlnk.isConstant()) rlnk.writeDouble(this, d[RBV]);
        }
        if (callback && l[STUP] == MotorMenus.STUP_BUSY) {
            l[STUP] = MotorMenus.STUP_OFF;
            mark(M_STUP);
        }
        getTimeStamp();
        alarms();
        monitor();
        // The defining rule: no forward link, so no put-callback completion, until the motion is done.
        if (l[DMOV] != 0) fwdLink();
        l[PACT] = 0;
    }

    /** The controller says the motor moves: DMOV follows (also for moves started elsewhere); retarget check. */
    private void motorMoving() {
        int signRdif = l[RDIF] < 0 ? 0 : 1;
        double ntmDeadband = l[NTMF] * (Math.abs(d[BDST]) + d[RDBD]);
        boolean moveOrRetry = (l[MIP] & (MIP_RETRY | MIP_MOVE)) != 0;
        if (l[DMOV] != 0) {
            l[DMOV] = 0;
            mark(M_DMOV);
            l[MIP] |= MIP_EXTERNAL;
            mark(M_MIP);
            l[PPF] = 1;
        }
        // New target behind the current motion: stop; the new move starts once the motor has stopped.
        if (l[NTM] == 1 && signRdif != l[CDIR] && Math.abs(d[DIFF]) > ntmDeadband && moveOrRetry
                && (l[MIP] & MIP_STOP) == 0) {
            send(MotorCommand.STOP_AXIS);
            l[MIP] |= MIP_STOP;
            mark(M_MIP);
            l[PPF] = 0;
        }
    }

    /**
     * The controller says the motor stands: finish a stop, home or jog (postProcess), take out backlash, retry,
     * wait DLY, and only then DMOV=1. Returns true when processing must end here (waiting for another callback).
     */
    private boolean motorStopped() {
        if (l[DMOV] == 0) {
            l[DMOV] = 1;
            mark(M_DMOV);
        }
        if (l[MIP] != MIP_DONE && (l[RHLS] != 0 || l[RLLS] != 0)) {
            // Ran into a limit switch: one more status update before finishing.
            l[DMOV] = 0;
            unmark(M_DMOV);
            send(MotorCommand.GET_INFO);
            l[PPF] = 1;
            l[MIP] = MIP_DONE;
            mark(M_MIP);
            return true;
        }
        if (l[PPF] != 0) {
            if (d[VAL] != d[LVAL] && (l[MIP] & (MIP_STOP | MIP_JOG_STOP)) == 0) {
                l[MIP] = MIP_DONE; // a new target arrived while moving: go there now
                mark(M_MIP);
                return false;
            }
            postProcess();
        }
        if (l[DMOV] != 0 && l[RHLS] == 0 && l[RLLS] == 0) {
            long mip = l[MIP];
            if ((mip & MIP_DELAY_ACK) != 0 || d[DLY] <= 0) {
                if ((mip & MIP_DELAY_ACK) != 0 && (mip & MIP_DELAY_REQ) == 0) {
                    // Settle time over: read the position once more before deciding.
                    l[MIP] |= MIP_DELAY;
                    send(MotorCommand.GET_INFO);
                    l[DMOV] = 0;
                    unmark(M_DMOV);
                    return true;
                } else if (l[STUP] != MotorMenus.STUP_ON && mip != MIP_DONE) {
                    l[MIP] &= ~MIP_DELAY;
                    mark(M_MIP);
                    maybeRetry();
                    if (l[MIP] == MIP_RETRY && l[RMOD] == MotorMenus.RMOD_IN_POSITION) {
                        l[MIP] |= MIP_DELAY_REQ;
                        mark(M_MIP);
                        startSettleDelay();
                    }
                }
            } else if (marked(M_DMOV)) {
                if ((l[MIP] & MIP_DELAY_REQ) == 0) {
                    l[MIP] |= MIP_DELAY_REQ;
                    mark(M_MIP);
                    startSettleDelay();
                }
                l[DMOV] = 0;
                unmark(M_DMOV);
                return true;
            }
        }
        return false;
    }

    /** DLY: after the settle time, continue as if the controller had called back (callbackRequestDelayed). */
    private void startSettleDelay() {
        RecordTimers.lockedAfter(this, d[DLY], () -> {
            if ((l[MIP] & MIP_DELAY_REQ) != 0) {
                l[MIP] &= ~MIP_DELAY_REQ;
                l[MIP] |= MIP_DELAY_ACK;
                database().scanOnce(this);
            }
        });
    }

    /** Soft limits while jogging (stop before the limit) and none while homing. */
    private void updateLimitViolationWhileMoving(long oldLvio) {
        if (!softLimitsOn()) {
            l[LVIO] = 0;
        } else if ((l[MIP] & MIP_JOG) != 0) {
            l[LVIO] = (l[JOGF] != 0 && d[DRBV] > d[DHLM] - d[JVEL])
                    || (l[JOGR] != 0 && d[DRBV] < d[DLLM] + d[JVEL]) ? 1 : 0;
        } else if ((l[MIP] & MIP_HOME) != 0) {
            l[LVIO] = 0;
        }
        if (l[LVIO] != oldLvio) {
            mark(M_LVIO);
            if (l[LVIO] != 0 && l[SET] == 0) {
                l[STOP] = 1;
                mark(M_STOP);
                clearButtons();
            }
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // postProcess / maybeRetry

    /** After the motor stopped: sync the drive fields, finish homing, start backlash take-out. */
    private void postProcess() {
        l[PPF] = 0;
        long mip = l[MIP];
        if (l[OMSL] != 1 && (mip & (MIP_MOVE | MIP_MOVE_BL | MIP_JOG_BL1 | MIP_JOG_BL2)) == 0) {
            d[VAL] = d[RBV];
            d[DVAL] = d[DRBV];
            l[RVAL] = nint(d[DVAL] / d[MRES]);
            d[DIFF] = 0;
            l[RDIF] = 0;
            mark(M_VAL);
            mark(M_DVAL);
            mark(M_RVAL);
            mark(M_DIFF);
            mark(M_RDIF);
        }
        if ((mip & MIP_LOAD_P) != 0) {
            l[MIP] = MIP_DONE;
        } else if ((mip & MIP_HOME) != 0) {
            if ((mip & MIP_STOP) != 0) {
                // Stopped first because the motor was moving when HOMF/HOMR came: now home.
                l[MIP] &= ~MIP_STOP;
                l[DMOV] = 0;
                mark(M_DMOV);
                l[RCNT] = 0;
                mark(M_RCNT);
                startHomeSearch();
                l[PPF] = 1;
            } else if ((mip & MIP_HOMF) != 0) {
                l[MIP] &= ~MIP_HOMF;
                l[HOMF] = 0;
                mark(M_HOMF);
            } else {
                l[MIP] &= ~MIP_HOMR;
                l[HOMR] = 0;
                mark(M_HOMR);
            }
        } else if ((mip & (MIP_JOG_STOP | MIP_MOVE)) != 0) {
            if (Math.abs(d[BDST]) >= Math.abs(d[MRES])) backlashAfterMoveOrJog(mip);
            l[MIP] &= ~(MIP_JOG_STOP | MIP_MOVE);
        } else if ((mip & MIP_JOG_BL1) != 0) {
            backlashSecondPhaseAfterJog();
        }
        d[LVAL] = d[VAL];
        d[LDVL] = d[DVAL];
        l[LRVL] = l[RVAL];
        l[MIP] &= ~MIP_STOP;
        mark(M_MIP);
    }

    private boolean useRelativeMoves() {
        boolean encoder = (l[MSTA] & MotorStatus.PRESENT) != 0 && l[UEIP] != 0;
        return l[RTRY] != 0 && l[RMOD] != MotorMenus.RMOD_IN_POSITION && (encoder || l[URIP] != 0);
    }

    /** The first leg of a move (or a jog) ended one backlash distance away: approach the target. */
    private void backlashAfterMoveOrJog(long mip) {
        double absMres = Math.abs(d[MRES]);
        double vbase = d[VBAS] / absMres;
        double vel = d[VELO] / absMres;
        double bpos = (d[DVAL] - d[BDST]) / d[MRES];
        boolean rel = useRelativeMoves();
        double relpos = d[DIFF] / d[MRES];
        double relbpos = ((d[DVAL] - d[BDST]) - d[DRBV]) / d[MRES];
        l[DMOV] = 0;
        unmark(M_DMOV);
        begin();
        if ((mip & MIP_JOG_STOP) != 0) {
            double acc = (vel - vbase) / d[ACCL];
            if (vel <= vbase) vel = vbase + 1;
            put(MotorCommand.SET_VELOCITY, vel);
            put(MotorCommand.SET_VEL_BASE, vbase);
            if (acc > 0) put(MotorCommand.SET_ACCEL, acc);
            if (rel) put(MotorCommand.MOVE_REL, relbpos);
            else put(MotorCommand.MOVE_ABS, bpos);
            l[MIP] = MIP_JOG_BL1;
        } else {
            double bvel = d[BVEL] / absMres;
            double bacc = (bvel - vbase) / d[BACC];
            if (bvel <= vbase) bvel = vbase + 1;
            put(MotorCommand.SET_VELOCITY, bvel);
            if (bacc > 0) put(MotorCommand.SET_ACCEL, bacc);
            if (rel) {
                relpos = relpos * d[FRAC];
                put(MotorCommand.MOVE_REL, relpos);
            } else {
                double currpos = d[DVAL] / d[MRES];
                double newpos = bpos + d[FRAC] * (currpos - bpos);
                l[RVAL] = nint(newpos);
                put(MotorCommand.MOVE_ABS, newpos);
            }
            l[MIP] = MIP_MOVE_BL;
        }
        put(MotorCommand.GO);
        l[CDIR] = relpos < 0 ? 0 : 1;
        end();
        l[PPF] = 1;
    }

    private void backlashSecondPhaseAfterJog() {
        double absMres = Math.abs(d[MRES]);
        double bvel = d[BVEL] / absMres;
        double vbase = d[VBAS] / absMres;
        double bacc = (bvel - vbase) / d[BACC];
        double bpos = (d[DVAL] - d[BDST]) / d[MRES];
        boolean rel = useRelativeMoves();
        double relpos = d[DIFF] / d[MRES];
        double relbpos = ((d[DVAL] - d[BDST]) - d[DRBV]) / d[MRES];
        l[DMOV] = 0;
        unmark(M_DMOV);
        begin();
        if (bvel <= vbase) bvel = vbase + 1;
        put(MotorCommand.SET_VELOCITY, bvel);
        if (bacc > 0) put(MotorCommand.SET_ACCEL, bacc);
        if (rel) {
            relpos = (relpos - relbpos) * d[FRAC];
            put(MotorCommand.MOVE_REL, relpos);
        } else {
            double currpos = d[DVAL] / d[MRES];
            double newpos = bpos + d[FRAC] * (currpos - bpos);
            l[RVAL] = nint(newpos);
            put(MotorCommand.MOVE_ABS, newpos);
        }
        put(MotorCommand.GO);
        l[CDIR] = relpos < 0 ? 0 : 1;
        end();
        l[MIP] = MIP_JOG_BL2;
        l[PPF] = 1;
    }

    /** Close enough to the target? If not, retry (up to RTRY times; MISS when out of retries). */
    private void maybeRetry() {
        if (Math.abs(d[DIFF]) >= d[RDBD] && l[HLS] == 0 && l[LLS] == 0) {
            if (l[RTRY] == 0) {
                l[MIP] &= MIP_JOG_REQ;
            } else {
                if (++l[RCNT] > l[RTRY]) {
                    l[MIP] = MIP_DONE;
                    if ((l[JOGF] != 0 && l[HLS] == 0) || (l[JOGR] != 0 && l[LLS] == 0)) l[MIP] |= MIP_JOG_REQ;
                    d[LVAL] = d[VAL];
                    d[LDVL] = d[DVAL];
                    l[LRVL] = l[RVAL];
                    l[MISS] = 1;
                    mark(M_MISS);
                } else {
                    l[DMOV] = 0;
                    unmark(M_DMOV);
                    l[MIP] = MIP_RETRY;
                }
                mark(M_RCNT);
            }
        } else {
            l[MIP] &= MIP_JOG_REQ;
            if (l[MISS] != 0) {
                l[MISS] = 0;
                mark(M_MISS);
            }
            if (l[SPMG] == MotorMenus.SPMG_MOVE) {
                l[SPMG] = MotorMenus.SPMG_PAUSE;
                mark(M_SPMG);
            }
        }
        mark(M_MIP);
    }

    // ------------------------------------------------------------------------------------------------------------
    // do_work: what the fields ask for.

    private void doWork(boolean callback) {
        int dir = dirSign();
        boolean set = l[SET] != 0 && l[IGSET] == 0;
        long spmg = l[SPMG];
        boolean stopOrPause = spmg == MotorMenus.SPMG_STOP || spmg == MotorMenus.SPMG_PAUSE;
        long oldLvio = l[LVIO];

        if (l[STUP] == MotorMenus.STUP_ON) {
            l[STUP] = MotorMenus.STUP_BUSY;
            mark(M_STUP);
            if (!send(MotorCommand.GET_INFO)) l[STUP] = MotorMenus.STUP_OFF;
        }
        if (handleStopPauseGo(stopOrPause)) return;
        if (marked(M_MRES) || marked(M_ERES) || marked(M_UEIP)) {
            resolutionChanged(set);
            return;
        }
        Link dol = link(DOL);
        if (l[OMSL] == 1 && !dol.isConstant()) {
            double v = dol.readDouble(this, Double.NaN);
            if (Double.isNaN(v)) {
                l[UDF] = 1;
                return;
            }
            d[VAL] = v;
            l[UDF] = 0;
        } else {
            if (homeRequested()) {
                startHoming(stopOrPause);
                return;
            }
            if ((l[MIP] & MIP_JOG) == 0 && !stopOrPause && (l[MIP] & MIP_JOG_REQ) != 0) {
                startJog(dir);
                return;
            }
            if ((l[MIP] & MIP_JOG_REQ) == 0 && (l[MIP] & (MIP_JOGF | MIP_JOGR)) != 0) {
                // Jog button released: stop; backlash follows in postProcess.
                l[PPF] = 1;
                l[MIP] |= MIP_JOG_STOP;
                l[MIP] &= ~(MIP_JOGF | MIP_JOGR);
                mark(M_MIP);
                send(MotorCommand.STOP_AXIS);
                return;
            } else if ((l[MIP] & (MIP_JOG_STOP | MIP_JOG_BL1 | MIP_JOG_BL2)) != 0) {
                return;
            }
            if (l[TWF] != 0 || l[TWR] != 0) {
                d[VAL] += d[TWV] * (l[TWF] != 0 ? 1 : -1);
                if (l[TWF] != 0) {
                    l[TWF] = 0;
                    postL(TWF, DBE_VAL_LOG);
                }
                if (l[TWR] != 0) {
                    l[TWR] = 0;
                    postL(TWR, DBE_VAL_LOG);
                }
            }
            if (d[RLV] != d[LRLV]) {
                d[VAL] += d[RLV];
                d[RLV] = 0;
                mark(M_RLV);
                d[LRLV] = d[RLV];
            }
            if (l[RVAL] != l[LRVL]) d[DVAL] = l[RVAL] * d[MRES];
        }

        if (d[VAL] != d[LVAL]) {
            mark(M_VAL);
            if (set && l[FOFF] == 0) {
                // SET mode, variable offset: redefine the user position; no motion, dial unchanged.
                d[OFF] = d[VAL] - d[DVAL] * dir;
                d[RBV] = d[DRBV] * dir + d[OFF];
                mark(M_OFF);
                mark(M_RBV);
                setUserLimits();
                d[LVAL] = d[VAL];
                l[MIP] = MIP_DONE;
                mark(M_MIP);
                l[DMOV] = 1;
                mark(M_DMOV);
                return;
            }
            d[DVAL] = (d[VAL] - d[OFF]) / dir;
        }
        if (stopOrPause) return;

        if (d[DVAL] != d[LDVL] || l[DMOV] == 0) {
            moveToDialTarget(dir, set, oldLvio);
        } else if (l[SYNC] != 0 && l[MIP] == MIP_DONE) {
            syncTargetPosition();
            l[SYNC] = 0;
            postL(SYNC, DBE_VAL_LOG);
        } else if (!callback && l[STUP] == MotorMenus.STUP_OFF) {
            l[STUP] = MotorMenus.STUP_BUSY;
            mark(M_STUP);
            if (!send(MotorCommand.GET_INFO)) l[STUP] = MotorMenus.STUP_OFF;
        }
    }

    /** STOP, and changes of SPMG. Returns true when do_work is finished. */
    private boolean handleStopPauseGo(boolean stopOrPause) {
        if (l[SPMG] == l[LSPG] && l[STOP] == 0) return false;
        boolean stop = l[STOP] != 0;
        if (l[SPMG] != l[LSPG]) {
            l[LSPG] = l[SPMG];
        } else {
            l[STOP] = 0;
            mark(M_STOP);
        }
        if (stopOrPause || stop) {
            if (l[SPMG] == MotorMenus.SPMG_STOP || stop) {
                long mip = l[MIP];
                if (mip == MIP_DONE || (mip & MIP_STOP) != 0 || (mip & MIP_RETRY) != 0) {
                    if ((mip & MIP_RETRY) != 0) {
                        l[MIP] = MIP_DONE;
                        mark(M_MIP);
                        l[DMOV] = 1;
                        mark(M_DMOV);
                    }
                    send(MotorCommand.STOP_AXIS); // just in case; nothing to wait for
                    return true;
                } else if (l[MOVN] != 0) {
                    l[PPF] = 1; // sync VAL to RBV once stopped
                    clearButtons();
                } else {
                    syncTargetPosition();
                }
            }
            if ((l[MIP] & MIP_HOME) != 0) clearButtons();
            l[MIP] = MIP_STOP;
            mark(M_MIP);
            send(MotorCommand.STOP_AXIS);
            return true;
        }
        if (l[SPMG] == MotorMenus.SPMG_GO) {
            if ((l[JOGF] != 0 && l[HLS] == 0) || (l[JOGR] != 0 && l[LLS] == 0)) {
                l[MIP] = MIP_JOG_REQ;
                mark(M_MIP);
            } else if (l[MIP] == MIP_STOP) {
                l[MIP] = MIP_DONE;
                mark(M_MIP);
            }
        } else {
            l[MIP] = MIP_DONE;
            mark(M_MIP);
            l[RCNT] = 0;
            mark(M_RCNT);
        }
        return false;
    }

    /** MRES, ERES or UEIP changed: tell the controller, keep the dial position (LOAD_POS). */
    private void resolutionChanged(boolean set) {
        boolean encoder = (l[MSTA] & MotorStatus.PRESENT) != 0;
        double[] ratio = {1, 1};
        if (encoder) {
            if (Math.abs(d[MRES]) < 1e-9) {
                d[MRES] = 1;
                mark(M_MRES);
            }
            if (d[ERES] == 0) {
                d[ERES] = d[MRES];
                mark(M_ERES);
            }
            long m = 10_000_000;
            while (m > 1 && (Math.abs(m / d[ERES]) > 1e6 || Math.abs(m / d[MRES]) > 1e6)) m /= 10;
            ratio[0] = Math.abs(m / d[ERES]);
            ratio[1] = Math.abs(m / d[MRES]);
        }
        enforceMinRetryDeadband();
        if (encoder) send(MotorCommand.SET_ENC_RATIO, ratio);
        if (set) {
            l[PPF] = 1;
            send(MotorCommand.GET_INFO);
        } else if ((l[MIP] & MIP_LOAD_P) == 0) {
            loadPosition();
        }
    }

    private boolean homeRequested() {
        boolean pos = l[DIR] == 0;
        boolean fwd = l[HOMF] != 0 && (l[MIP] & MIP_HOMF) == 0 && (pos ? l[HLS] : l[LLS]) == 0;
        boolean rev = l[HOMR] != 0 && (l[MIP] & MIP_HOMR) == 0 && (pos ? l[LLS] : l[HLS]) == 0;
        return fwd || rev;
    }

    private void startHoming(boolean stopOrPause) {
        if (stopOrPause) {
            // Remembered; the search starts when SPMG goes back to Go.
            l[DMOV] = 0;
            mark(M_DMOV);
            return;
        }
        l[MIP] = l[HOMF] != 0 ? MIP_HOMF : MIP_HOMR;
        mark(M_MIP);
        l[PPF] = 1;
        if (l[MOVN] != 0) {
            l[MIP] |= MIP_STOP;
            mark(M_MIP);
            send(MotorCommand.STOP_AXIS);
            return;
        }
        if (d[ERES] == 0) {
            d[ERES] = d[MRES];
            mark(M_ERES);
        }
        startHomeSearch();
        l[DMOV] = 0;
        mark(M_DMOV);
        l[RCNT] = 0;
        mark(M_RCNT);
    }

    /** HOME_FOR / HOME_REV at HVEL; HOMF is "forward" in dial coordinates. */
    private void startHomeSearch() {
        double absMres = Math.abs(d[MRES]);
        double vbase = d[VBAS] / absMres;
        double hvel = d[HVEL] / absMres;
        double acc = (hvel - vbase) / d[ACCL];
        boolean forward = (l[MIP] & MIP_HOMF) != 0;
        begin();
        put(MotorCommand.SET_VELOCITY, hvel);
        put(MotorCommand.SET_VEL_BASE, vbase);
        if (acc > 0) put(MotorCommand.SET_ACCEL, acc);
        put(forward == (d[MRES] > 0) ? MotorCommand.HOME_FOR : MotorCommand.HOME_REV, 0);
        put(MotorCommand.GO);
        end();
        l[CDIR] = forward ? 1 : 0;
        if (d[MRES] < 0) l[CDIR] = 1 - l[CDIR];
    }

    private void startJog(int dir) {
        if (softLimitsOn() && ((l[JOGF] != 0 && d[DVAL] > d[DHLM] - d[JVEL])
                || (l[JOGR] != 0 && d[DVAL] < d[DLLM] + d[JVEL]))) {
            l[LVIO] = 1;
            mark(M_LVIO);
            return;
        }
        l[MIP] = l[JOGF] != 0 ? MIP_JOGF : MIP_JOGR;
        mark(M_MIP);
        if (l[MOVN] != 0) {
            l[PPF] = 1;
            l[MIP] |= MIP_STOP;
            mark(M_MIP);
            send(MotorCommand.STOP_AXIS);
            return;
        }
        double jogv = d[JVEL] * dir / d[MRES];
        double jacc = d[JAR] / Math.abs(d[MRES]);
        double vbase = d[VBAS] / Math.abs(d[MRES]);
        l[DMOV] = 0;
        mark(M_DMOV);
        l[PPF] = 1;
        if (l[JOGF] != 0) {
            l[CDIR] = 1;
        } else {
            l[CDIR] = 0;
            jogv = -jogv;
        }
        if (d[MRES] < 0) l[CDIR] = 1 - l[CDIR];
        if (dir == -1) l[CDIR] = 1 - l[CDIR];
        begin();
        put(MotorCommand.SET_VEL_BASE, vbase);
        put(MotorCommand.SET_ACCEL, jacc);
        put(MotorCommand.JOG, jogv);
        end();
    }

    /** DVAL differs from the last target (or a move is unfinished): check limits and deadbands, then move. */
    private void moveToDialTarget(int dir, boolean set, long oldLvio) {
        if (d[DVAL] != d[LDVL]) mark(M_DVAL);
        double localDiff = d[DVAL] - d[DRBV];
        if (d[DIFF] != localDiff) {
            d[DIFF] = localDiff;
            mark(M_DIFF);
        }
        l[RDIF] = nint(d[DIFF] / d[MRES]);
        mark(M_RDIF);
        if (set) {
            // SET mode: load the controller's position register, no motion.
            if ((l[MIP] & MIP_LOAD_P) == 0) loadPosition();
            return;
        }
        double absMres = Math.abs(d[MRES]);
        double rbvpos = d[DRBV] / d[MRES];
        double currpos = d[LDVL] / d[MRES];
        double newpos = d[DVAL] / d[MRES];
        double vbase = d[VBAS] / absMres;
        double vel = d[VELO] / absMres;
        double acc = (vel - vbase) / d[ACCL];
        double bpos = (d[DVAL] - d[BDST]) / d[MRES];
        double bvel = d[BVEL] / absMres;
        double bacc = (bvel - vbase) / d[BACC];
        double relpos = d[DIFF] / d[MRES];
        double relbpos = ((d[DVAL] - d[BDST]) - d[DRBV]) / d[MRES];
        double rbdst1 = 1.0 + Math.abs(d[BDST]) / absMres;
        long rdbdpos = nint(d[RDBD] / absMres);
        boolean rel = useRelativeMoves();

        // The origin of the DVAL change is not known any more: make VAL and RVAL agree with it.
        d[VAL] = d[DVAL] * dir + d[OFF];
        if (d[VAL] != d[LVAL]) mark(M_VAL);
        l[RVAL] = nint(d[DVAL] / d[MRES]);
        if (l[RVAL] != l[LRVL]) mark(M_RVAL);

        long rpos = nint(rbvpos);
        long npos = nint(newpos);
        long minSteps = (l[MIP] & MIP_RETRY) == 0 ? Math.max(1, nint(d[SPDB] / absMres)) : rdbdpos;
        if (Math.abs(npos - rpos) < minSteps) {
            // Nothing to do (e.g. a zero-length move): finish, which completes the DMOV pulse.
            if (l[DMOV] == 0 && (l[MIP] == MIP_DONE || l[MIP] == MIP_RETRY)) {
                l[DMOV] = 1;
                mark(M_DMOV);
                if (l[MIP] != MIP_DONE) {
                    l[MIP] = MIP_DONE;
                    mark(M_MIP);
                }
            }
            d[LDVL] = d[DVAL];
            d[LVAL] = d[VAL];
            l[LRVL] = l[RVAL];
            return;
        }
        if ((l[MIP] & MIP_RETRY) == 0) {
            if (l[RCNT] != 0) mark(M_RCNT);
            l[RCNT] = 0;
        } else if (l[RMOD] == MotorMenus.RMOD_ARITHMETIC) {
            double factor = (l[RTRY] - l[RCNT] + 1.0) / l[RTRY];
            relpos = atLeastOneStep(relpos * factor);
            relbpos = atLeastOneStep(relbpos * factor);
        } else if (l[RMOD] == MotorMenus.RMOD_GEOMETRIC) {
            double factor = 1 / Math.pow(2.0, l[RCNT] - 1);
            relpos = atLeastOneStep(relpos * factor);
            relbpos = atLeastOneStep(relbpos * factor);
        } else if (l[RMOD] == MotorMenus.RMOD_IN_POSITION) {
            return;
        }
        boolean preferredDir = (!rel && ((d[DVAL] > d[LDVL]) == (d[BDST] > 0)))
                || (rel && ((d[DIFF] > 0) == (d[BDST] > 0)));

        // Soft limits: a move that would end (or take out backlash) outside them is refused, unless it heads
        // back into the allowed range.
        if (!softLimitsOn()) {
            l[LVIO] = 0;
        } else if ((d[DVAL] > d[DHLM] && d[DVAL] < d[LDVL]) || (d[DVAL] < d[DLLM] && d[DVAL] > d[LDVL])) {
            l[LVIO] = 0;
        } else if (preferredDir) {
            l[LVIO] = d[DVAL] > d[DHLM] || d[DVAL] < d[DLLM] ? 1 : 0;
        } else {
            double bdstpos = d[DVAL] - d[BDST];
            l[LVIO] = bdstpos > d[DHLM] || bdstpos < d[DLLM] ? 1 : 0;
        }
        if (l[LVIO] != oldLvio) mark(M_LVIO);
        if (l[LVIO] != 0) {
            d[VAL] = d[LVAL];
            d[DVAL] = d[LDVL];
            l[RVAL] = l[LRVL];
            mark(M_VAL);
            mark(M_DVAL);
            mark(M_RVAL);
            if ((l[MIP] & MIP_RETRY) != 0) {
                l[MIP] = MIP_DONE;
                mark(M_MIP);
            }
            if (l[MIP] == MIP_DONE && l[DMOV] == 0) {
                l[DMOV] = 1;
                mark(M_DMOV);
            }
            return;
        }
        if (l[MIP] != MIP_DONE && l[MIP] != MIP_RETRY) return; // a move is running; retry logic takes over
        l[MIP] |= MIP_MOVE;
        mark(M_MIP);
        if (l[DMOV] != 0) {
            l[DMOV] = 0;
            mark(M_DMOV);
        }
        d[LDVL] = d[DVAL];
        d[LVAL] = d[VAL];
        l[LRVL] = l[RVAL];
        double velocity, accel, position;
        if (Math.abs(d[BDST]) < absMres
                || (preferredDir && d[BVEL] == d[VELO] && d[BACC] == d[ACCL])) {
            velocity = vel;
            accel = acc;
            position = rel ? relpos * d[FRAC] : currpos + d[FRAC] * (newpos - currpos);
        } else if (preferredDir && ((rel && relbpos <= 1.0) || (!rel && Math.abs(newpos - currpos) <= rbdst1))) {
            // Already within one backlash distance, on the preferred side: approach at backlash speed.
            velocity = bvel;
            accel = bacc;
            position = rel ? relpos * d[FRAC] : currpos + d[FRAC] * (newpos - currpos);
        } else {
            // Go to one backlash distance short of the target; postProcess does the rest.
            velocity = vel;
            accel = acc;
            position = rel ? relbpos : bpos;
            l[PPF] = 1;
        }
        l[CDIR] = l[RDIF] < 0 ? 0 : 1;
        begin();
        put(MotorCommand.SET_VELOCITY, velocity);
        put(MotorCommand.SET_VEL_BASE, vbase);
        if (accel > 0) put(MotorCommand.SET_ACCEL, accel);
        put(rel ? MotorCommand.MOVE_REL : MotorCommand.MOVE_ABS, position);
        put(MotorCommand.GO);
        end();
    }

    private static double atLeastOneStep(double steps) {
        if (Math.abs(steps) < 1.0) return steps > 0 ? 1.0 : -1.0;
        return steps;
    }

    /** Write DVAL into the controller's position register without moving (SET mode, resolution changes). */
    private void loadPosition() {
        double newpos = d[DVAL] / d[MRES];
        d[LDVL] = d[DVAL];
        d[LVAL] = d[VAL];
        if (l[RVAL] != nint(newpos)) mark(M_RVAL);
        l[LRVL] = l[RVAL] = nint(newpos);
        if (l[FOFF] != 0) {
            d[VAL] = d[OFF] + dirSign() * d[DVAL];
            mark(M_VAL);
            d[LVAL] = d[VAL];
        } else {
            d[OFF] = d[VAL] - dirSign() * d[DVAL];
            mark(M_OFF);
            setUserLimits();
        }
        l[MIP] = MIP_LOAD_P;
        mark(M_MIP);
        if (l[DMOV] != 0) {
            l[DMOV] = 0;
            mark(M_DMOV);
        }
        send(MotorCommand.LOAD_POS, newpos);
        send(MotorCommand.GET_INFO);
    }

    /** VAL/DVAL/RVAL := the readbacks (STOP while idle, SYNC). */
    private void syncTargetPosition() {
        if ((l[MSTA] & MotorStatus.PRESENT) != 0 && l[UEIP] != 0) {
            l[RRBV] = l[REP];
            d[DRBV] = l[RRBV] * d[ERES];
        } else {
            l[RRBV] = l[RMP];
            d[DRBV] = l[RRBV] * d[MRES];
        }
        d[RBV] = d[DRBV] * dirSign() + d[OFF];
        d[VAL] = d[LVAL] = d[RBV];
        d[DVAL] = d[LDVL] = d[DRBV];
        l[RVAL] = l[LRVL] = nint(d[DVAL] / d[MRES]);
        mark(M_VAL);
        mark(M_DVAL);
        mark(M_RVAL);
    }

    /** Readbacks, limit switches, MOVN and ATHM from the controller's status (process_motor_info). */
    private void processMotorInfo(boolean initCall) {
        double oldDrbv = d[DRBV], oldRbv = d[RBV];
        long oldRrbv = l[RRBV], oldTdir = l[TDIR], oldMovn = l[MOVN], oldHls = l[HLS], oldLls = l[LLS],
                oldAthm = l[ATHM];
        int dir = dirSign();
        long msta = l[MSTA];
        boolean encoder = (msta & MotorStatus.PRESENT) != 0 && l[UEIP] != 0;
        if (encoder) {
            l[RRBV] = l[REP];
            d[DRBV] = l[RRBV] * d[ERES];
        } else {
            l[RRBV] = l[RMP];
            if (l[URIP] == 0 || initCall) d[DRBV] = l[RRBV] * d[MRES];
        }
        if (l[RRBV] != oldRrbv) mark(M_RRBV);
        if (d[DRBV] != oldDrbv) mark(M_DRBV);
        d[RBV] = dir * d[DRBV] + d[OFF];
        if (d[RBV] != oldRbv) mark(M_RBV);
        l[TDIR] = (msta & MotorStatus.DIRECTION) != 0 ? 1 : 0;
        if (l[TDIR] != oldTdir) mark(M_TDIR);

        // A limit switch counts only in the direction the record commanded.
        l[RHLS] = (msta & MotorStatus.PLUS_LS) != 0 && l[CDIR] != 0 ? 1 : 0;
        l[RLLS] = (msta & MotorStatus.MINUS_LS) != 0 && l[CDIR] == 0 ? 1 : 0;
        boolean lsActive = l[RHLS] != 0 || l[RLLS] != 0;
        boolean userIsRaw = (l[DIR] == 0) == (d[MRES] >= 0);
        l[HLS] = userIsRaw ? l[RHLS] : l[RLLS];
        l[LLS] = userIsRaw ? l[RLLS] : l[RHLS];
        if (l[HLS] != oldHls) mark(M_HLS);
        if (l[LLS] != oldLls) mark(M_LLS);

        boolean problem = (msta & MotorStatus.PROBLEM) != 0;
        if (lsActive || (msta & MotorStatus.DONE) != 0 || problem) {
            l[MOVN] = 0;
            if (lsActive || problem) {
                clearButtons();
                if (problem) {
                    l[STOP] = 1;
                    mark(M_STOP);
                }
            }
        } else {
            l[MOVN] = 1;
        }
        if (l[MOVN] != oldMovn) mark(M_MOVN);
        l[ATHM] = (encoder ? (msta & MotorStatus.HOME) : (msta & MotorStatus.HOMELS)) != 0 ? 1 : 0;
        if (l[ATHM] != oldAthm) mark(M_ATHM);

        Link rdbl = link(RDBL);
        if (l[URIP] != 0 && !initCall && !rdbl.isConstant()) {
            double before = d[DRBV];
            double v = rdbl.readDouble(this, Double.NaN);
            if (!Double.isNaN(v)) {
                d[DRBV] = v * d[RRES];
                d[RBV] = d[DRBV] * dir + d[OFF];
                if (d[DRBV] != before) {
                    mark(M_DRBV);
                    mark(M_RBV);
                }
            }
        }
        d[DIFF] = d[DVAL] - d[DRBV];
        mark(M_DIFF);
        l[RDIF] = nint(d[DIFF] / d[MRES]);
        mark(M_RDIF);
    }

    private void clearButtons() {
        if (l[JOGF] != 0) {
            l[JOGF] = 0;
            mark(M_JOGF);
        }
        if (l[JOGR] != 0) {
            l[JOGR] = 0;
            mark(M_JOGR);
        }
        if (l[HOMF] != 0) {
            l[HOMF] = 0;
            mark(M_HOMF);
        }
        if (l[HOMR] != 0) {
            l[HOMR] = 0;
            mark(M_HOMR);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Limits

    /** DHLM = DLLM = 0 switches the soft limits off (continuous rotation, no limits). */
    boolean softLimitsOn() { return !(d[DHLM] == d[DLLM] && d[DLLM] == 0.0); }

    /** User limits from the dial limits through DIR and OFF (DIR=Neg swaps high and low). */
    void setUserLimits() {
        if (l[DIR] == 0) {
            d[HLM] = d[DHLM] + d[OFF];
            d[LLM] = d[DLLM] + d[OFF];
        } else {
            d[HLM] = -d[DLLM] + d[OFF];
            d[LLM] = -d[DHLM] + d[OFF];
        }
        mark(M_HLM);
        mark(M_LLM);
    }

    /**
     * A new dial high (or, with high=false, low) limit: sent to the controller in steps (a negative MRES swaps its
     * high and low), and the user limit it maps to through DIR follows.
     */
    private void setDialLimit(boolean high) {
        double dial = high ? d[DHLM] : d[DLLM];
        boolean controllerHigh = high == (d[MRES] >= 0);
        begin();
        boolean ok = put(controllerHigh ? MotorCommand.SET_HIGH_LIMIT : MotorCommand.SET_LOW_LIMIT, dial / d[MRES]);
        if (ok) end();
        boolean dirPos = l[DIR] == 0;
        boolean userHigh = high == dirPos;
        d[userHigh ? HLM : LLM] = (dirPos ? dial : -dial) + d[OFF];
        mark(userHigh ? M_HLM : M_LLM);
        mark(high ? M_DHLM : M_DLLM);
    }

    /** A new user high limit (or, with high=false, low limit): the matching dial limit follows. */
    private void setUserLimit(boolean high) {
        boolean dirPos = l[DIR] == 0;
        double off = d[OFF];
        double user = high ? d[HLM] : d[LLM];
        double dial = dirPos ? user - off : -user + off;
        boolean dialIsHigh = high == dirPos;
        mark(dialIsHigh ? M_DHLM : M_DLLM);
        boolean rawHigh = dialIsHigh == (d[MRES] >= 0);
        begin();
        if (!put(rawHigh ? MotorCommand.SET_HIGH_LIMIT : MotorCommand.SET_LOW_LIMIT, dial / d[MRES])) {
            // The controller refused: put the user limit back in line with the dial limit.
            double back = dialIsHigh ? d[DHLM] : d[DLLM];
            if (high) d[HLM] = dirPos ? back + off : -back + off;
            else d[LLM] = dirPos ? back + off : -back + off;
        } else {
            end();
            if (dialIsHigh) d[DHLM] = dial;
            else d[DLLM] = dial;
        }
        mark(high ? M_HLM : M_LLM);
    }

    /** RDBD and SPDB can't be finer than one step; RDBD is at least SPDB. */
    void enforceMinRetryDeadband() {
        double mres = Math.abs(d[MRES]);
        double spdb = d[SPDB], rdbd = d[RDBD];
        if (spdb > 0) {
            if (spdb < mres) spdb = mres;
            if (rdbd < spdb) rdbd = spdb;
        } else if (rdbd > 0) {
            if (rdbd < mres) rdbd = mres;
            spdb = rdbd;
        } else {
            rdbd = mres;
            spdb = mres;
        }
        if (spdb != d[SPDB]) {
            d[SPDB] = spdb;
            postD(SPDB, DBE_VAL_LOG);
        }
        if (rdbd != d[RDBD]) {
            d[RDBD] = rdbd;
            postD(RDBD, DBE_VAL_LOG);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // special

    @Override
    protected void special(FieldDef f, boolean after) throws DbException {
        if (!after) {
            switch (f.name) {
                case "VAL": case "DVAL": case "RVAL": case "RLV": case "TWF": case "TWR":
                    // A drive field is written: DMOV goes 0 now, so even a zero-length move pulses it.
                    if (l[DISA] == l[DISV] || l[DISP] != 0) return;
                    if (l[DMOV] != 0) {
                        l[DMOV] = 0;
                        postL(DMOV, DBE_VAL_LOG);
                    }
                    return;
                case "HOMF": case "HOMR":
                    if ((l[MIP] & MIP_HOME) != 0) {
                        throw new DbException(DbException.Kind.FAILED, name() + ": already homing");
                    }
                    return;
                case "STUP":
                    if (l[STUP] != MotorMenus.STUP_OFF) {
                        throw new DbException(DbException.Kind.FAILED, name() + ": status update already busy");
                    }
                    return;
                default:
                    return;
            }
        }
        if (speeds().special(f.name)) return;
        int dir = dirSign();
        switch (f.name) {
            case "RDBD": case "SPDB": case "BDST":
                enforceMinRetryDeadband();
                break;
            case "DIR":
                if (l[FOFF] != 0) {
                    d[VAL] = d[DVAL] * dir + d[OFF];
                    mark(M_VAL);
                } else {
                    d[OFF] = d[VAL] - d[DVAL] * dir;
                    mark(M_OFF);
                }
                d[RBV] = d[DRBV] * dir + d[OFF];
                mark(M_RBV);
                setUserLimits();
                break;
            case "OFF":
                d[VAL] = d[DVAL] * dir + d[OFF];
                d[LVAL] = d[LDVL] * dir + d[OFF];
                d[RBV] = d[DRBV] * dir + d[OFF];
                mark(M_VAL);
                mark(M_RBV);
                setUserLimits();
                break;
            case "HLM":
                setUserLimit(true);
                break;
            case "LLM":
                setUserLimit(false);
                break;
            case "DHLM":
                setDialLimit(true);
                break;
            case "DLLM":
                setDialLimit(false);
                break;
            case "FRAC":
                if (d[FRAC] < 0.1 || d[FRAC] > 1.5) {
                    d[FRAC] = (float) Math.max(0.1, Math.min(1.5, d[FRAC]));
                    postD(FRAC, DBE_VAL_LOG);
                }
                break;
            case "ERES":
                if (d[ERES] == 0) d[ERES] = d[MRES];
                mark(M_ERES);
                break;
            case "UEIP":
                mark(M_UEIP);
                break;
            case "SSET": case "SUSE":
                l[SET] = f.name.equals("SSET") ? 1 : 0;
                postL(SET, DBE_VAL_LOG);
                break;
            case "FOF": case "VOF":
                l[FOFF] = f.name.equals("FOF") ? 1 : 0;
                postL(FOFF, DBE_VAL_LOG);
                break;
            case "PCOF": case "ICOF": case "DCOF":
                gain(f);
                break;
            case "CNEN":
                if ((l[MSTA] & MotorStatus.GAIN_SUPPORT) != 0) {
                    send(l[CNEN] != 0 ? MotorCommand.ENABLE_TORQUE : MotorCommand.DISABL_TORQUE, l[CNEN]);
                }
                break;
            case "JOGF":
                if (l[JOGF] == 0) l[MIP] &= ~MIP_JOG_REQ;
                else if (l[MIP] == MIP_DONE && l[HLS] == 0) l[MIP] |= MIP_JOG_REQ;
                break;
            case "JOGR":
                if (l[JOGR] == 0) l[MIP] &= ~MIP_JOG_REQ;
                else if (l[MIP] == MIP_DONE && l[LLS] == 0) l[MIP] |= MIP_JOG_REQ;
                break;
            case "STUP":
                if (l[STUP] != MotorMenus.STUP_ON) {
                    l[STUP] = MotorMenus.STUP_OFF;
                    postL(STUP, DBE_VAL_LOG);
                    throw new DbException(DbException.Kind.BAD_VALUE, name() + ".STUP: only ON starts an update");
                }
                break;
            case "NTMF":
                if (l[NTMF] < 2) {
                    l[NTMF] = 2;
                    postL(NTMF, DBE_VAL_LOG);
                    throw new DbException(DbException.Kind.BAD_VALUE, name() + ".NTMF must be at least 2");
                }
                break;
            default:
                break;
        }
    }

    /** A new running jog speed goes to the controller at once. */
    void jogSpeedChanged() {
        if ((l[MIP] & (MIP_JOGF | MIP_JOGR)) == 0) return;
        double jogv = d[JVEL] * dirSign() / d[MRES];
        if (l[JOGR] != 0) jogv = -jogv;
        begin();
        put(MotorCommand.SET_ACCEL, d[JAR] / Math.abs(d[MRES]));
        put(MotorCommand.JOG_VELOCITY, jogv);
        end();
    }

    private void gain(FieldDef f) {
        if ((l[MSTA] & MotorStatus.GAIN_SUPPORT) == 0) return;
        int slot = f.slot;
        boolean changed = false;
        if (d[slot] < 0 || d[slot] > 1) {
            d[slot] = Math.max(0, Math.min(1, d[slot]));
            changed = true;
        }
        MotorCommand c = f.name.equals("PCOF") ? MotorCommand.SET_PGAIN
                : f.name.equals("ICOF") ? MotorCommand.SET_IGAIN : MotorCommand.SET_DGAIN;
        if (!send(c, d[slot])) changed = true;
        if (changed) postD(slot, DBE_VAL_LOG);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Alarms, events, metadata

    /**
     * Limit switches (and the dial soft limits) with HLSV; controller problems as STATE/MAJOR, COMM/INVALID, with
     * the device's reason in AMSG.
     */
    private void alarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, Menus.INVALID);
            return;
        }
        int hlsv = (int) l[HLSV];
        boolean limits = softLimitsOn();
        if (hlsv != 0 && (l[HLS] != 0 || (limits && d[DVAL] > d[DHLM]))) {
            setSevr(Menus.HIGH_ALARM, hlsv);
            return;
        }
        if (hlsv != 0 && (l[LLS] != 0 || (limits && d[DVAL] < d[DLLM]))) {
            setSevr(Menus.LOW_ALARM, hlsv);
            return;
        }
        long msta = l[MSTA];
        if ((msta & MotorStatus.COMM_ERR) != 0) {
            l[MSTA] = msta & ~MotorStatus.COMM_ERR;
            mark(M_MSTA);
            setSevrMsg(Menus.COMM_ALARM, Menus.INVALID, dev().problemMessage(this));
        }
        if ((msta & (MotorStatus.SLIP_STALL | MotorStatus.PROBLEM)) != 0) {
            setSevrMsg(Menus.STATE_ALARM, Menus.MAJOR, dev().problemMessage(this));
        }
    }

    /** Post what changed: RBV with MDEL/ADEL first, then the rest; DBE_PROPERTY when control limits moved. */
    private void monitor() {
        int alarmMask = resetAlarms();
        if (d[MDEL] == 0 && d[ADEL] == 0) {
            int mask = alarmMask | (marked(M_RBV) ? DBE_VAL_LOG : 0);
            if (mask != 0) postD(RBV, mask);
        } else if (marked(M_RBV) || alarmMask != 0) {
            int mask = alarmMask;
            if (marked(M_RBV)) {
                mask |= deadband(d[MLST], d[RBV], d[MDEL] == 0 ? -1 : d[MDEL], FieldListener.DBE_VALUE);
                mask |= deadband(d[ALST], d[RBV], d[ADEL] == 0 ? -1 : d[ADEL], FieldListener.DBE_LOG);
                if ((mask & FieldListener.DBE_VALUE) != 0) d[MLST] = d[RBV];
                if ((mask & FieldListener.DBE_LOG) != 0) d[ALST] = d[RBV];
            }
            if (mask != 0) postD(RBV, mask);
        }
        unmark(M_RBV);
        for (int m = M_RRBV; m < MARKABLE.length; m++) {
            int mask = alarmMask | (marked(m) ? DBE_VAL_LOG : 0);
            if (mask == 0) continue;
            post(MARK_DEFS[m], mask);
            if (m == M_MSTA) syncTorqueEnable(mask);
            else if (m == M_HLS || m == M_LLS) postRawSwitch(m == M_HLS, mask);
        }
        marks = 0;
        updateRawLimits();
        if (limitsChanged()) {
            rememberAnnouncedLimits();
            postProperty();
        }
    }

    /** With GAIN_SUPPORT, CNEN shows whether the controller holds position (MSTA POSITION). */
    private void syncTorqueEnable(int mask) {
        long msta = l[MSTA];
        if ((msta & MotorStatus.GAIN_SUPPORT) == 0) return;
        long holding = (msta & MotorStatus.POSITION) != 0 ? 1 : 0;
        if (holding != l[CNEN]) {
            l[CNEN] = holding;
            postL(CNEN, mask | DBE_VAL_LOG);
        }
    }

    private void postRawSwitch(boolean userHigh, int mask) {
        boolean userIsRaw = (l[DIR] == 0) == (d[MRES] >= 0);
        postL(userHigh == userIsRaw ? RHLS : RLLS, mask);
    }

    private void updateRawLimits() {
        double mres = d[MRES];
        if (mres == 0) return;
        double hi = (mres >= 0 ? d[DHLM] : d[DLLM]) / mres;
        double lo = (mres >= 0 ? d[DLLM] : d[DHLM]) / mres;
        if (hi != d[RHLM]) {
            d[RHLM] = hi;
            postD(RHLM, DBE_VAL_LOG);
        }
        if (lo != d[RLLM]) {
            d[RLLM] = lo;
            postD(RLLM, DBE_VAL_LOG);
        }
    }

    private double[] currentLimits() {
        return new double[] {d[HLM], d[LLM], d[DHLM], d[DLLM], d[VBAS], d[VMAX]};
    }

    private boolean limitsChanged() {
        double[] now = currentLimits();
        for (int i = 0; i < now.length; i++) {
            if (Double.compare(now[i], announcedLimits[i]) != 0) return true;
        }
        return false;
    }

    private void rememberAnnouncedLimits() {
        System.arraycopy(currentLimits(), 0, announcedLimits, 0, announcedLimits.length);
    }

    @Override
    public String units(FieldDef f) {
        String egu = str(EGU);
        switch (f.name) {
            case "VELO": case "VMAX": case "BVEL": case "VBAS": case "JVEL": case "HVEL": return egu + "/sec";
            case "JAR": case "ACCS": return egu + "/s/s";
            case "ACCL": case "BACC": case "DLY": return "sec";
            case "S": case "SBAS": case "SBAK": case "SMAX": return "rev/sec";
            case "SREV": return "steps/rev";
            case "UREV": return egu + "/rev";
            default: return egu;
        }
    }

    @Override
    public int precision(FieldDef f) {
        switch (f.name) {
            case "RRBV": case "RMP": case "REP": return 0;
            case "VERS": return 2;
            default: return f.type.isFloating() ? (int) l[PREC] : 0;
        }
    }

    @Override
    public void limits(FieldDef f, Limits out) {
        switch (f.name) {
            case "VAL": case "RBV":
                out.display(d[LLM], d[HLM]).control(d[LLM], d[HLM]);
                break;
            case "DVAL": case "DRBV":
                out.display(d[DLLM], d[DHLM]).control(d[DLLM], d[DHLM]);
                break;
            case "RVAL": case "RRBV": {
                double mres = d[MRES] == 0 ? 1 : d[MRES];
                double hi = (mres >= 0 ? d[DHLM] : d[DLLM]) / mres;
                double lo = (mres >= 0 ? d[DLLM] : d[DHLM]) / mres;
                out.display(lo, hi).control(lo, hi);
                break;
            }
            case "VELO":
                out.display(d[VBAS], d[VMAX]).control(d[VBAS], d[VMAX]);
                break;
            default:
                super.limits(f, out);
                return;
        }
        if (f.name.equals("VAL") || f.name.equals("DVAL")) out.alarm(d[LOLO], d[LOW], d[HIGH], d[HIHI]);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Helpers

    int dirSign() { return l[DIR] == 0 ? 1 : -1; }

    void mark(int m) { marks |= 1L << m; }
    private void unmark(int m) { marks &= ~(1L << m); }
    boolean marked(int m) { return (marks & (1L << m)) != 0; }

    /** NINT of motorRecord.cc: round half away from zero, to a 32-bit raw value. */
    static int nint(double x) {
        double r = x > 0 ? x + 0.5 : x - 0.5;
        if (r >= Integer.MAX_VALUE) return Integer.MAX_VALUE;
        if (r <= Integer.MIN_VALUE) return Integer.MIN_VALUE;
        return (int) r;
    }

    // One transaction with the device: begin, put..., end (INIT_MSG / WRITE_MSG / SEND_MSG).
    private void begin() { dev().startTransaction(this); }
    private boolean put(MotorCommand c, double... p) { return dev().build(this, c, p); }
    private void end() { dev().endTransaction(this); }

    /** A one-command transaction; false if the device refused the command. */
    private boolean send(MotorCommand c, double... p) {
        begin();
        boolean ok = put(c, p);
        end();
        return ok;
    }
}
