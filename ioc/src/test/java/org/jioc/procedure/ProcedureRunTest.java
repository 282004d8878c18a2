package org.jioc.procedure;

import static org.jioc.procedure.ProcedureTestIoc.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step API and the PV contract in one IOC: put with completion, wait with timeout, preconditions, dwell, abort
 * in the middle of each kind of step, and that Start (the busy) is Done again after every ending with Status and
 * Message saying why.
 */
class ProcedureRunTest {
    static final String DEVICES = """
            record(bo, "$(P)Ready") { field(ZNAM, "No") field(ONAM, "Yes") }
            record(bo, "$(P)Permit") { field(ZNAM, "Off") field(ONAM, "On") }
            record(busy, "$(P)Device") { field(HIGH, "0.4") }
            record(busy, "$(P)Slow") { field(HIGH, "30") }
            record(busy, "$(P)Fast") { field(HIGH, "0.2") }
            record(bo, "$(P)Stopped") { }
            """;
    static final String WAIT_SET = "WAIT=t:Ready == 1,TIMEOUT=5,SET=t:Device,VALUE=1";

    @TempDir
    Path dir;
    ProcedureTestIoc t;

    @AfterEach
    void stop() {
        if (t != null) t.close();
    }

    private ProcedureTestIoc ioc() throws Exception {
        t = new ProcedureTestIoc(dir);
        t.records("devices.db", DEVICES);
        return t;
    }

    private void assertEnded(String name, String status, String messageStart) {
        assertEquals(status, t.get(name + ":Status"));
        assertEquals("Done", t.get(name + ":Start"), "the busy is Done whatever the ending");
        assertTrue(t.get(name + ":Message").startsWith(messageStart),
                "message '" + t.get(name + ":Message") + "' should start with '" + messageStart + "'");
    }

