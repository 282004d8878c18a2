package org.jioc.motion;

import static org.jioc.procedure.ProcedureTestIoc.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jioc.db.DbException;
import org.jioc.procedure.ProcedureTestIoc;
import org.jioc.record.MotorStatus;
import org.jioc.shell.ShellException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * motor_homing on real motor records and simulated axes: one motor after another and all together, the end on the
 * home switch, abort in the middle (motors stopped, Aborted, busy Done), a disabled or faulted motor blocking the
 * start, and argument errors at iocInit.
 */
class MotorHomingTest {
    @TempDir
    Path dir;
    ProcedureTestIoc t;

    @AfterEach
    void stop() {
        if (t != null) t.close();
    }

    /**
     * h1: home switch at 5 mm, h2 at -3 mm, limit switches at +-10 mm (a search away from home turns there); slow:
     * home at 40 mm, 1 mm/s (several seconds away).
     */
    private ProcedureTestIoc ioc(String args) throws Exception {
        t = new ProcedureTestIoc(dir);
        t.ioc.addService(new MotionService(t.ioc.devices()));
        t.service.register("motor_homing", MotorHoming::new);
        t.shell.execute("motorSimCreateController(\"HT\", 3)");
        t.shell.execute("motorSimConfigAxis(\"HT\", 0, 10000, -10000, 5000, 0)");
        t.shell.execute("motorSimConfigAxis(\"HT\", 1, 10000, -10000, -3000, 0)");
        t.shell.execute("motorSimConfigAxis(\"HT\", 2, 100000, -100000, 40000, 0)");
        String motor = ProcedureTestIoc.dbTemplate("motor.template").toString();
        for (String m : List.of("h1,ADDR=0,HVEL=20", "h2,ADDR=1,HVEL=20", "slow,ADDR=2,HVEL=1")) {
            t.shell.execute("dbLoadRecords(\"" + motor + "\", \"P=t:,M=" + m
                    + ",PORT=HT,MRES=0.001,EGU=mm,ACCL=0.1,DHLM=90,DLLM=-90\")");
        }
        t.shell.execute("dbLoadRecords(\"" + ProcedureTestIoc.dbTemplate("motorSimFault.template")
                + "\", \"P=t:,M=h1,PORT=HT,ADDR=0\")");
        t.procedure("Home", "motor_homing", args);
        return t.init();
    }

