package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * The synApps sscan record: one dimension of a step scan run by record processing (docs/sscan.md). Up to 4
 * positioners, 4 readbacks, 4 detector triggers and 70 detectors, all named by PV-name strings that can be changed
 * at run time. Writing 1 to EXSC starts a scan on its own thread ({@link SscanRun}); the record calls its forward
 * link - and so completes a put-callback on EXSC - only when the scan has ended. Writing 0 aborts it.
 */
public final class SscanRecord extends Record {
    public static final RecordType TYPE = new RecordType("sscan");
    static final int NUM_POS = 4, NUM_TRIG = 4, NUM_DET = 70;
    private static final int E = FieldListener.DBE_VALUE | FieldListener.DBE_LOG;

    static final int VERS = TYPE.dbl("VERS").readOnly().initial("3").slot();
    static final int VAL = TYPE.dbl("VAL").value().slot();
    static final int SMSG = TYPE.str("SMSG", 40).slot();
    /** jioc: the run gate, conditions "PV OP VALUE" separated by ';' that must hold before a scan moves anything. */
    static final int GATE = TYPE.str("GATE", 256).slot();
    static final int CMND = TYPE.menu("CMND", SscanMenus.CMND).special().slot();
    static final int ALRT = TYPE.uchar("ALRT").readOnly().slot();
    static final int NPTS = TYPE.lng("NPTS").special().initial("100").slot();
    static final int MPTS = TYPE.lng("MPTS").readOnly().initial("100").slot();
    static final int EXSC = TYPE.shrt("EXSC").pp().special().asl0().slot();
    static final int XSC = TYPE.shrt("XSC").readOnly().slot();
    static final int PXSC = TYPE.uchar("PXSC").readOnly().slot();
    static final int BUSY = TYPE.uchar("BUSY").readOnly().slot();
    static final int KILL = TYPE.uchar("KILL").readOnly().slot();
    static final int CPT = TYPE.lng("CPT").readOnly().slot();
    static final int PCPT = TYPE.lng("PCPT").readOnly().slot();
    static final int BCPT = TYPE.lng("BCPT").readOnly().slot();
    static final int DPT = TYPE.lng("DPT").readOnly().slot();
    static final int FAZE = TYPE.menu("FAZE", SscanMenus.FAZE).readOnly().slot();
    static final int DSTATE = TYPE.menu("DSTATE", SscanMenus.DSTATE).readOnly().slot();
    static final int PAUS = TYPE.menu("PAUS", SscanMenus.PAUS).special().asl0().slot();
    static final int LPAU = TYPE.menu("LPAU", SscanMenus.PAUS).readOnly().slot();
    static final int RDLY = TYPE.flt("RDLY").slot();
    static final int PDLY = TYPE.flt("PDLY").slot();
    static final int DDLY = TYPE.flt("DDLY").slot();
    static final int ATIME = TYPE.flt("ATIME").slot();
    static final int COPYTO = TYPE.lng("COPYTO").slot();
    static final int ACQM = TYPE.menu("ACQM", SscanMenus.ACQM).slot();
    static final int ACQT = TYPE.menu("ACQT", SscanMenus.ACQT).slot();
    static final int WAIT = TYPE.shrt("WAIT").special().slot();
    static final int WCNT = TYPE.shrt("WCNT").readOnly().slot();
    static final int AWCT = TYPE.shrt("AWCT").slot();
    static final int WTNG = TYPE.shrt("WTNG").readOnly().slot();
    static final int AWAIT = TYPE.shrt("AWAIT").special().slot();
    static final int AAWAIT = TYPE.menu("AAWAIT", SscanMenus.NOYES).slot();
    static final int DATA = TYPE.shrt("DATA").readOnly().slot();
    static final int REFD = TYPE.shrt("REFD").initial("1").slot();
    static final int PASM = TYPE.menu("PASM", SscanMenus.PASM).slot();
    static final int FFO = TYPE.menu("FFO", SscanMenus.FFO).slot();
    static final int FPTS = TYPE.menu("FPTS", SscanMenus.FPTS).initial("FREEZE").slot();
    static final int BSPV = TYPE.str("BSPV", 40).special().slot();
    static final int BSNV = TYPE.menu("BSNV", SscanMenus.P1NV).readOnly().initial("No PV").slot();
    static final int BSCD = TYPE.flt("BSCD").initial("1").slot();
    static final int BSWAIT = TYPE.menu("BSWAIT", SscanMenus.LINKWAIT).slot();
    static final int ASPV = TYPE.str("ASPV", 40).special().slot();
    static final int ASNV = TYPE.menu("ASNV", SscanMenus.P1NV).readOnly().initial("No PV").slot();
    static final int ASCD = TYPE.flt("ASCD").initial("1").slot();
    static final int ASWAIT = TYPE.menu("ASWAIT", SscanMenus.LINKWAIT).slot();
    static final int A1PV = TYPE.str("A1PV", 40).special().slot();
    static final int A1NV = TYPE.menu("A1NV", SscanMenus.P1NV).readOnly().initial("No PV").slot();
    static final int A1CD = TYPE.flt("A1CD").initial("1").slot();
    /**
     * jioc extension (not in synApps): SNAKE=YES makes this scan, when it is the inner scan of a chained scan,
     * run its points backwards on the outer scan's odd points (bluesky's snake_axes; docs/sscan.md).
     */
    static final int SNAKE = TYPE.menu("SNAKE", SscanMenus.NOYES).slot();

