package org.jioc.plan;

import static org.jioc.testing.InProcessIoc.until;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jioc.catalog.ExitStatus;
import org.jioc.catalog.RunEntry;
import org.jioc.catalog.RunFile;
import org.jioc.db.DbException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans run through their PVs in the test IOC: data, catalog records, refusals, StepScan extras, abort/pause. */
class PlanRunTest {
    static final String P = PlanTestIoc.P;
    @TempDir
    Path dir;
    PlanTestIoc t;

    @BeforeEach
    void start() throws Exception { t = new PlanTestIoc(dir); }

    @AfterEach
    void stop() { if (t != null) t.close(); }

    private void plan(String name, String detectors) throws DbException {
        t.put("Plan:PlanName", name);
        t.put("Plan:Detectors", detectors);
        t.put("Plan:Triggers", P + "trig.PROC");
    }

    private void motor(int n, String name, double start, double stop, int num) throws DbException {
        t.put("Plan:M" + n + ":Name", name.isEmpty() ? "" : P + name);
        t.put("Plan:M" + n + ":Start", "" + start);
        t.put("Plan:M" + n + ":Stop", "" + stop);
        t.put("Plan:M" + n + ":Num", "" + num);
    }

    private void run() throws Exception {
        CompletableFuture<DbException> done = t.start();
        assertNull(done.get(60, TimeUnit.SECONDS), "the put-callback on Start completes without error");
        assertEquals("Done", t.get("Plan:Start"));
    }