    private static DbException completed(CompletableFuture<DbException> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    private void assertEnded(String status, String messageStart) {
        assertEquals(status, t.get("Home:Status"), () -> "message: " + t.get("Home:Message"));
        assertEquals("Done", t.get("Home:Start"), "the busy is Done whatever the ending");
        assertTrue(t.get("Home:Message").startsWith(messageStart),
                "message '" + t.get("Home:Message") + "' should start with '" + messageStart + "'");
    }

    private void assertHomed(String m, double home) {
        assertEquals(1, t.getLong(m + ".ATHM"), m + " on its home switch");
        assertEquals(home, t.getDouble(m + ".RBV"), 0.0011, m + " at its home position");
        assertTrue((t.getLong(m + ".MSTA") & MotorStatus.HOMED) != 0, m + " reports HOMED");
    }

    @Test
    void homesOneMotorAfterTheOtherAndEndsOnTheHomeSwitches() throws Exception {
        ioc("MOTORS=t:h1 t:h2");
        List<String> steps = t.posts("Home:Step");
        assertNull(completed(t.start("Home")));
        assertEnded("Done", "Done: 2 motors homed (t:h1 at 5.000 mm, t:h2 at -3.000 mm)");
        assertHomed("h1", 5);
        assertHomed("h2", -3);
        assertTrue(steps.containsAll(List.of("home t:h1", "home t:h2")), "steps seen: " + steps);
        assertEquals(2, t.getLong("Home:StepIndex"));
    }

    @Test
    void homesAllTogetherInOneStep() throws Exception {
        ioc("MOTORS=t:h1 t:h2,TOGETHER=1,DIRECTION=reverse");
        CompletableFuture<DbException> run = t.start("Home");
        until("both moving at once", () -> t.getLong("h1.DMOV") == 0 && t.getLong("h2.DMOV") == 0);
        assertEquals("home", t.get("Home:Step"));
        assertNull(completed(run));
        assertEnded("Done", "Done: 2 motors homed");
        assertHomed("h1", 5);
        assertHomed("h2", -3);
        assertEquals(1, t.getLong("Home:StepIndex"));
    }

    @Test
    void abortInTheMiddleStopsTheMotorAndEndsAborted() throws Exception {
        ioc("MOTORS=t:h1 t:slow");
        CompletableFuture<DbException> run = t.start("Home");
        until("the slow motor homing", () -> t.get("Home:Step").equals("home t:slow")
                && t.getDouble("slow.RBV") > 2);
        t.put("ca:bob@ws2", "Home:Abort", "1");
        completed(run);
        assertEnded("Aborted", "Aborted by ca:bob@ws2 via t:Home:Abort in step 'home t:slow'");
        until("the slow motor stopped", () -> t.getLong("slow.DMOV") == 1);
        double stoppedAt = t.getDouble("slow.RBV");
        assertTrue(stoppedAt < 20, "stopped well short of its home at 40 mm, not at " + stoppedAt);
        assertEquals(0, t.getLong("slow.ATHM"));
        assertEquals(0, t.getLong("slow.MSTA") & MotorStatus.HOMED, "not homed");
        assertHomed("h1", 5);
    }

    @Test
    void aDisabledMotorBlocksTheStartAndNothingMoves() throws Exception {
        ioc("MOTORS=t:h1 t:h2");
        t.put("ca:op@host", "h2_able", "1");
        until("precheck blocked", () -> t.get("Home:Precheck").equals("Blocked"));
        assertTrue(t.get("Home:PrecheckMessage").contains("t:h2 is disabled"), t.get("Home:PrecheckMessage"));
        completed(t.start("Home"));
        assertEnded("Failed", "Not started: t:h2 is disabled");
        assertEquals(0, t.getDouble("h1.RBV"), 0, "h1 did not move");
        assertEquals(0, t.getLong("Home:StepIndex"));
    }

    @Test
    void aFaultedMotorBlocksTheStart() throws Exception {
        ioc("MOTORS=t:h1");
        t.put("ca:op@host", "h1:SimFault", "1");
        t.put("ca:op@host", "h1.VAL", "1"); // the injected following error trips during this move
        until("PROBLEM reported", () -> (t.getLong("h1.MSTA") & MotorStatus.PROBLEM) != 0);
        until("precheck blocked", () -> t.get("Home:Precheck").equals("Blocked"));
        assertTrue(t.get("Home:PrecheckMessage").contains("t:h1 reports a controller problem"),
                t.get("Home:PrecheckMessage"));
        completed(t.start("Home"));
        assertEnded("Failed", "Not started: t:h1 reports a controller problem");
    }

    @Test
    void aMotorStoppedByHandEndsFailedOffTheHomeSwitch() throws Exception {
        ioc("MOTORS=t:slow");
        CompletableFuture<DbException> run = t.start("Home");
        until("homing", () -> t.getDouble("slow.RBV") > 1);
        t.put("ca:op@host", "slow.STOP", "1");
        completed(run);
        assertEnded("Failed", "Failed in step 'home t:slow': t:slow stopped off its home switch");
    }

    @Test
    void badArgumentsStopIocInit() {
        for (String[] c : new String[][] {
                {"MOTORS=t:h1 t:nosuch", "no record t:nosuch in this IOC"},
                {"MOTORS=t:h1_able", "t:h1_able is not a motor record"},
                {"MOTORS=t:h1,DIRECTION=up", "DIRECTION=up: expected forward or reverse"},
                {"MOTORS=t:h1 t:h1", "names a motor twice"},
                {"DIRECTION=forward", "argument MOTORS is missing"}}) {
            ShellException e = assertThrows(ShellException.class, () -> ioc(c[0]), c[0]);
            String all = e.getMessage() + t.output();
            assertTrue(all.contains(c[1]), c[0] + ": " + all);
            assertFalse(all.isEmpty());
            t.close();
            t = null;
        }
    }
}