    // Positioners n = 1..4 (index n-1).
    static final int[] PPV = new int[NUM_POS], PNV = new int[NUM_POS], PSP = new int[NUM_POS],
            PSI = new int[NUM_POS], PEP = new int[NUM_POS], PCP = new int[NUM_POS], PWD = new int[NUM_POS],
            PSM = new int[NUM_POS], PAR = new int[NUM_POS], PFS = new int[NUM_POS], PFI = new int[NUM_POS],
            PFE = new int[NUM_POS], PFC = new int[NUM_POS], PFW = new int[NUM_POS], PPP = new int[NUM_POS],
            PCV = new int[NUM_POS], PDV = new int[NUM_POS], PLV = new int[NUM_POS], PHR = new int[NUM_POS],
            PLR = new int[NUM_POS], PEU = new int[NUM_POS], PPR = new int[NUM_POS], PPA = new int[NUM_POS],
            PRA = new int[NUM_POS], PCA = new int[NUM_POS];
    // Readbacks.
    static final int[] RPV = new int[NUM_POS], RNV = new int[NUM_POS], RCV = new int[NUM_POS],
            RLV = new int[NUM_POS], RDL = new int[NUM_POS];
    // Triggers.
    static final int[] TPV = new int[NUM_TRIG], TNV = new int[NUM_TRIG], TCD = new int[NUM_TRIG];
    // Detectors nn = 01..70 (index nn-1).
    static final int[] DPV = new int[NUM_DET], DNV = new int[NUM_DET], DCV = new int[NUM_DET],
            DLV = new int[NUM_DET], DHR = new int[NUM_DET], DLR = new int[NUM_DET], DEU = new int[NUM_DET],
            DPR = new int[NUM_DET], DNE = new int[NUM_DET], DDA = new int[NUM_DET], DCA = new int[NUM_DET];