    private RunEntry lastRun() throws Exception {
        return t.catalog.runs().run(t.get("Plan:Uid")).orElseThrow();
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) r[i] = Math.round(v[i] * 1000) / 1000.0;
        return r;
    }

    @Test
    void scanThroughThePvsTakesEveryPointAndIsRecorded() throws Exception {
        plan("scan", P + "det1 " + P + "det2");
        motor(1, "m1", 0, 4, 1);
        motor(2, "m2", 10, 2, 1);
        t.put("Plan:Num", "5");
        t.put("Plan:Md", "{\"sample\": \"Si\"}");
        run();
        assertEquals("Done", t.get("Plan:Status"));
        assertTrue(t.get("Plan:Message").startsWith("Done: scan "), t.get("Plan:Message"));
        RunData d = t.writer.last;
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, round(d.column(P + "det1")));
        assertArrayEquals(new double[] {10, 8, 6, 4, 2}, round(d.column(P + "det2")));
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, round(d.column(P + "m1")));
        assertEquals(5, t.getLong("Plan:PointsDone"));
        assertEquals(5, t.getLong("Plan:PointsTotal"));
        assertEquals(100.0, t.getDouble("Plan:Progress"));
        RunEntry r = lastRun();
        assertEquals(t.getLong("Plan:ScanId"), r.scanId());
        assertEquals("scan", r.planName());
        assertEquals(ExitStatus.SUCCESS, r.exitStatus());
        assertEquals(5L, r.numEvents());
        assertEquals(5, r.numPoints());
        assertEquals(List.of(P + "m1", P + "m2"), r.motors());
        assertEquals("Si", r.startDoc().get("sample").asText());
        assertEquals(4, r.startDoc().get("num_intervals").asInt());
        assertEquals("success", r.stopDoc().get("exit_status").asText());
        assertEquals(List.of("/data/scan_" + r.scanId() + ".nxs", "/data/scan_" + r.scanId() + ".spec"),
                r.files().stream().map(RunFile::path).toList(), "the writer's files are in the catalog, once each");
    }

    @Test
    void scanIdsFollowEachOther() throws Exception {
        plan("count", P + "det1");
        t.put("Plan:Num", "2");
        run();
        long first = t.getLong("Plan:ScanId");
        run();
        assertEquals(first + 1, t.getLong("Plan:ScanId"));
        assertEquals("count", lastRun().planName());
        assertEquals(2L, lastRun().numEvents());
    }

    @Test
    void snakeGridTakesBlueskysOrder() throws Exception {
        plan("grid_scan", P + "det3");
        motor(1, "m1", 1, 3, 3);
        motor(2, "m2", 1, 2, 2);
        t.put("Plan:M2:Snake", "Yes");
        run();
        assertArrayEquals(new double[] {110, 120, 220, 210, 310, 320}, round(t.writer.last.column(P + "det3")));
        RunEntry r = lastRun();
        assertEquals("[3,2]", r.startDoc().get("shape").toString());
        assertEquals("[false,true]", r.startDoc().get("snaking").toString());
        assertEquals(6L, r.numEvents());
    }

    @Test
    void listScanVisitsTheListedPositions() throws Exception {
        plan("list_scan", P + "det1");
        t.put("Plan:M1:Name", P + "m1");
        t.ioc.database().putField(t.addr("Plan:M1:Positions"),
                rec -> rec.arrayPut(t.addr("Plan:M1:Positions").field, new double[] {3, -1, 2.5}, 3));
        run();
        assertArrayEquals(new double[] {3, -1, 2.5}, round(t.writer.last.column(P + "det1")));
    }

    @Test
    void relScanIsRelativeAndReturnsTheMotor() throws Exception {
        t.putCallback("ca:op@host", "m1", "5").get(10, TimeUnit.SECONDS);
        plan("rel_scan", P + "det1");
        motor(1, "m1", -1, 1, 1);
        t.put("Plan:Num", "3");
        run();
        assertArrayEquals(new double[] {4, 5, 6}, round(t.writer.last.column(P + "det1")));
        assertEquals(5.0, t.getDouble("m1.RBV"), 1e-6, "the motor is back where it was");
        assertEquals(5.0, lastRun().startDoc().at("/jioc_origin/" + P.replace("~", "~0").replace("/", "~1") + "m1")
                .asDouble(), 1e-6);
    }

    @Test
    void aTargetBeyondTheLimitsIsRefusedBeforeAnythingMoves() throws Exception {
        plan("scan", P + "det1");
        motor(1, "m1", 0, 60, 1);
        t.put("Plan:Num", "7");
        long sid = t.catalog.runs().lastScanId();
        List<String> moves = t.posts("m1");
        run();
        assertEquals("Failed", t.get("Plan:Status"));
        String msg = t.get("Plan:Message");
        assertTrue(msg.startsWith("Refused: " + P + "m1 point 6 of 7: target 60 is above its high limit 50"), msg);
        assertTrue(msg.endsWith("(nothing moved)"), msg);
        assertEquals(List.of(), moves, "nothing was written to the motor");
        assertEquals(sid, t.catalog.runs().lastScanId(), "a refused plan is no run");
    }

    @Test
    void aClosedGateRefusesAndAnOpenOneRuns() throws Exception {
        plan("scan", P + "det1");
        motor(1, "m1", 0, 1, 1);
        t.put("Plan:Num", "2");
        t.put("Plan:Gate", P + "Permit == 1");
        List<String> moves = t.posts("m1");
        List<String> pre = t.posts("Shutter");
        t.put("Plan:PreScan", P + "Shutter=Open");
        run();
        assertEquals("Failed", t.get("Plan:Status"));
        assertEquals("Refused: run gate '" + P + "Permit == 1' is not met (" + P + "Permit is Off) (nothing moved)",
                t.get("Plan:Message"));
        assertEquals(List.of(), moves);
        assertEquals(List.of(), pre, "not even the pre-scan actions ran");
        t.put("Permit", "On");
        run();
        assertEquals("Done", t.get("Plan:Status"));
        assertEquals("Open", t.get("Shutter"), "pre-scan action done");
    }

    @Test
    void theGateMacroIsTheDefaultRunGate() throws Exception {
        t.close();
        t = new PlanTestIoc(dir, true, Map.of("GATE", P + "Permit == 1"));
        assertEquals(P + "Permit == 1", t.get("Plan:Gate"));
        plan("scan", P + "det1");
        motor(1, "m1", 0, 1, 1);
        t.put("Plan:Num", "2");
        run();
        assertEquals("Failed", t.get("Plan:Status"), "the gate from the macro is checked");
    }

    @Test
    void breakpointsWriteTheDataSoFarRecordExtraPvsAndRunTheAtBreakActions() throws Exception {
        plan("scan", P + "det1");
        motor(1, "m1", 0, 5, 1);
        t.put("Plan:Num", "6");
        t.put("Plan:Breakpoints", "1 3");
        t.put("Plan:ExtraPvs", P + "Ring");
        t.put("Plan:AtBreak", P + "breaks.PROC=1");
        t.put("Plan:PostScan", P + "Shutter=Closed");
        t.put("Shutter", "Open");
        double breaks = t.getDouble("breaks");
        run();
        assertEquals(List.of("start 0 extras=1", "break 1 events=2 extras=2", "break 3 events=4 extras=3",
                "finish 6 success"), t.writer.calls);
        assertEquals(breaks + 2, t.getDouble("breaks"), "the at-break action ran at each breakpoint");
        List<RunData.ExtraPvs> x = t.writer.last.extraPvs();
        assertEquals(List.of(-1, 1, 3), x.stream().map(RunData.ExtraPvs::pointIndex).toList());
        assertEquals("102.5", x.get(2).values().get(P + "Ring"));
        assertEquals("Closed", t.get("Shutter"), "post-scan action done");
        assertEquals("[1,3]", lastRun().startDoc().at("/jioc/breakpoints").toString());
    }

    @Test
    void aBadReadingRedoesThePoint() throws Exception {
        plan("scan", P + "det1");
        motor(1, "m1", 0, 4, 1);
        t.put("Plan:Num", "5");
        t.put("Plan:PointCheck", P + "good == 1");
        double trig = t.getDouble("trig");
        t.put("badAt", "" + (long) (trig + 3));
        run();
        assertEquals("Done", t.get("Plan:Status"), t.get("Plan:Message"));
        assertEquals(trig + 6, t.getDouble("trig"), "5 points + 1 retry");
        RunData d = t.writer.last;
        assertEquals(5, d.events().size());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, round(d.column(P + "det1")));
        assertEquals(List.of(0, 1, 2, 3, 4), d.events().stream().map(RunData.Event::pointIndex).toList());
    }

    @Test
    void aTriggerDoneTooEarlyIsRetriedAndTheRunFailsAfterTheRetries() throws Exception {
        plan("count", P + "det1");
        t.put("Plan:Num", "2");
        t.put("Plan:Dwell", "1");
        t.put("Plan:Retries", "2");
        double trig = t.getDouble("trig");
        run();
        assertEquals("Failed", t.get("Plan:Status"));
        assertTrue(t.get("Plan:Message").startsWith("Failed: point 0 still bad after 2 retries: trigger " + P
                + "trig.PROC completed after"), t.get("Plan:Message"));
        assertEquals(trig + 3, t.getDouble("trig"), "first try + 2 retries");
        assertEquals(ExitStatus.FAIL, lastRun().exitStatus());
        // A trigger that takes its dwell passes.
        t.put("Plan:Triggers", P + "slowTrig.PROC");
        t.put("Plan:Dwell", "0.3");
        run();
        assertEquals("Done", t.get("Plan:Status"), t.get("Plan:Message"));
    }

    @Test
    void abortStopsTheMotorAndEndsTheRunAborted() throws Exception {
        plan("scan", P + "det1");
        motor(1, "slow", 0, 20, 1);
        t.put("Plan:Num", "2");
        CompletableFuture<DbException> done = t.start();
        until("moving to 20", () -> t.getDouble("slow.RBV") > 0.5);
        t.put("Plan:Abort", "Yes");
        assertNull(done.get(20, TimeUnit.SECONDS));
        assertEquals("Aborted", t.get("Plan:Status"));
        assertTrue(t.get("Plan:Message").startsWith("Aborted: by ca:op@host via " + P + "Plan:Abort"),
                t.get("Plan:Message"));
        assertEquals(1, t.getLong("slow.DMOV"));
        assertTrue(t.getDouble("slow.RBV") < 10, "stopped, not at 20: " + t.getDouble("slow.RBV"));
        until("Abort reads No", () -> t.get("Plan:Abort").equals("No"));
        RunEntry r = lastRun();
        assertEquals(ExitStatus.ABORT, r.exitStatus());
        assertEquals("abort", t.writer.stop.get("exit_status").asText());
    }

    @Test
    void pauseHoldsBeforeTheNextPointAndResumeGoesOn() throws Exception {
        plan("count", P + "det1");
        t.put("Plan:Num", "4");
        t.put("Plan:Delay", "0.3");
        CompletableFuture<DbException> done = t.start();
        until("first point", () -> t.getLong("Plan:PointsDone") >= 1);
        t.put("Plan:Pause", "Yes");
        until("Paused", () -> t.get("Plan:Status").equals("Paused"));
        long held = t.getLong("Plan:PointsDone");
        Thread.sleep(500);
        assertEquals(held, t.getLong("Plan:PointsDone"), "no point while paused");
        assertFalse(done.isDone());
        t.put("Plan:Resume", "Yes");
        assertNull(done.get(20, TimeUnit.SECONDS));
        assertEquals("Done", t.get("Plan:Status"));
        assertEquals(4, t.getLong("Plan:PointsDone"));
    }

    @Test
    void aQueuedScanRunsAndIsInTheCatalog() throws Exception {
        t.put("Queue:Command", "grid_scan");
        t.put("Queue:Arguments", "{\"detectors\": [\"" + P + "det3\"], \"triggers\": [\"" + P + "trig.PROC\"],"
                + " \"args\": [\"" + P + "m1\", 0, 1, 2, \"" + P + "m2\", 0, 2, 3], \"snake_axes\": true,"
                + " \"md\": {\"proposal\": 42}}");
        t.putCallback("ca:op@host", "Queue:Submit", "1").get(10, TimeUnit.SECONDS);
        until("the queued run", 30, () -> t.get("Queue:Message").contains("finished"));
        RunEntry r = lastRun();
        assertEquals("grid_scan", r.planName());
        assertEquals(ExitStatus.SUCCESS, r.exitStatus());
        assertEquals(42, r.startDoc().get("proposal").asInt());
        assertTrue(r.startDoc().at("/plan_args/snake_axes").asBoolean());
        assertArrayEquals(new double[] {0, 10, 20, 120, 110, 100}, round(t.writer.last.column(P + "det3")));
        assertEquals("Done", t.get("Plan:Status"), "a queued plan shows on the plan PVs");
        assertEquals("Done", t.get("Plan:Start"));
    }
}
