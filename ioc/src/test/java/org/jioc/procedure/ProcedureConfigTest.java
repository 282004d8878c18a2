package org.jioc.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.jioc.shell.ShellException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wrong binding stops iocInit with file:line and what is wrong; nothing is served. */
class ProcedureConfigTest {
    @TempDir
    Path dir;
    ProcedureTestIoc t;

    @AfterEach
    void stop() {
        if (t != null) t.close();
    }

    private String initError() {
        ShellException e = assertThrows(ShellException.class, () -> t.init());
        assertNull(t.ioc.database(), "nothing may start");
        return e.getMessage();
    }

    private String template() { return ProcedureTestIoc.template().toString(); }

    @Test
    void unknownImplementationListsTheKnownOnes() throws Exception {
        t = new ProcedureTestIoc(dir).procedure("X", "no_such", "");
        assertTrue(initError().contains(template() + ":10: t:X:Start: unknown procedure 'no_such' in info(procedure)"
                + " (known: dwell, wait_and_set)"));
    }

    @Test
    void badAndUnknownArguments() throws Exception {
        t = new ProcedureTestIoc(dir).procedure("A", "dwell", "SECONDS=soon").procedure("B", "dwell", "")
                .procedure("C", "dwell", "SECONDS=1,SECOND=2").procedure("D", "dwell", "SECONDS=-1")
                .procedure("E", "wait_and_set", "WAIT=t:nothing == 1,SET=t:E:Abort,VALUE=1")
                .procedure("F", "dwell", "SECONDS=1,REQUIRE=t:F:Abort = 1");
        String e = initError();
        assertTrue(e.contains("t:A:Start: argument SECONDS=soon is not a number"), e);
        assertTrue(e.contains("t:B:Start: argument SECONDS is missing"), e);
        assertTrue(e.contains("t:C:Start: unknown argument SECOND for procedure 'dwell'"), e);
        assertTrue(e.contains("t:D:Start: argument SECONDS must be >= 0 seconds, not -1.0"), e);
        assertTrue(e.contains("t:E:Start: argument WAIT: no PV t:nothing in this IOC"), e);
        assertTrue(e.contains("t:F:Start: argument REQUIRE: condition 't:F:Abort = 1' has no operator"), e);
    }

    @Test
    void theWholePvSetMustBeThere() throws Exception {
        t = new ProcedureTestIoc(dir).records("partial.db", """
                record(busy, "$(P)Lonely:Start") { info(procedure, "dwell") info(procedureArgs, "SECONDS=1") }
                record(bo, "$(P)NotBusy:Start") { info(procedure, "dwell") }
                """);
        String e = initError();
        assertTrue(e.contains("partial.db:1: t:Lonely:Start: record t:Lonely:Abort is missing"), e);
        assertTrue(e.contains("partial.db:2: t:NotBusy:Start: info(procedure) belongs on the busy record"
                + " <name>:Start, not on a bo record"), e);
    }

    @Test
    void statusMustHaveTheFiveStatesInOrder() throws Exception {
        t = new ProcedureTestIoc(dir).procedure("S", "dwell", "SECONDS=1")
                .records("status.db", "record(mbbi, \"$(P)S:Status\") { field(ONST, \"Busy\") }\n");
        assertTrue(initError().contains("t:S:Start: record t:S:Status must have the states Idle, Running, Done,"
                + " Failed, Aborted in that order, not Idle, Busy, Done, Failed, Aborted"));
    }

    @Test
    void implementationNamesAreSnakeCaseAndUnique() {
        ProcedureService s = new ProcedureService();
        assertEquals("procedure name 'MotorHoming' is not snake_case", assertThrows(IllegalArgumentException.class,
                () -> s.register("MotorHoming", a -> run -> { })).getMessage());
        assertEquals("procedure 'dwell' is already registered", assertThrows(IllegalArgumentException.class,
                () -> s.register("dwell", a -> run -> { })).getMessage());
    }
}