    private static DbException completed(CompletableFuture<DbException> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    // -------------------------------------------------------------------------------------------------------------
    // Runs that end well

    @Test
    void startPutCallbackCompletesWhenTheDwellEnds() throws Exception {
        ioc().procedure("Dwell", "dwell", "SECONDS=0.3").init();
        assertEquals("Idle", t.get("Dwell:Status"));
        assertEquals("Ready", t.get("Dwell:Precheck"));
        long t0 = System.nanoTime();
        CompletableFuture<DbException> done = t.start("Dwell");
        until("Running", () -> t.get("Dwell:Status").equals("Running"));
        assertEquals("Start", t.get("Dwell:Start"));
        assertFalse(done.isDone(), "the put-callback stays open while the procedure runs");
        assertNull(completed(done));
        assertTrue(System.nanoTime() - t0 >= 300_000_000L, "completed before the dwell was over");
        assertEnded("Dwell", "Done", "Done: dwelled 0.3 s");
        assertEquals("dwell", t.get("Dwell:Step"));
        assertEquals(1, t.getLong("Dwell:StepIndex"));
        assertEquals("Ready", t.get("Dwell:Precheck"));
    }

    @Test
    void putWithCompletionWaitsForTheDeviceToFinish() throws Exception {
        ioc().procedure("WaitSet", "wait_and_set", WAIT_SET).init();
        t.put("ca:op@host", "Ready", "1");
        long t0 = System.nanoTime();
        assertNull(completed(t.start("WaitSet")));
        assertTrue(System.nanoTime() - t0 >= 400_000_000L, "the put returned before the device's 0.4 s were over");
        assertEnded("WaitSet", "Done", "Done: t:Device = 1");
        assertEquals("set", t.get("WaitSet:Step"));
        assertEquals(2, t.getLong("WaitSet:StepIndex"));
        assertEquals(0, t.getLong("Device"), "the device finished");
    }

    @Test
    void waitEndsWhenTheConditionBecomesTrue() throws Exception {
        ioc().procedure("WaitSet", "wait_and_set", WAIT_SET).init();
        CompletableFuture<DbException> done = t.start("WaitSet");
        // step() writes :Step, then :Message: wait for both.
        until("waiting", () -> t.get("WaitSet:Step").equals("wait")
                && t.get("WaitSet:Message").equals("Waiting for t:Ready == 1"));
        Thread.sleep(100);
        assertFalse(done.isDone());
        t.put("ca:op@host", "Ready", "1");
        assertNull(completed(done));
        assertEnded("WaitSet", "Done", "Done");
    }

    @Test
    void putAllCompletesWhenTheSlowestTargetHas() throws Exception {
        ioc();
        t.service.register("two_devices", a -> run -> {
            run.step("move", "moving both");
            Map<String, Object> moves = new LinkedHashMap<>();
            moves.put("t:Fast", 1);
            moves.put("t:Device", 1);
            run.putAll(moves, Duration.ofSeconds(5));
        });
        t.procedure("Two", "two_devices", "").init();
        long t0 = System.nanoTime();
        assertNull(completed(t.start("Two")));
        assertTrue(System.nanoTime() - t0 >= 400_000_000L, "done before the slower device (0.4 s)");
        assertEnded("Two", "Done", "Done");
        assertEquals(0, t.getLong("Fast"));
        assertEquals(0, t.getLong("Device"));
    }

    // -------------------------------------------------------------------------------------------------------------
    // Failures

    @Test
    void waitTimeoutFailsSayingWhatItWaitedForAndNothingIsSet() throws Exception {
        ioc().procedure("WaitSet", "wait_and_set", "WAIT=t:Ready == 1,TIMEOUT=0.3,SET=t:Device,VALUE=1").init();
        List<String> device = t.posts("Device");
        long t0 = System.nanoTime();
        assertNull(completed(t.start("WaitSet")));
        assertTrue(System.nanoTime() - t0 >= 300_000_000L);
        assertEnded("WaitSet", "Failed",
                "Failed in step 'wait': timed out after 0.3 s waiting for t:Ready == 1 (t:Ready is No)");
        assertEquals(List.of(), device);
    }

    @Test
    void putTimeoutFails() throws Exception {
        ioc().procedure("WaitSet", "wait_and_set", "WAIT=t:Ready == 0,SET=t:Slow,VALUE=1,PUT_TIMEOUT=0.2").init();
        assertNull(completed(t.start("WaitSet")));
        assertEnded("WaitSet", "Failed", "Failed in step 'set': put t:Slow = 1 did not complete within 0.2 s");
    }

    @Test
    void failingPreconditionFailsBeforeAnyStepAndPrecheckFollowsThePermit() throws Exception {
        ioc().procedure("WaitSet", "wait_and_set", WAIT_SET + ",REQUIRE=t:Permit == 1: the permit is off").init();
        until("precheck evaluated", () -> t.get("WaitSet:Precheck").equals("Blocked"));
        String reason = "the permit is off (t:Permit is Off, needs t:Permit == 1)";
        assertEquals(reason, t.get("WaitSet:PrecheckMessage"));
        t.put("ca:op@host", "Ready", "1");
        List<String> device = t.posts("Device");
        assertNull(completed(t.start("WaitSet")));
        assertEnded("WaitSet", "Failed", "Not started: " + reason);
        assertEquals(0, t.getLong("WaitSet:StepIndex"));
        assertEquals("", t.get("WaitSet:Step"));
        assertEquals(List.of(), device, "nothing may move when a precondition fails");
        t.put("ca:op@host", "Permit", "1");
        until("precheck Ready after the permit", () -> t.get("WaitSet:Precheck").equals("Ready"));
        assertEquals("Ready", t.get("WaitSet:PrecheckMessage"));
        assertNull(completed(t.start("WaitSet")));
        assertEnded("WaitSet", "Done", "Done");
    }

    @Test
    void failureInAStepAndAnInternalErrorBothLeaveTheBusyDone() throws Exception {
        ioc();
        t.service.register("checks_mid_way", a -> run -> {
            run.step("prepare");
            run.step("check", "checking the permit");
            run.require(Condition.equal("t:Permit", 1), "permit dropped");
            run.step("never");
        });
        t.service.register("throws", a -> run -> {
            run.step("broken");
            throw new IllegalStateException("bug");
        });
        t.procedure("Check", "checks_mid_way", "").procedure("Bug", "throws", "").init();
        assertNull(completed(t.start("Check")));
        assertEnded("Check", "Failed", "Failed in step 'check': permit dropped (t:Permit is Off, needs t:Permit == 1)");
        assertEquals(2, t.getLong("Check:StepIndex"));
        assertNull(completed(t.start("Bug")));
        assertEnded("Bug", "Failed", "Failed in step 'broken': internal error: java.lang.IllegalStateException: bug");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Abort in the middle of each kind of step

    private void abortMidway(String name, String step, String who) throws Exception {
        CompletableFuture<DbException> done = t.start(name);
        until("step " + step, () -> t.get(name + ":Step").equals(step));
        Thread.sleep(100);
        assertFalse(done.isDone());
        long t0 = System.nanoTime();
        t.put(who, name + ":Abort", "Yes");
        assertNull(completed(done));
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "abort took too long");
        assertEnded(name, "Aborted", "Aborted by " + who + " via t:" + name + ":Abort in step '" + step + "'");
        until("Abort back to No", () -> t.get(name + ":Abort").equals("No"));
    }

    @Test
    void abortDuringDwell() throws Exception {
        ioc().procedure("Dwell", "dwell", "SECONDS=30").init();
        abortMidway("Dwell", "dwell", "ca:alice@host2");
    }

    @Test
    void abortDuringWait() throws Exception {
        ioc().procedure("WaitSet", "wait_and_set", "WAIT=t:Ready == 1,SET=t:Device,VALUE=1").init();
        List<String> device = t.posts("Device");
        abortMidway("WaitSet", "wait", "pva:bob@host3");
        assertEquals(List.of(), device);
    }

    @Test
    void abortDuringPutRunsTheStepsStopHook() throws Exception {
        ioc().procedure("WaitSet", "wait_and_set", "WAIT=t:Ready == 0,SET=t:Slow,VALUE=1,STOP=t:Stopped,STOP_VALUE=1")
                .init();
        abortMidway("WaitSet", "set", "ca:alice@host2");
        assertEquals(1, t.getLong("Stopped"), "the abort hook of the step was called");
        assertEquals(1, t.getLong("Slow"), "the device itself is the hook's business");
    }

    @Test
    void abortHookBelongsToItsStepOnly() throws Exception {
        ioc();
        AtomicInteger stops = new AtomicInteger();
        t.service.register("two_steps", a -> run -> {
            run.step("first");
            run.onAbort(stops::incrementAndGet);
            run.step("second");
            run.dwell(Duration.ofSeconds(30));
        });
        t.procedure("Two", "two_steps", "").init();
        abortMidway("Two", "second", "iocsh");
        assertEquals(0, stops.get());
    }

    @Test
    void writingStartDoneAbortsAndSaysSo() throws Exception {
        ioc().procedure("Dwell", "dwell", "SECONDS=30").init();
        CompletableFuture<DbException> done = t.start("Dwell");
        until("dwelling", () -> t.get("Dwell:Step").equals("dwell"));
        t.put("ca:carol@host4", "Dwell:Start", "0");
        assertNull(completed(done));
        until("Aborted", () -> t.get("Dwell:Status").equals("Aborted"));
        assertEnded("Dwell", "Aborted",
                "Aborted by ca:carol@host4 via t:Dwell:Start setting it to Done in step 'dwell'");
    }

    @Test
    void abortWhileIdleChangesNothing() throws Exception {
        ioc().procedure("Dwell", "dwell", "SECONDS=0.05").init();
        assertNull(completed(t.start("Dwell")));
        t.put("ca:op@host", "Dwell:Abort", "Yes");
        until("Abort back to No", () -> t.get("Dwell:Abort").equals("No"));
        assertEquals("Done", t.get("Dwell:Status"));
        assertEquals("Done: dwelled 0.05 s", t.get("Dwell:Message"));
    }

    @Test
    void aProcedureRunsAgainAfterAnAbort() throws Exception {
        ioc().procedure("Dwell", "dwell", "SECONDS=0.2").init();
        CompletableFuture<DbException> first = t.start("Dwell");
        until("dwelling", () -> t.get("Dwell:Step").equals("dwell"));
        t.put("ca:op@host", "Dwell:Abort", "Yes");
        assertNull(completed(first));
        assertNull(completed(t.start("Dwell")));
        assertEnded("Dwell", "Done", "Done");
    }

    @Test
    void aSecondPutCallbackIsHeldAndThenRunsTheProcedureAgain() throws Exception {
        ioc().procedure("Dwell", "dwell", "SECONDS=0.3").init();
        AtomicInteger runs = new AtomicInteger();
        t.addr("Dwell:Status").subscribe((r, f, mask) -> {
            if (r.getString(f).equals("Running")) runs.incrementAndGet();
        });
        CompletableFuture<DbException> first = t.start("Dwell");
        until("running", () -> t.get("Dwell:Status").equals("Running"));
        CompletableFuture<DbException> second = t.putCallback("ca:other@host", "Dwell:Start", "1");
        assertNull(completed(first));
        assertFalse(second.isDone(), "the held put started the procedure again");
        assertNull(completed(second));
        assertEnded("Dwell", "Done", "Done");
        assertEquals(2, runs.get());
    }

    @Test
    void startedAgainWhileTheAbortedRunEndsRunsOnceMore() throws Exception {
        ioc().procedure("Dwell", "dwell", "SECONDS=0.5").init();
        List<String> statuses = t.posts("Dwell:Status");
        t.put("ca:op@host", "Dwell:Start", "1");
        until("dwelling", () -> t.get("Dwell:Step").equals("dwell"));
        t.put("ca:op@host", "Dwell:Start", "0");
        t.put("ca:op@host", "Dwell:Start", "1");
        until("aborted, then running again", () -> statuses.equals(List.of("Running", "Aborted", "Running")));
        assertEquals("Start", t.get("Dwell:Start"), "the busy stays Start for the new run");
        until("the busy Done", () -> t.get("Dwell:Start").equals("Done"));
        assertEnded("Dwell", "Done", "Done");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Gates and resources

    @Test
    void aResourceHeldByOneProcedureBlocksAnother() throws Exception {
        ioc();
        ProcedureFactory holdsHexapod = a -> {
            Duration hold = a.seconds("SECONDS");
            return new Procedure() {
                @Override
                public Set<String> resources() { return Set.of("hexapod"); }

                @Override
                public void run(ProcedureRun run) throws ProcedureException {
                    run.step("hold");
                    run.dwell(hold);
                }
            };
        };
        t.service.register("holds_hexapod", holdsHexapod);
        t.procedure("Reboot", "holds_hexapod", "SECONDS=30").procedure("Home", "holds_hexapod", "SECONDS=0").init();
        CompletableFuture<DbException> reboot = t.start("Reboot");
        until("holding", () -> t.get("Reboot:Step").equals("hold"));
        until("Home blocked", () -> t.get("Home:Precheck").equals("Blocked"));
        assertEquals("hexapod is in use by t:Reboot", t.get("Home:PrecheckMessage"));
        assertEquals("running", t.get("Reboot:PrecheckMessage"));
        assertNull(completed(t.start("Home")));
        assertEnded("Home", "Failed", "Not started: hexapod is in use by t:Reboot");
        t.put("ca:op@host", "Reboot:Abort", "Yes");
        assertNull(completed(reboot));
        until("Home ready", () -> t.get("Home:Precheck").equals("Ready"));
        assertNull(completed(t.start("Home")));
        assertEnded("Home", "Done", "Done");
    }

    @Test
    void aRunGateBlocksWithItsReasonAndIsWatched() throws Exception {
        ioc();
        t.service.addGate(new RunGate() {
            @Override
            public String check(ProcedureInfo p) {
                FieldAddress a = t.ioc.database().resolve("t:Permit");
                try (var g = a.lock()) {
                    return a.record.getLong(a.field) == 1 ? null : "hutch B not searched";
                }
            }

            @Override
            public List<String> watchedPvs() { return List.of("t:Permit"); }
        });
        t.procedure("Dwell", "dwell", "SECONDS=0").init();
        until("blocked", () -> t.get("Dwell:PrecheckMessage").equals("hutch B not searched"));
        assertNull(completed(t.start("Dwell")));
        assertEnded("Dwell", "Failed", "Not started: hutch B not searched");
        t.put("ca:op@host", "Permit", "1");
        until("ready", () -> t.get("Dwell:Precheck").equals("Ready"));
    }

    @Test
    void precheckProcEvaluatesAgain() throws Exception {
        ioc();
        AtomicInteger calls = new AtomicInteger();
        t.service.addGate(p -> {
            calls.incrementAndGet();
            return null;
        });
        t.procedure("Dwell", "dwell", "SECONDS=0").init();
        until("first precheck", () -> calls.get() > 0);
        int before = calls.get();
        t.put("ca:op@host", "Dwell:Precheck.PROC", "1");
        until("precheck after PROC", () -> calls.get() > before);
    }
}
