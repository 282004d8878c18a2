package org.jioc.record;

import static org.jioc.record.SscanRecord.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jioc.db.FieldListener;
import org.jioc.db.LockSet;
import org.jioc.procedure.GateExpression;

/**
 * One scan of an sscan record, on its own thread: before-scan link, then per point: move the positioners
 * (put-callback, wait all, PDLY), fire the triggers (put-callback, wait all, DDLY, wait WCNT==0), read readbacks and
 * detectors into the in-progress arrays; then the array-read trigger, the after-scan move (PASM), the after-scan
 * link, and the arrays posted. The thread takes the record's lock only to read settings and store results; every
 * wait happens without it. EXSC=0 once aborts politely (the current puts are waited for, motors are told to STOP);
 * a second time stops waiting for callbacks.
 */
final class SscanRun {
    private static final Logger LOG = Logger.getLogger(SscanRun.class.getName());
    /** Per-point scalars are posted at most this often (sscan: ≤ 20 points/s). */
    private static final long POST_PERIOD_NS = 50_000_000L;
    private static final int ALL = FieldListener.DBE_VALUE | FieldListener.DBE_LOG;

    private final SscanRecord rec;
    private final Object wakeLock = new Object();
    private volatile int aborts;
    private volatile boolean paused;
    private Thread thread;

    // the outcome, read by finishLocked
    private String endMessage = "SCAN Complete";
    private boolean endAlert;
    private boolean dataValid;
    private int pointsDone;
    private long acqm;

    // per-point posting
    private long lastPost;
    private long lastArrayPost;
    private double arrayPeriodNs;

    SscanRun(SscanRecord rec) {
        this.rec = rec;
        this.paused = rec.l[PAUS] != 0;
    }

    void start() {
        thread = new Thread(this::runAndEnd, "sscan " + rec.name());
        thread.setDaemon(true);
        thread.start();
    }

    /** EXSC=0 while scanning (lock set held). */
    void abort() {
        aborts++;
        rec.l[KILL] = 1;
        wake();
    }

    void pauseChanged() {
        paused = rec.l[PAUS] != 0;
        wake();
    }

    void wake() {
        synchronized (wakeLock) {
            wakeLock.notifyAll();
        }
    }

    private LockSet.Guard lock() { return rec.database().lock(rec); }

