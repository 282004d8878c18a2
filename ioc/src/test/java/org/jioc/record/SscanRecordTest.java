package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.LockSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** sscan record semantics with soft records as positioners and detectors (docs/sscan.md). */
class SscanRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    /** Positioner m (ao), detectors sq = m² and lin = 3m+1 (calc records following m). */
    private void softBeamline(String... scanFields) throws Exception {
        db = newDb();
        rec(db, "ao", "m", "FLNK", "sq");
        rec(db, "calc", "sq", "INPA", "m", "CALC", "A*A", "FLNK", "lin");
        rec(db, "calc", "lin", "INPA", "m", "CALC", "3*A+1");
        String[] base = {"MPTS", "50", "P1PV", "m", "D01PV", "sq", "D02PV", "lin"};
        String[] all = Arrays.copyOf(base, base.length + scanFields.length);
        System.arraycopy(scanFields, 0, all, base.length, scanFields.length);
        rec(db, "sscan", "s1", all);
    }

    private void runScan(String scan) throws Exception {
        assertEquals("done", putNotify(db, scan + ".EXSC", 1).get(20, TimeUnit.SECONDS));
    }

    private double[] dbl(String ch, int n) {
        FieldAddress a = addr(db, ch);
        try (LockSet.Guard g = a.lock()) {
            double[] out = new double[n];
            org.jioc.db.ArrayConvert.copy(a.record.arrayValue(a.field), 0, false, out, 0, n);
            assertEquals(a.record.arrayCount(a.field), ((FieldAddress) a).count());
            return out;
        }
    }

    @Test
    void linearParametersStayConsistentAndHonourFreezeFlags() throws Exception {
        softBeamline("FPTS", "NO");
        db.init();
        put(db, "s1.NPTS", 11);
        put(db, "s1.P1SP", 0);
        put(db, "s1.P1EP", 10);
        assertEquals(1.0, num(db, "s1.P1SI"), 1e-12, "new end keeps start and N: the step follows");
        assertEquals(5.0, num(db, "s1.P1CP"), 1e-12);
        assertEquals(10.0, num(db, "s1.P1WD"), 1e-12);
        put(db, "s1.P1SI", 2);
        assertEquals(20.0, num(db, "s1.P1EP"), 1e-12, "new step keeps start and N: the end moves");
        put(db, "s1.P1CP", 0);
        assertEquals(-10.0, num(db, "s1.P1SP"), 1e-12, "new center keeps the width");
        assertEquals(10.0, num(db, "s1.P1EP"), 1e-12);
        put(db, "s1.P1WD", 4);
        assertEquals(-2.0, num(db, "s1.P1SP"), 1e-12, "new width keeps the center");
        assertEquals(0.4, num(db, "s1.P1SI"), 1e-12);
        put(db, "s1.NPTS", 5);
        assertEquals(1.0, num(db, "s1.P1SI"), 1e-12, "new N keeps both ends");
        putStr(db, "s1.P1FI", "FREEZE");
        put(db, "s1.P1SP", 0);
        assertEquals(4.0, num(db, "s1.P1EP"), 1e-12, "frozen step: the end moves with the start");
        putStr(db, "s1.P1FE", "FREEZE");
        put(db, "s1.P1SP", 2);
        assertEquals(3.0, num(db, "s1.NPTS"), "frozen step and end: N follows");
        putStr(db, "s1.FPTS", "FREEZE");
        put(db, "s1.P1SP", 2.5);
        assertEquals(2.0, num(db, "s1.P1SP"), 1e-12, "all else frozen: the change is refused");
        assertEquals(1.0, num(db, "s1.ALRT"));
        putStr(db, "s1.FFO", "OVERRIDE");
        put(db, "s1.P1SP", 2.5);
        assertEquals(2.5, num(db, "s1.P1SP"), 1e-12, "OVERRIDE ignores the freeze flags");
        assertEquals(4.0, num(db, "s1.P1EP"), 1e-12);
    }

    @Test
    void linearScanFillsArraysAndPostsThemAtTheEnd() throws Exception {
        softBeamline("NPTS", "6", "P1SP", "0", "P1EP", "5");
        db.init();
        List<Integer> d1 = events(db, "s1.D01DA");
        runScan("s1");
        assertEquals(6.0, num(db, "s1.CPT"));
        assertEquals("SCAN Complete", str(db, "s1.SMSG"));
        assertEquals("IDLE", str(db, "s1.FAZE"));
        assertEquals(0.0, num(db, "s1.BUSY"));
        assertEquals(1.0, num(db, "s1.DATA"));
        assertEquals(0.0, num(db, "s1.EXSC"));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, dbl("s1.P1RA", 6), 1e-9);
        assertArrayEquals(new double[] {0, 1, 4, 9, 16, 25}, dbl("s1.D01DA", 6), 1e-6);
        assertArrayEquals(new double[] {1, 4, 7, 10, 13, 16}, dbl("s1.D02DA", 6), 1e-6);
        assertEquals(50, addr(db, "s1.D01DA").count(), "array fields always report MPTS elements");
        assertTrue(d1.stream().anyMatch(m -> (m & 2) != 0), "completed data posted with DBE_LOG");
        assertEquals(5.0, num(db, "m"), "PASM STAY leaves the positioner at the end");
    }

    @Test
    void tableScanUsesPnPaAndRefusesAShortTable() throws Exception {
        softBeamline("NPTS", "4", "P1SM", "TABLE");
        db.init();
        putArray(db, "s1.P1PA", new double[] {3, -1, 7}, 3);
        runScan("s1");
        assertEquals(1.0, num(db, "s1.ALRT"));
        assertTrue(str(db, "s1.SMSG").contains("table"), str(db, "s1.SMSG"));
        putArray(db, "s1.P1PA", new double[] {3, -1, 7, 2}, 4);
        runScan("s1");
        assertEquals(0.0, num(db, "s1.ALRT"), str(db, "s1.SMSG"));
        assertArrayEquals(new double[] {3, -1, 7, 2}, dbl("s1.P1RA", 4), 1e-9);
        assertArrayEquals(new double[] {9, 1, 49, 4}, dbl("s1.D01DA", 4), 1e-6);
    }

    @Test
    void relativeScanReturnsToThePriorPositionAndPeakFindsTheMaximum() throws Exception {
        softBeamline("NPTS", "5", "P1SP", "-2", "P1EP", "2", "P1AR", "RELATIVE", "PASM", "PRIOR POS");
        db.init();
        put(db, "m", 3);
        runScan("s1");
        assertArrayEquals(new double[] {1, 2, 3, 4, 5}, dbl("s1.P1RA", 5), 1e-9);
        assertEquals(3.0, num(db, "s1.P1PP"), 1e-9);
        assertEquals(3.0, num(db, "m"), 1e-9, "PRIOR POS: back where it started");
    }

    @Test
    void pasmPeakValleyEdgeAndCentroid() throws Exception {
        db = newDb();
        rec(db, "ao", "m", "FLNK", "g");
        rec(db, "calc", "g", "INPA", "m", "CALC", "10-(A-1)*(A-1)");
        rec(db, "sscan", "s1", "MPTS", "20", "P1PV", "m", "D01PV", "g", "NPTS", "9", "P1SP", "-3", "P1EP", "5",
                "PASM", "PEAK POS", "REFD", "1");
        db.init();
        runScan("s1");
        assertEquals(1.0, num(db, "m"), 1e-9, "peak at 1");
        putStr(db, "s1.PASM", "VALLEY POS");
        runScan("s1");
        assertEquals(-3.0, num(db, "m"), 1e-9, "valley at the low end");
        putStr(db, "s1.PASM", "CNTR OF MASS");
        runScan("s1");
        double sw = 0, swx = 0;
        for (int x = -3; x <= 5; x++) { double w = 10 - (x - 1) * (x - 1); sw += w; swx += w * x; }
        assertEquals(swx / sw, num(db, "m"), 1e-6);
        putStr(db, "s1.PASM", "+EDGE POS");
        runScan("s1");
        assertEquals(-2.5, num(db, "m"), 1e-9, "steepest rise between -3 and -2");
        putStr(db, "s1.PASM", "START POS");
        runScan("s1");
        assertEquals(-3.0, num(db, "m"), 1e-9);
    }

    /** A positioner that takes 0.1 s per move: ao setting a busy record (through a calcout) that HIGH drops. */
    private void slowBeamline(String... scanFields) throws Exception {
        db = newDb();
        rec(db, "ao", "m", "FLNK", "arm");
        rec(db, "calcout", "arm", "CALC", "1", "OUT", "b PP");
        rec(db, "busy", "b", "HIGH", "0.1");
        rec(db, "calc", "det", "INPA", "m", "CALC", "A");
        String[] base = {"MPTS", "50", "P1PV", "m", "D01PV", "det", "NPTS", "20", "P1SP", "1", "P1EP", "20"};
        String[] all = Arrays.copyOf(base, base.length + scanFields.length);
        System.arraycopy(scanFields, 0, all, base.length, scanFields.length);
        rec(db, "sscan", "s1", all);
        db.init();
    }

    @Test
    void exscPutCallbackCompletesOnlyAtTheEndOfTheScan() throws Exception {
        slowBeamline("NPTS", "5", "P1EP", "5");
        CompletableFuture<String> done = putNotify(db, "s1.EXSC", 1);
        Thread.sleep(200);
        assertFalse(done.isDone(), "the scan is still running");
        assertEquals(1.0, num(db, "s1.BUSY"));
        assertEquals("done", done.get(10, TimeUnit.SECONDS));
        assertEquals(5.0, num(db, "s1.CPT"));
        assertEquals(0.0, num(db, "s1.BUSY"));
    }

    @Test
    void abortStopsThePointLoop() throws Exception {
        slowBeamline();
        CompletableFuture<String> done = putNotify(db, "s1.EXSC", 1);
        waitFor("a few points", 5000, () -> num(db, "s1.CPT") >= 2);
        put(db, "s1.EXSC", 0);
        assertEquals("done", done.get(5, TimeUnit.SECONDS));
        double cpt = num(db, "s1.CPT");
        assertTrue(cpt < 20, "stopped early at " + cpt);
        assertEquals("Scan aborted", str(db, "s1.SMSG"));
        assertEquals("IDLE", str(db, "s1.FAZE"));
        assertEquals(0.0, num(db, "s1.BUSY"));
        Thread.sleep(300);
        assertEquals(cpt, num(db, "s1.CPT"), "nothing more after the abort");
    }

    @Test
    void pauseHoldsTheScanAndGoResumesIt() throws Exception {
        slowBeamline("NPTS", "8", "P1EP", "8");
        CompletableFuture<String> done = putNotify(db, "s1.EXSC", 1);
        waitFor("a point", 5000, () -> num(db, "s1.CPT") >= 1);
        putStr(db, "s1.PAUS", "PAUSE");
        Thread.sleep(300);
        double held = num(db, "s1.CPT");
        Thread.sleep(400);
        assertEquals(held, num(db, "s1.CPT"), "no points while paused");
        assertFalse(done.isDone());
        assertEquals("Scan paused", str(db, "s1.SMSG"));
        putStr(db, "s1.PAUS", "GO");
        assertEquals("done", done.get(10, TimeUnit.SECONDS));
        assertEquals(8.0, num(db, "s1.CPT"));
    }

    @Test
    void aScanOutsideThePositionersLimitsIsRefusedBeforeAnythingMoves() throws Exception {
        db = newDb();
        rec(db, "ao", "m", "DRVH", "5", "DRVL", "-5");
        rec(db, "sscan", "s1", "MPTS", "20", "P1PV", "m", "NPTS", "11", "P1SP", "0", "P1EP", "10");
        db.init();
        List<Integer> moves = events(db, "m");
        runScan("s1");
        assertEquals(1.0, num(db, "s1.ALRT"));
        assertEquals("P1 pt 7 6 > HR 5", str(db, "s1.SMSG"));
        assertEquals(0.0, num(db, "s1.CPT"));
        assertTrue(moves.isEmpty(), "the positioner was never written: " + moves);
        assertEquals(5.0, num(db, "s1.P1HR"));
        assertEquals(-5.0, num(db, "s1.P1LR"));
        putStr(db, "s1.CMND", "Check limits");
        assertEquals("P1 pt 7 6 > HR 5", str(db, "s1.SMSG"));
        put(db, "s1.P1EP", 5);
        putStr(db, "s1.CMND", "Check limits");
        assertEquals("Limits OK", str(db, "s1.SMSG"));
        assertEquals(0.0, num(db, "s1.ALRT"));
    }

    @Test
    void aClosedRunGateRefusesTheScanBeforeAnythingMoves() throws Exception {
        db = newDb();
        rec(db, "ao", "m");
        rec(db, "bo", "permit", "ZNAM", "Off", "ONAM", "On");
        rec(db, "sscan", "s1", "MPTS", "20", "P1PV", "m", "NPTS", "3", "P1SP", "0", "P1EP", "2",
                "GATE", "permit == 1");
        db.init();
        List<Integer> moves = events(db, "m");
        runScan("s1");
        assertEquals(1.0, num(db, "s1.ALRT"));
        assertEquals("Gate: permit is Off", str(db, "s1.SMSG"));
        assertEquals(0.0, num(db, "s1.CPT"));
        assertTrue(moves.isEmpty(), "the positioner was never written: " + moves);
        put(db, "permit", 1);
        runScan("s1");
        assertEquals(3.0, num(db, "s1.CPT"), "an open gate lets it run");
        putStr(db, "s1.GATE", "permit ==");
        runScan("s1");
        assertEquals("GATE: bad condition", str(db, "s1.SMSG"));
    }

    /** scan2 steps y and triggers scan1 (T1PV = scan1.EXSC), which steps x; a detector records (y, x). */
    private List<double[]> grid(boolean snake) throws Exception {
        db = newDb();
        rec(db, "ao", "x", "FLNK", "xy");
        rec(db, "ao", "y", "FLNK", "xy");
        rec(db, "calc", "xy", "INPA", "x", "INPB", "y", "CALC", "B*10+A");
        rec(db, "sscan", "scan1", "MPTS", "10", "P1PV", "x", "D01PV", "xy", "NPTS", "3", "P1SP", "1", "P1EP", "3",
                "SNAKE", snake ? "YES" : "NO");
        rec(db, "sscan", "scan2", "MPTS", "10", "P1PV", "y", "T1PV", "scan1.EXSC", "D01PV", "scan1.CPT",
                "NPTS", "2", "P1SP", "1", "P1EP", "2");
        db.init();
        List<double[]> rows = new CopyOnWriteArrayList<>();
        addr(db, "scan1.D01DA").subscribe((r, f, mask) -> {
            if ((mask & org.jioc.db.FieldListener.DBE_LOG) == 0) return;
            double[] row = new double[3];
            org.jioc.db.ArrayConvert.copy(r.arrayValue(f), 0, false, row, 0, 3);
            rows.add(row);
        });
        runScan("scan2");
        return new ArrayList<>(rows);
    }

    @Test
    void chainedScansTakeTheGridInBlueskyOrder() throws Exception {
        List<double[]> rows = grid(false);
        assertEquals(2, rows.size(), "one inner scan per outer point");
        assertArrayEquals(new double[] {11, 12, 13}, rows.get(0), 1e-6);
        assertArrayEquals(new double[] {21, 22, 23}, rows.get(1), 1e-6);
        assertEquals(2.0, num(db, "scan2.CPT"));
        assertArrayEquals(new double[] {1, 2}, dbl("scan2.P1RA", 2), 1e-9);
        assertArrayEquals(new double[] {3, 3}, dbl("scan2.D01DA", 2), 1e-9, "each outer point ran the whole inner scan");
        assertArrayEquals(new double[] {1, 2, 3}, dbl("scan1.P1RA", 3), 1e-9);
        assertArrayEquals(new double[] {21, 22, 23}, dbl("scan1.D01DA", 3), 1e-6, "last inner pass: y = 2, x forward");
    }

    @Test
    void snakeRunsTheInnerAxisBackwardsOnOddOuterPoints() throws Exception {
        List<double[]> rows = grid(true);
        assertEquals(2, rows.size());
        assertArrayEquals(new double[] {11, 12, 13}, rows.get(0), 1e-6, "outer point 0: forward");
        assertArrayEquals(new double[] {23, 22, 21}, rows.get(1), 1e-6, "outer point 1: backward");
        assertArrayEquals(new double[] {3, 2, 1}, dbl("scan1.P1RA", 3), 1e-9, "second pass backwards");
        assertArrayEquals(new double[] {23, 22, 21}, dbl("scan1.D01DA", 3), 1e-6);
        assertEquals(1.0, num(db, "x"), "x ends at the start of its row");
        put(db, "scan1.NPTS", 3);
        runScan("scan1");
        assertArrayEquals(new double[] {1, 2, 3}, dbl("scan1.P1RA", 3), 1e-9, "a scan on its own runs forward");
    }
}