    static {
        for (int i = 0; i < NUM_POS; i++) {
            String p = "P" + (i + 1);
            PPV[i] = TYPE.str(p + "PV", 40).special().interest(2).slot();
            PNV[i] = TYPE.menu(p + "NV", SscanMenus.P1NV).readOnly().initial("No PV").interest(2).slot();
            PSP[i] = TYPE.dbl(p + "SP").special().interest(2).slot();
            PSI[i] = TYPE.dbl(p + "SI").special().interest(2).initial("0.1").slot();
            PEP[i] = TYPE.dbl(p + "EP").special().interest(2).initial("1").slot();
            PCP[i] = TYPE.dbl(p + "CP").special().interest(2).initial("0.5").slot();
            PWD[i] = TYPE.dbl(p + "WD").special().interest(2).initial("1").slot();
            PSM[i] = TYPE.menu(p + "SM", SscanMenus.P1SM).interest(2).slot();
            PAR[i] = TYPE.menu(p + "AR", SscanMenus.P1AR).interest(2).slot();
            PFS[i] = TYPE.menu(p + "FS", SscanMenus.FPTS).interest(2).slot();
            PFI[i] = TYPE.menu(p + "FI", SscanMenus.FPTS).interest(2).slot();
            PFE[i] = TYPE.menu(p + "FE", SscanMenus.FPTS).interest(2).slot();
            PFC[i] = TYPE.menu(p + "FC", SscanMenus.FPTS).interest(2).slot();
            PFW[i] = TYPE.menu(p + "FW", SscanMenus.FPTS).interest(2).slot();
            PPP[i] = TYPE.dbl(p + "PP").readOnly().interest(2).slot();
            PCV[i] = TYPE.dbl(p + "CV").readOnly().interest(2).slot();
            PDV[i] = TYPE.dbl(p + "DV").readOnly().interest(2).slot();
            PLV[i] = TYPE.dbl(p + "LV").readOnly().interest(2).slot();
            PHR[i] = TYPE.dbl(p + "HR").interest(2).slot();
            PLR[i] = TYPE.dbl(p + "LR").interest(2).slot();
            PEU[i] = TYPE.str(p + "EU", 16).interest(2).slot();
            PPR[i] = TYPE.shrt(p + "PR").interest(2).slot();
            PPA[i] = TYPE.dbl(p + "PA").array().interest(3).slot();
            PRA[i] = TYPE.dbl(p + "RA").array().readOnly().interest(3).slot();
            PCA[i] = TYPE.dbl(p + "CA").array().readOnly().interest(3).slot();
        }
        for (int i = 0; i < NUM_POS; i++) {
            String r = "R" + (i + 1);
            RPV[i] = TYPE.str(r + "PV", 40).special().interest(2).slot();
            RNV[i] = TYPE.menu(r + "NV", SscanMenus.P1NV).readOnly().initial("No PV").interest(2).slot();
            RCV[i] = TYPE.dbl(r + "CV").readOnly().interest(2).slot();
            RLV[i] = TYPE.dbl(r + "LV").readOnly().interest(2).slot();
            RDL[i] = TYPE.dbl(r + "DL").interest(2).slot();
        }
        for (int i = 0; i < NUM_TRIG; i++) {
            String t = "T" + (i + 1);
            TPV[i] = TYPE.str(t + "PV", 40).special().interest(2).slot();
            TNV[i] = TYPE.menu(t + "NV", SscanMenus.P1NV).readOnly().initial("No PV").interest(2).slot();
            TCD[i] = TYPE.flt(t + "CD").initial("1").interest(2).slot();
        }
        for (int i = 0; i < NUM_DET; i++) {
            String dn = String.format("D%02d", i + 1);
            DPV[i] = TYPE.str(dn + "PV", 40).special().interest(2).slot();
            DNV[i] = TYPE.menu(dn + "NV", SscanMenus.P1NV).readOnly().initial("No PV").interest(2).slot();
            DCV[i] = TYPE.flt(dn + "CV").readOnly().interest(2).slot();
            DLV[i] = TYPE.flt(dn + "LV").readOnly().interest(2).slot();
            DHR[i] = TYPE.dbl(dn + "HR").interest(2).slot();
            DLR[i] = TYPE.dbl(dn + "LR").interest(2).slot();
            DEU[i] = TYPE.str(dn + "EU", 16).interest(2).slot();
            DPR[i] = TYPE.shrt(dn + "PR").interest(2).slot();
            DNE[i] = TYPE.ulng(dn + "NE").readOnly().interest(2).slot();
            DDA[i] = TYPE.flt(dn + "DA").array().readOnly().interest(3).slot();
            DCA[i] = TYPE.flt(dn + "CA").array().readOnly().interest(3).slot();
        }
        TYPE.factory(SscanRecord::new);
    }

    // ---- run-time state (guarded by the lock set) ----
    final SscanPv[] posPv = new SscanPv[NUM_POS];
    final SscanPv[] rdbkPv = new SscanPv[NUM_POS];
    /** RnPV is the literal "time": seconds since the scan started. */
    final boolean[] rdbkTime = new boolean[NUM_POS];
    final SscanPv[] trigPv = new SscanPv[NUM_TRIG];
    final SscanPv[] detPv = new SscanPv[NUM_DET];
    SscanPv beforePv, afterPv, arrayPv;
    /** Table points written to PnPA (the client-visible count is always MPTS). */
    final int[] tableCount = new int[NUM_POS];
    /** The running scan, or null when idle. */
    SscanRun run;
    /** What the current or last scan planned (null before the first scan that got that far). */
    SscanPlan lastPlan;
    /** The scan thread has ended: the next process() finishes the scan. */
    boolean finishing;
    /** The acquisition mode of the last completed scan (ACQM ACCUMULATE adds only to an ACCUMULATE scan). */
    long lastAcqm = -1;
    /** The point index of the outer scan that started this one through its trigger (-1: not started so). */
    volatile int outerPoint = -1;
    /** A linear parameter's value before the put, restored when the new value cannot be satisfied. */
    private double savedParam;
    private long savedNpts;