    private void runAndEnd() {
        try {
            scan();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, rec.name() + ": scan failed", e);
            endMessage = "Scan failed: " + e;
            endAlert = true;
        } catch (InterruptedException e) {
            endMessage = "Scan interrupted";
            endAlert = true;
        }
        try {
            publish();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (LockSet.Guard g = lock()) {
            rec.scanThreadEnded();
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private void scan() throws InterruptedException {
        if (paused) {
            setPhase(SscanMenus.SCAN_PENDING, true);
            waitWhilePaused();
        }
        if (aborts > 0) {
            endMessage = "Scan aborted";
            return;
        }
        setPhase(SscanMenus.INIT_SCAN, true);
        String notConnected = waitForPvs();
        if (notConnected != null) {
            refuse(notConnected);
            return;
        }
        String gateClosed = gateClosed();
        if (gateClosed != null) {
            refuse(gateClosed);
            return;
        }
        double[] prior = new double[NUM_POS];
        for (int p = 0; p < NUM_POS; p++) prior[p] = rec.posPv[p] == null ? Double.NaN : rec.posPv[p].read();
        SscanPv.Meta[] posMeta = new SscanPv.Meta[NUM_POS];
        for (int p = 0; p < NUM_POS; p++) posMeta[p] = rec.posPv[p] == null ? null : rec.posPv[p].meta();
        SscanPlan plan;
        try (LockSet.Guard g = lock()) {
            for (int p = 0; p < NUM_POS; p++) {
                if (rec.posPv[p] == null) continue;
                rec.setDouble(PPP[p], prior[p]);
                if (posMeta[p] != null) {
                    rec.setStr(PEU[p], posMeta[p].units(), 16);
                    rec.setLong(PPR[p], posMeta[p].precision());
                    rec.setDouble(PHR[p], posMeta[p].controlHigh());
                    rec.setDouble(PLR[p], posMeta[p].controlLow());
                }
            }
            try {
                plan = SscanPlan.build(rec, prior);
            } catch (IllegalArgumentException e) {
                plan = null;
                endMessage = e.getMessage();
            }
            if (plan != null) {
                rec.lastPlan = plan;
                String bad = plan.checkLimits(rec);
                if (bad != null) {
                    LOG.info(() -> rec.name() + ": scan refused: " + bad);
                    endMessage = bad;
                    plan = null;
                }
            }
            acqm = rec.l[ACQM];
            if (acqm == SscanMenus.ACQM_ACCUMULATE && rec.lastAcqm != SscanMenus.ACQM_ACCUMULATE) {
                acqm = SscanMenus.ACQM_NORMAL;
            }
            double atime = rec.d[ATIME];
            arrayPeriodNs = atime > 0 ? Math.max(0.1, atime) * 1e9 : 0;
        }
        if (plan == null) {
            refuse(endMessage);
            return;
        }
        for (int dn = 0; dn < NUM_DET; dn++) {
            SscanPv pv = rec.detPv[dn];
            if (pv == null) continue;
            SscanPv.Meta m = pv.meta();
            int ne = pv.count();
            try (LockSet.Guard g = lock()) {
                if (m != null) {
                    rec.setStr(DEU[dn], m.units(), 16);
                    rec.setLong(DPR[dn], m.precision());
                    rec.setDouble(DHR[dn], m.displayHigh());
                    rec.setDouble(DLR[dn], m.displayLow());
                }
                rec.setLong(DNE[dn], ne);
            }
        }
        dataValid = true;
        if (!beforeOrAfter(rec.beforePv, BSCD, BSWAIT, SscanMenus.DO_BEFORE_SCAN, SscanMenus.WAIT_BEFORE_SCAN)) {
            return;
        }
        boolean arrayMode;
        try (LockSet.Guard g = lock()) {
            arrayMode = rec.l[ACQT] == SscanMenus.ACQT_1D_ARRAY;
        }
        boolean completed = arrayMode ? arrayScan(plan) : pointLoop(plan);
        if (aborts >= 2) {
            endMessage = "Scan aborted";
            return;
        }
        if (!arrayMode && completed) arrayRead(plan);
        if (aborts == 0 && !endAlert || aborts == 1) afterScanMove(plan, prior);
        if (aborts < 2) beforeOrAfter(rec.afterPv, ASCD, ASWAIT, SscanMenus.DO_AFTER_SCAN, SscanMenus.WAIT_AFTER_SCAN);
        if (aborts > 0 && !endAlert) endMessage = "Scan aborted";
    }

    /** Refused before anything moved: message and alert, no data. */
    /** The GATE field's conditions, checked before anything moves: null when open, else a message for SMSG. */
    private String gateClosed() {
        String text;
        try (LockSet.Guard g = lock()) {
            text = rec.getString(rec.type().field("GATE"));
        }
        GateExpression gate;
        try {
            gate = GateExpression.parse(text);
        } catch (IllegalArgumentException e) {
            LOG.info(() -> rec.name() + ": scan refused: GATE '" + text + "': " + e.getMessage());
            return "GATE: bad condition";
        }
        GateExpression.Closed closed = gate.check(rec.database()::resolve);
        if (closed == null) return null;
        LOG.info(() -> rec.name() + ": scan refused: " + closed);
        return closed.brief();
    }

    private void refuse(String why) {
        endMessage = why;
        endAlert = true;
        dataValid = false;
    }

    /** Wait up to 2 s for every named PV to connect; the name of one that did not, as a message, or null. */
    private String waitForPvs() throws InterruptedException {
        long end = System.nanoTime() + 2_000_000_000L;
        while (true) {
            String bad = null;
            try (LockSet.Guard g = lock()) {
                rec.refreshLinks();
                for (int p = 0; p < NUM_POS && bad == null; p++) bad = badPv("P" + (p + 1), rec.posPv[p]);
                for (int p = 0; p < NUM_POS && bad == null; p++) bad = badPv("R" + (p + 1), rec.rdbkPv[p]);
                for (int t = 0; t < NUM_TRIG && bad == null; t++) bad = badPv("T" + (t + 1), rec.trigPv[t]);
                for (int d = 0; d < NUM_DET && bad == null; d++) bad = badPv(String.format("D%02d", d + 1), rec.detPv[d]);
                if (bad == null) bad = badPv("BS", rec.beforePv);
                if (bad == null) bad = badPv("AS", rec.afterPv);
                if (bad == null) bad = badPv("A1", rec.arrayPv);
            }
            if (bad == null) return null;
            if (System.nanoTime() > end || aborts > 0) return bad;
            sleep(0.05);
        }
    }

    private static String badPv(String which, SscanPv pv) {
        if (pv == null) return null;
        int st = pv.status();
        if (st == SscanMenus.PV_OK) return null;
        return which + "PV " + SscanMenus.P1NV.choice(st) + ": " + pv.name;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The point loop

    /** True when every point was taken. */
    private boolean pointLoop(SscanPlan plan) throws InterruptedException {
        int npts = plan.npts;
        long t0 = System.nanoTime();
        List<CompletableFuture<String>> futures = new ArrayList<>();
        List<SscanPv> targets = new ArrayList<>();
        double[] rdbk = new double[NUM_POS];
        float[] det = new float[NUM_DET];
        int[] dets = activeDetectors();
        for (int i = 0; i < npts; i++) {
            if (aborts > 0) return false;
            if (paused) waitWhilePaused();
            if (aborts > 0) return false;
            long now = System.nanoTime();
            boolean post = i == 0 || i == npts - 1 || now - lastPost >= POST_PERIOD_NS;
            // move
            setPhase(SscanMenus.MOVE_MOTORS, post);
            futures.clear();
            targets.clear();
            try (LockSet.Guard g = lock()) {
                for (int p : plan.active) rec.d[PDV[p]] = plan.points[p][i];
            }
            for (int p : plan.active) {
                if (plan.fly[p] && i > 0) continue;
                futures.add(put(rec.posPv[p], plan.points[p][i]));
                targets.add(rec.posPv[p]);
            }
            setPhase(SscanMenus.WAIT_MOTORS, post);
            String err = awaitAll(futures, targets);
            if (err != null) return fail("P move: " + err);
            if (aborts > 0) return false;
            delay(PDLY);
            // trigger
            setPhase(SscanMenus.TRIG_DETCTRS, post);
            futures.clear();
            try (LockSet.Guard g = lock()) {
                if (rec.l[AWCT] > 0) rec.setLong(WCNT, rec.l[AWCT]);
            }
            for (int t = 0; t < NUM_TRIG; t++) {
                SscanPv tp = rec.trigPv[t];
                if (tp == null) continue;
                if (tp instanceof SscanPv.Local lp && lp.addr.record instanceof SscanRecord inner
                        && lp.addr.field.name.equals("EXSC")) {
                    inner.outerPoint = i; // the inner scan's snake direction
                }
                futures.add(put(tp, rec.d[TCD[t]]));
            }
            if (i == 0) {
                for (int p : plan.active) {
                    if (plan.fly[p]) put(rec.posPv[p], plan.points[p][npts - 1]); // launched, not waited for
                }
            }
            setPhase(SscanMenus.WAIT_DETCTRS, post);
            err = awaitAll(futures, null);
            if (err != null) return fail("T trigger: " + err);
            if (aborts > 0) return false;
            delay(DDLY);
            if (!waitForWcnt()) return false;
            // read
            double elapsed = (System.nanoTime() - t0) / 1e9;
            for (int p = 0; p < NUM_POS; p++) {
                if (rec.rdbkTime[p]) rdbk[p] = elapsed;
                else if (rec.rdbkPv[p] != null) rdbk[p] = rec.rdbkPv[p].read();
                else rdbk[p] = plan.points[p] != null ? plan.points[p][i] : 0;
            }
            for (int dn : dets) det[dn] = (float) rec.detPv[dn].read();
            String off = store(plan, i, rdbk, det, dets, post);
            if (off != null) return fail(off);
        }
        return true;
    }

    private int[] activeDetectors() {
        List<Integer> a = new ArrayList<>();
        for (int d = 0; d < NUM_DET; d++) if (rec.detPv[d] != null) a.add(d);
        return a.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Store point i into the in-progress arrays; post scalars when asked. Returns an RnDL violation, or null. */
    private String store(SscanPlan plan, int i, double[] rdbk, float[] det, int[] dets, boolean post)
            throws InterruptedException {
        String off = null;
        try (LockSet.Guard g = lock()) {
            for (int p = 0; p < NUM_POS; p++) {
                boolean used = plan.points[p] != null || rec.rdbkPv[p] != null || rec.rdbkTime[p];
                if (!used) continue;
                ((double[]) rec.o[PCA[p]])[i] = rdbk[p];
                rec.d[RCV[p]] = rdbk[p];
                if (plan.points[p] != null) {
                    rec.d[PCV[p]] = plan.points[p][i];
                    double dl = rec.d[RDL[p]];
                    if (dl > 0 && rec.rdbkPv[p] != null && Math.abs(rdbk[p] - plan.points[p][i]) > dl && off == null) {
                        off = "R" + (p + 1) + " off by " + (float) Math.abs(rdbk[p] - plan.points[p][i]) + " > RDL";
                    }
                }
            }
            for (int dn : dets) {
                float v = det[dn];
                if (acqm != SscanMenus.ACQM_NORMAL) v += ((float[]) rec.o[DDA[dn]])[i];
                ((float[]) rec.o[DCA[dn]])[i] = v;
                rec.d[DCV[dn]] = v;
            }
            rec.l[CPT] = i + 1;
            rec.l[BCPT] = i + 1;
            pointsDone = i + 1;
            rec.d[VAL] = i + 1;
            if (post) {
                lastPost = System.nanoTime();
                postScalars(plan, dets);
                rec.l[FAZE] = SscanMenus.RECORD_SCALAR_DATA;
                rec.postL(FAZE, ALL);
                rec.postD(VAL, ALL);
            }
            if (arrayPeriodNs > 0 && System.nanoTime() - lastArrayPost >= arrayPeriodNs) {
                lastArrayPost = System.nanoTime();
                postArrays(plan, dets, false, FieldListener.DBE_VALUE);
            }
        }
        return off;
    }

    /** Post the per-point scalars (lock set held). */
    private void postScalars(SscanPlan plan, int[] dets) {
        rec.postL(CPT, ALL);
        for (int p = 0; p < NUM_POS; p++) {
            if (plan.points[p] != null) {
                rec.postD(PDV[p], ALL);
                rec.postD(PCV[p], ALL);
                rec.d[PLV[p]] = rec.d[PCV[p]];
            }
            rec.postD(RCV[p], ALL);
            rec.d[RLV[p]] = rec.d[RCV[p]];
        }
        for (int dn : dets) {
            rec.postD(DCV[dn], ALL);
            rec.d[DLV[dn]] = rec.d[DCV[dn]];
        }
    }

    /** Post arrays: the in-progress ones, and with completed also the completed ones (lock set held). */
    private void postArrays(SscanPlan plan, int[] dets, boolean completed, int mask) {
        for (int p = 0; p < NUM_POS; p++) {
            rec.postO(PCA[p], mask);
            if (completed) rec.postO(PRA[p], mask);
        }
        for (int dn : dets) {
            rec.postO(DCA[dn], mask);
            if (completed) rec.postO(DDA[dn], mask);
        }
    }

    private boolean fail(String why) {
        endMessage = why.length() > 39 ? why.substring(0, 39) : why;
        endAlert = true;
        LOG.info(() -> rec.name() + ": " + why);
        return false;
    }

    // ------------------------------------------------------------------------------------------------------------
    // 1D ARRAY acquisition (scanH): positioners to start, trigger once, read whole arrays.

    private boolean arrayScan(SscanPlan plan) throws InterruptedException {
        setPhase(SscanMenus.MOVE_MOTORS, true);
        List<CompletableFuture<String>> futures = new ArrayList<>();
        List<SscanPv> targets = new ArrayList<>();
        for (int p : plan.active) {
            futures.add(put(rec.posPv[p], plan.points[p][0]));
            targets.add(rec.posPv[p]);
        }
        setPhase(SscanMenus.WAIT_MOTORS, true);
        String err = awaitAll(futures, targets);
        if (err != null) return fail("P move: " + err);
        if (aborts > 0) return false;
        setPhase(SscanMenus.TRIG_DETCTRS, true);
        futures.clear();
        for (int t = 0; t < NUM_TRIG; t++) if (rec.trigPv[t] != null) futures.add(put(rec.trigPv[t], rec.d[TCD[t]]));
        for (int p : plan.active) put(rec.posPv[p], plan.points[p][plan.npts - 1]);
        setPhase(SscanMenus.WAIT_DETCTRS, true);
        err = awaitAll(futures, null);
        if (err != null) return fail("T trigger: " + err);
        if (aborts > 0) return false;
        arrayRead(plan);
        int[] dets = activeDetectors();
        int n = 0;
        float[] buf = new float[rec.mpts()];
        for (int dn : dets) {
            int k = rec.detPv[dn].readArray(buf, buf.length);
            n = Math.max(n, k);
            try (LockSet.Guard g = lock()) {
                System.arraycopy(buf, 0, rec.o[DCA[dn]], 0, k);
                rec.setLong(DNE[dn], k);
            }
        }
        try (LockSet.Guard g = lock()) {
            for (int p : plan.active) System.arraycopy(plan.points[p], 0, rec.o[PCA[p]], 0, Math.min(n, plan.npts));
            rec.setLong(CPT, n);
            pointsDone = n;
        }
        return true;
    }

    /** The array-read trigger A1 (before array detectors are read). */
    private void arrayRead(SscanPlan plan) throws InterruptedException {
        SscanPv a1 = rec.arrayPv;
        if (a1 == null) return;
        try (LockSet.Guard g = lock()) {
            rec.setLong(DSTATE, SscanMenus.TRIG_ARRAY_READ);
        }
        CompletableFuture<String> f = put(a1, rec.d[A1CD]);
        try (LockSet.Guard g = lock()) {
            rec.setLong(DSTATE, SscanMenus.ARRAY_READ_WAIT);
        }
        String err = awaitAll(List.of(f), null);
        if (err != null) fail("A1: " + err);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Before/after scan, retrace

    /** BSPV/ASPV: write the code, wait for its callback unless NoWait. False when the scan must end. */
    private boolean beforeOrAfter(SscanPv pv, int cdSlot, int waitSlot, int doPhase, int waitPhase)
            throws InterruptedException {
        if (pv == null) return true;
        setPhase(doPhase, true);
        boolean wait;
        double code;
        try (LockSet.Guard g = lock()) {
            wait = rec.l[waitSlot] == SscanMenus.WAIT;
            code = rec.d[cdSlot];
        }
        CompletableFuture<String> f = put(pv, code);
        if (!wait) return true;
        setPhase(waitPhase, true);
        String err = awaitAll(List.of(f), null);
        if (err != null) return fail(pv.name + ": " + err);
        return aborts < 2;
    }

    /** PASM: where the positioners go after the scan. */
    private void afterScanMove(SscanPlan plan, double[] prior) throws InterruptedException {
        long pasm;
        int refd;
        try (LockSet.Guard g = lock()) {
            pasm = rec.l[PASM];
            refd = (int) rec.l[REFD] - 1;
        }
        if (pasm == SscanMenus.PASM_STAY || plan.active.length == 0) return;
        double[] target = new double[NUM_POS];
        for (int p : plan.active) {
            if (pasm == SscanMenus.PASM_START) target[p] = plan.points[p][0];
            else if (pasm == SscanMenus.PASM_PRIOR) target[p] = prior[p];
            else {
                if (refd < 0 || refd >= NUM_DET || rec.detPv[refd] == null || pointsDone < 1) {
                    target[p] = Double.NaN;
                } else {
                    try (LockSet.Guard g = lock()) {
                        target[p] = SscanPeak.position((int) pasm, (double[]) rec.o[PCA[p]],
                                (float[]) rec.o[DCA[refd]], pointsDone);
                    }
                }
            }
        }
        setPhase(SscanMenus.RETRACE_MOVE, true);
        List<CompletableFuture<String>> futures = new ArrayList<>();
        List<SscanPv> targets = new ArrayList<>();
        boolean found = false;
        for (int p : plan.active) {
            if (Double.isNaN(target[p])) continue;
            found = true;
            futures.add(put(rec.posPv[p], target[p]));
            targets.add(rec.posPv[p]);
        }
        if (!found && pasm >= SscanMenus.PASM_PEAK) {
            endMessage = "SCAN Complete (no " + SscanMenus.PASM.choice((int) pasm) + ")";
            return;
        }
        setPhase(SscanMenus.WAIT_RETRACE, true);
        String err = awaitAll(futures, targets);
        if (err != null) fail("retrace: " + err);
    }

    // ------------------------------------------------------------------------------------------------------------
    // End of scan: arrays to the completed buffers and posted; then wait for a data client (AWAIT).

    private void publish() throws InterruptedException {
        int[] dets = activeDetectors();
        boolean waitClient = false;
        try (LockSet.Guard g = lock()) {
            if (dataValid) {
                int m = rec.mpts();
                int n = pointsDone;
                int copyTo = (int) rec.l[COPYTO];
                int padTo = copyTo < 0 ? m : Math.min(m, copyTo);
                for (int p = 0; p < NUM_POS; p++) {
                    double[] ca = (double[]) rec.o[PCA[p]];
                    if (n > 0) for (int i = n; i < padTo; i++) ca[i] = ca[n - 1];
                    System.arraycopy(ca, 0, rec.o[PRA[p]], 0, m);
                }
                for (int dn : dets) {
                    float[] ca = (float[]) rec.o[DCA[dn]];
                    if (n > 0) for (int i = n; i < padTo; i++) ca[i] = ca[n - 1];
                    System.arraycopy(ca, 0, rec.o[DDA[dn]], 0, m);
                }
                rec.setLong(DSTATE, SscanMenus.PACKED);
                for (int p = 0; p < NUM_POS; p++) {
                    rec.postO(PCA[p], ALL);
                    rec.postO(PRA[p], ALL);
                }
                for (int dn : dets) {
                    rec.postO(DCA[dn], ALL);
                    rec.postO(DDA[dn], ALL);
                    rec.postD(DCV[dn], ALL);
                }
                for (int p = 0; p < NUM_POS; p++) {
                    rec.postD(RCV[p], ALL);
                    rec.postD(PCV[p], ALL);
                    rec.postD(PDV[p], ALL);
                }
                rec.postL(CPT, ALL);
                rec.postD(VAL, ALL);
                rec.setLong(DSTATE, SscanMenus.POSTED);
                rec.setLong(DATA, 1);
                if (rec.l[AAWAIT] != 0) rec.setLong(AWAIT, 1);
                waitClient = rec.l[AWAIT] != 0;
            }
            rec.message(endMessage, endAlert);
            if (waitClient) rec.setLong(FAZE, SscanMenus.SCAN_DONE);
        }
        if (!waitClient) return;
        while (aborts < 2) {
            try (LockSet.Guard g = lock()) {
                if (rec.l[AWAIT] == 0) return;
            }
            synchronized (wakeLock) {
                wakeLock.wait(50);
            }
        }
    }

    /** The record finishes the scan (lock set held, in process()): idle, EXSC back to 0. */
    void finishLocked() {
        rec.lastAcqm = dataValid ? rec.l[ACQM] : rec.lastAcqm;
        rec.outerPoint = -1;
        rec.setLong(WTNG, 0);
        rec.setLong(FAZE, SscanMenus.IDLE);
        rec.l[XSC] = 0;
        rec.setLong(BUSY, 0);
        rec.setLong(EXSC, 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Waiting

    private CompletableFuture<String> put(SscanPv pv, double v) {
        CompletableFuture<String> f = new CompletableFuture<>();
        pv.put(v, err -> {
            f.complete(err);
            wake();
        });
        return f;
    }

    /**
     * Wait for all puts. On an abort the positioners still moving (targets) are told to STOP; a second abort stops
     * waiting. Returns the first error, or null.
     */
    private String awaitAll(List<CompletableFuture<String>> futures, List<SscanPv> targets)
            throws InterruptedException {
        boolean stopped = false;
        while (true) {
            boolean all = true;
            for (CompletableFuture<String> f : futures) if (!f.isDone()) { all = false; break; }
            if (all) break;
            if (aborts > 0 && !stopped && targets != null) {
                stopped = true;
                for (int k = 0; k < futures.size(); k++) {
                    if (futures.get(k).isDone()) continue;
                    SscanPv stop = targets.get(k).sibling("STOP");
                    if (stop != null) stop.put(1, e -> { });
                }
            }
            if (aborts >= 2) return null;
            synchronized (wakeLock) {
                boolean pending = false;
                for (CompletableFuture<String> f : futures) if (!f.isDone()) { pending = true; break; }
                if (pending) wakeLock.wait(50);
            }
        }
        for (CompletableFuture<String> f : futures) {
            String e = f.getNow(null);
            if (e != null) return e;
        }
        return null;
    }

    private void waitWhilePaused() throws InterruptedException {
        if (!paused) return;
        double rdly;
        try (LockSet.Guard g = lock()) {
            rec.message("Scan paused", false);
        }
        while (paused && aborts == 0) {
            synchronized (wakeLock) {
                if (paused && aborts == 0) wakeLock.wait(100);
            }
        }
        try (LockSet.Guard g = lock()) {
            rec.message("Scanning", false);
            rdly = rec.d[RDLY];
        }
        if (aborts == 0 && rdly > 0) sleep(rdly);
    }

    /** WAIT/WCNT: hold until every client that raised WAIT lowered it again. False on abort. */
    private boolean waitForWcnt() throws InterruptedException {
        boolean waiting = false;
        while (true) {
            try (LockSet.Guard g = lock()) {
                if (rec.l[WCNT] == 0) {
                    if (waiting) rec.setLong(WTNG, 0);
                    return true;
                }
                if (!waiting) {
                    waiting = true;
                    rec.setLong(WTNG, 1);
                }
            }
            if (aborts > 0) return false;
            synchronized (wakeLock) {
                wakeLock.wait(20);
            }
        }
    }

    private void delay(int slot) throws InterruptedException {
        double s = rec.d[slot];
        if (s > 0) sleep(s);
    }

    /** Sleep, but return early on an abort. */
    private void sleep(double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        while (aborts == 0) {
            long left = end - System.nanoTime();
            if (left <= 0) return;
            synchronized (wakeLock) {
                wakeLock.wait(Math.max(1, left / 1_000_000L), 0);
            }
        }
    }

    private void setPhase(int faze, boolean post) {
        try (LockSet.Guard g = lock()) {
            if (rec.l[FAZE] == faze) return;
            rec.l[FAZE] = faze;
            if (post) rec.postL(FAZE, ALL);
        }
    }
}