    SscanRecord(RecordType t) { super(t); }

    int mpts() { return (int) l[MPTS]; }

    /**
     * The targets positioner n (1..4) was given at every point of the current or last scan, in the order they were
     * taken (RELATIVE added, snake applied); null when that scan had no PnPV or no scan has computed its points. For data
     * storage clients (saveData), which need the planned positions of points an aborted scan never reached. Read
     * under the record's lock.
     */
    public double[] plannedPositions(int n) {
        SscanPlan p = lastPlan;
        if (p == null || n < 1 || n > NUM_POS || p.points[n - 1] == null) return null;
        return p.points[n - 1].clone();
    }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 0) {
            if (l[MPTS] < 1) l[MPTS] = 1;
            int m = mpts();
            for (int i = 0; i < NUM_POS; i++) {
                for (int s : new int[] {PPA[i], PRA[i], PCA[i]}) if (o[s] == null) o[s] = new double[m];
            }
            for (int i = 0; i < NUM_DET; i++) {
                o[DDA[i]] = new float[m];
                o[DCA[i]] = new float[m];
            }
            l[NPTS] = Math.max(1, Math.min(l[NPTS], m));
            return;
        }
        for (int i = 0; i < NUM_POS; i++) {
            posPv[i] = reopen(posPv[i], PPV[i], PNV[i]);
            openReadback(i);
        }
        for (int i = 0; i < NUM_TRIG; i++) trigPv[i] = reopen(trigPv[i], TPV[i], TNV[i]);
        for (int i = 0; i < NUM_DET; i++) detPv[i] = reopen(detPv[i], DPV[i], DNV[i]);
        beforePv = reopen(beforePv, BSPV, BSNV);
        afterPv = reopen(afterPv, ASPV, ASNV);
        arrayPv = reopen(arrayPv, A1PV, A1NV);
        SscanLinks.watch(this);
    }

    /** Open the PV named in field nameSlot, close the old one, set the NV status field. */
    private SscanPv reopen(SscanPv old, int nameSlot, int nvSlot) {
        if (old != null) old.close();
        SscanPv pv = SscanPv.open(this, str(nameSlot));
        l[nvSlot] = pv == null ? SscanMenus.NO_PV : pv.status();
        return pv;
    }

    private void openReadback(int i) {
        String n = str(RPV[i]).trim();
        rdbkTime[i] = n.equalsIgnoreCase("time");
        if (rdbkTime[i]) {
            if (rdbkPv[i] != null) rdbkPv[i].close();
            rdbkPv[i] = null;
            l[RNV[i]] = SscanMenus.PV_OK;
        } else {
            rdbkPv[i] = reopen(rdbkPv[i], RPV[i], RNV[i]);
        }
    }

    /** Refresh the NV fields and the metadata of connected PVs (after a CA link connects). */
    void refreshLinks() {
        for (int i = 0; i < NUM_POS; i++) {
            setNv(PNV[i], posPv[i]);
            if (!rdbkTime[i]) setNv(RNV[i], rdbkPv[i]);
            loadPositionerMeta(i);
        }
        for (int i = 0; i < NUM_TRIG; i++) setNv(TNV[i], trigPv[i]);
        for (int i = 0; i < NUM_DET; i++) {
            setNv(DNV[i], detPv[i]);
            loadDetectorMeta(i);
        }
        setNv(BSNV, beforePv);
        setNv(ASNV, afterPv);
        setNv(A1NV, arrayPv);
    }

    /** Any named PV that is not (yet) connected? */
    boolean anyUnconnected() {
        for (SscanPv p : posPv) if (p != null && p.status() != SscanMenus.PV_OK) return true;
        for (SscanPv p : rdbkPv) if (p != null && p.status() != SscanMenus.PV_OK) return true;
        for (SscanPv p : trigPv) if (p != null && p.status() != SscanMenus.PV_OK) return true;
        for (SscanPv p : detPv) if (p != null && p.status() != SscanMenus.PV_OK) return true;
        for (SscanPv p : new SscanPv[] {beforePv, afterPv, arrayPv}) if (p != null && p.status() != SscanMenus.PV_OK) return true;
        return false;
    }

    private void setNv(int slot, SscanPv pv) {
        long nv = pv == null ? SscanMenus.NO_PV : pv.status();
        if (nv != l[slot]) {
            l[slot] = nv;
            postL(slot, E);
        }
    }

    /** EGU, PREC and control limits of the drive PV into PnEU/PnPR/PnHR/PnLR (on connect, as sscan's ca_get). */
    void loadPositionerMeta(int i) {
        SscanPv pv = posPv[i];
        SscanPv.Meta m = pv == null ? null : pv.meta();
        if (m == null) return;
        setStr(PEU[i], m.units(), 16);
        setLong(PPR[i], m.precision());
        setDouble(PHR[i], m.controlHigh());
        setDouble(PLR[i], m.controlLow());
    }

    void loadDetectorMeta(int i) {
        SscanPv pv = detPv[i];
        if (pv == null) return;
        SscanPv.Meta m = pv.meta();
        if (m != null) {
            setStr(DEU[i], m.units(), 16);
            setLong(DPR[i], m.precision());
            setDouble(DHR[i], m.displayHigh());
            setDouble(DLR[i], m.displayLow());
        }
        setLong(DNE[i], Math.max(0, pv.count()));
    }

    void setStr(int slot, String v, int size) {
        String s = v == null ? "" : v.length() > size - 1 ? v.substring(0, size - 1) : v;
        if (!s.equals(o[slot])) {
            o[slot] = s;
            postO(slot, E);
        }
    }

    void setLong(int slot, long v) {
        if (l[slot] != v) {
            l[slot] = v;
            postL(slot, E);
        }
    }

    void setDouble(int slot, double v) {
        if (Double.compare(d[slot], v) != 0) {
            d[slot] = v;
            postD(slot, E);
        }
    }

    /** SMSG and ALRT together (alert=true: an error condition). */
    void message(String msg, boolean alert) {
        setStr(SMSG, msg, 40);
        setLong(ALRT, alert ? 1 : 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Processing

    @Override
    protected void process() {
        if (finishing) {
            finishing = false;
            SscanRun r = run;
            run = null;
            if (r != null) r.finishLocked();
            getTimeStamp();
            fwdLink();
            return;
        }
        if (l[EXSC] != 0) {
            if (run == null) startScan();
            // no forward link while the scan runs: a put-callback on EXSC completes at its end
            return;
        }
        if (run != null) {
            run.abort();
            return;
        }
        getTimeStamp();
        fwdLink();
    }

    private void startScan() {
        l[XSC] = 1;
        l[KILL] = 0;
        setLong(BUSY, 1);
        setLong(DATA, 0);
        setLong(WCNT, 0);
        setLong(WTNG, 0);
        setLong(CPT, 0);
        setLong(DSTATE, SscanMenus.UNPACKED);
        message("Scanning", false);
        setLong(FAZE, l[PAUS] != 0 ? SscanMenus.SCAN_PENDING : SscanMenus.INIT_SCAN);
        run = new SscanRun(this);
        run.start();
        // The put that started the scan has done its processing; the scan runs on. Without this, PP writes from
        // DB links (AbortScanN, scanPause) would only ask for reprocessing at the end of the scan (dbDbPutValue).
        l[PUTF] = 0;
    }

    /** Called by the scan thread when it has ended: finish on a callback thread (the EXSC put completes there). */
    void scanThreadEnded() {
        finishing = true;
        requestAsyncCompletion();
    }

    @Override
    protected void special(FieldDef f, boolean after) throws DbException {
        String n = f.name;
        if (!after) {
            if (n.length() == 4 && n.charAt(0) == 'P' && "SP EP SI CP WD".contains(n.substring(2))) {
                savedParam = d[f.slot];
            }
            if (n.equals("NPTS")) savedNpts = l[NPTS];
            if (run != null && (n.endsWith("PV") || n.equals("NPTS") || n.equals("CMND")) && !n.equals("EXSC")) {
                throw new DbException(DbException.Kind.FAILED, name() + "." + n + " cannot change while scanning");
            }
            return;
        }
        switch (n) {
            case "EXSC":
                return;
            case "CMND":
                SscanCommands.run(this, (int) l[CMND]);
                return;
            case "PAUS":
                if (l[LPAU] != l[PAUS]) {
                    l[LPAU] = l[PAUS];
                    postL(LPAU, E);
                }
                if (run != null) run.pauseChanged();
                return;
            case "WAIT":
                setLong(WCNT, Math.max(0, l[WCNT] + (l[WAIT] != 0 ? 1 : -1)));
                if (run != null) run.wake();
                return;
            case "AWAIT":
                if (run != null) run.wake();
                return;
            case "NPTS": {
                l[NPTS] = Math.max(1, Math.min(l[NPTS], l[MPTS]));
                for (int i = 0; i < NUM_POS; i++) {
                    if (l[PSM[i]] != SscanMenus.TABLE) solveLinear(i, SscanLinear.N, null);
                }
                return;
            }
            case "BSPV": beforePv = reopen(beforePv, BSPV, BSNV); postL(BSNV, E); SscanLinks.watch(this); return;
            case "ASPV": afterPv = reopen(afterPv, ASPV, ASNV); postL(ASNV, E); SscanLinks.watch(this); return;
            case "A1PV": arrayPv = reopen(arrayPv, A1PV, A1NV); postL(A1NV, E); SscanLinks.watch(this); return;
            default:
                break;
        }
        int idx = indexOf(n);
        if (idx < 0) return;
        char kind = n.charAt(0);
        String what = n.substring(n.length() - 2);
        if (kind == 'D' && what.equals("PV")) {
            detPv[idx] = reopen(detPv[idx], DPV[idx], DNV[idx]);
            postL(DNV[idx], E);
            loadDetectorMeta(idx);
        } else if (kind == 'T') {
            trigPv[idx] = reopen(trigPv[idx], TPV[idx], TNV[idx]);
            postL(TNV[idx], E);
        } else if (kind == 'R') {
            openReadback(idx);
            postL(RNV[idx], E);
        } else if (kind == 'P' && what.equals("PV")) {
            posPv[idx] = reopen(posPv[idx], PPV[idx], PNV[idx]);
            postL(PNV[idx], E);
            loadPositionerMeta(idx);
        } else if (kind == 'P') {
            int which = switch (what) {
                case "SP" -> SscanLinear.SP;
                case "EP" -> SscanLinear.EP;
                case "SI" -> SscanLinear.SI;
                case "CP" -> SscanLinear.CP;
                case "WD" -> SscanLinear.WD;
                default -> -1;
            };
            if (which >= 0) solveLinear(idx, which, n);
            return;
        }
        SscanLinks.watch(this);
    }

    /** What a put to f would do after storing (CMND's clear commands use it). */
    void specialAfter(FieldDef f) throws DbException { special(f, true); }

    /** The positioner/detector index in a field name like P2SP, R1PV, T3PV, D05PV; -1 for others. */
    private static int indexOf(String n) {
        if (n.length() == 4 && "PRT".indexOf(n.charAt(0)) >= 0 && Character.isDigit(n.charAt(1))) {
            return n.charAt(1) - '1';
        }
        if (n.length() == 5 && n.charAt(0) == 'D' && Character.isDigit(n.charAt(1)) && Character.isDigit(n.charAt(2))) {
            return Integer.parseInt(n.substring(1, 3)) - 1;
        }
        return -1;
    }

    /** Keep positioner i's linear parameters consistent after `changed` was written (fieldName for messages). */
    void solveLinear(int i, int changed, String fieldName) {
        boolean override = l[FFO] == SscanMenus.FFO_OVERRIDE;
        int frozen = 0;
        if (!override) {
            if (l[PFS[i]] != 0) frozen |= 1 << SscanLinear.SP;
            if (l[PFI[i]] != 0) frozen |= 1 << SscanLinear.SI;
            if (l[PFE[i]] != 0) frozen |= 1 << SscanLinear.EP;
            if (l[PFC[i]] != 0) frozen |= 1 << SscanLinear.CP;
            if (l[PFW[i]] != 0) frozen |= 1 << SscanLinear.WD;
            if (l[FPTS] != 0) frozen |= 1 << SscanLinear.N;
        }
        if (changed == SscanLinear.N) frozen &= ~(1 << SscanLinear.N);
        SscanLinear.Params p = new SscanLinear.Params(d[PSP[i]], d[PEP[i]], d[PSI[i]], d[PCP[i]], d[PWD[i]],
                (int) l[NPTS]);
        SscanLinear.Params r = SscanLinear.solve(p, changed, frozen & ~(1 << changed), mpts());
        if (r == null) {
            message("P" + (i + 1) + " " + SscanLinear.name(changed) + ": frozen params conflict", true);
            if (fieldName != null) {
                d[TYPE.field(fieldName).slot] = savedParam;
                postD(TYPE.field(fieldName).slot, E);
            } else if (changed == SscanLinear.N && l[NPTS] != savedNpts) {
                l[NPTS] = savedNpts;
                postL(NPTS, E);
            }
            return;
        }
        setDouble(PSP[i], r.v[SscanLinear.SP]);
        setDouble(PEP[i], r.v[SscanLinear.EP]);
        setDouble(PSI[i], r.v[SscanLinear.SI]);
        setDouble(PCP[i], r.v[SscanLinear.CP]);
        setDouble(PWD[i], r.v[SscanLinear.WD]);
        if (fieldName != null) postD(TYPE.field(fieldName).slot, E);
        if (r.n != l[NPTS]) {
            setLong(NPTS, r.n);
            for (int k = 0; k < NUM_POS; k++) {
                if (k != i && l[PSM[k]] != SscanMenus.TABLE) solveLinear(k, SscanLinear.N, null);
            }
        }
        if (l[ALRT] != 0 && str(SMSG).contains("frozen")) message("", false);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Arrays: every array field reports MPTS elements.

    @Override
    public int arrayCapacity(FieldDef f) { return f.isArray() ? mpts() : 1; }

    @Override
    public int arrayCount(FieldDef f) { return arrayCapacity(f); }

    @Override
    public void arrayPut(FieldDef f, Object src, int n) throws DbException {
        int idx = f.name.length() == 4 && f.name.endsWith("PA") ? f.name.charAt(1) - '1' : -1;
        if (idx < 0 || idx >= NUM_POS) {
            throw new DbException(DbException.Kind.READ_ONLY, name() + "." + f.name + " is read-only");
        }
        double[] pa = (double[]) o[PPA[idx]];
        int k = Math.min(n, pa.length);
        org.jioc.db.ArrayConvert.copy(src, 0, false, pa, 0, k);
        tableCount[idx] = k;
    }

    // ------------------------------------------------------------------------------------------------------------
    // Metadata

    @Override
    public String units(FieldDef f) {
        String n = f.name;
        int idx = indexOf(n.length() >= 4 ? n.substring(0, n.charAt(0) == 'D' ? 3 : 2) + "PV" : n);
        if (idx < 0) return n.equals("PDLY") || n.equals("DDLY") || n.equals("RDLY") || n.equals("ATIME") ? "s" : "";
        switch (n.charAt(0)) {
            case 'P': return n.endsWith("EU") || n.endsWith("PV") ? "" : str(PEU[idx]);
            case 'R': return n.endsWith("PV") ? "" : rdbkTime[idx] ? "s" : str(PEU[idx]);
            case 'D': return n.endsWith("EU") || n.endsWith("PV") ? "" : str(DEU[idx]);
            default: return "";
        }
    }

    @Override
    public int precision(FieldDef f) {
        String n = f.name;
        if (n.equals("PDLY") || n.equals("DDLY") || n.equals("RDLY") || n.equals("ATIME")) return 2;
        if (!f.type.isFloating() && !f.isArray()) return 0;
        int idx = indexOf(n.length() >= 4 ? n.substring(0, n.charAt(0) == 'D' ? 3 : 2) + "PV" : n);
        if (idx < 0) return 5;
        if (n.charAt(0) == 'D') return (int) l[DPR[idx]];
        if (n.charAt(0) == 'P' || n.charAt(0) == 'R') return (int) l[PPR[idx]];
        return 5;
    }

    @Override
    public void limits(FieldDef f, Limits out) {
        String n = f.name;
        int idx = indexOf(n.length() >= 4 ? n.substring(0, n.charAt(0) == 'D' ? 3 : 2) + "PV" : n);
        if (idx >= 0 && n.charAt(0) == 'D' && f.type != DbfType.STRING && !n.endsWith("NE")) {
            out.display(d[DLR[idx]], d[DHR[idx]]).control(d[DLR[idx]], d[DHR[idx]]);
            return;
        }
        if (idx >= 0 && (n.charAt(0) == 'P' || n.charAt(0) == 'R') && f.type.isFloating()) {
            out.display(d[PLR[idx]], d[PHR[idx]]).control(d[PLR[idx]], d[PHR[idx]]);
            return;
        }
        super.limits(f, out);
    }
}
