package org.jioc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jioc.Ioc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IocShellTest {
    @TempDir
    Path dir;
    private Ioc ioc;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    private IocShell shell() {
        ioc = new Ioc(Map.of("HOME_DIR", dir.toString()));
        return new IocShell(ioc, new PrintStream(buf, true, StandardCharsets.UTF_8), dir);
    }

    private String out() { return buf.toString(StandardCharsets.UTF_8); }

    @AfterEach
    void stop() {
        if (ioc != null) ioc.stop();
    }

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void scriptLoadsRecordsWithMacrosAndInitialises() throws Exception {
        write("a.db", "record(ao, \"$(P)out\") { field(OUT, \"$(P)in PP\") field(VAL, \"2\") field(PINI, YES) }\n"
                + "record(ai, \"$(P)in\") { field(EGU, \"mm\") }\n");
        write("st.cmd", "# comment\nepicsEnvSet(\"PRE\", \"t:\")\ndbLoadRecords(\"a.db\", \"P=$(PRE)\")\niocInit\n");
        IocShell sh = shell();
        sh.runScript(Path.of("st.cmd"));
        assertTrue(ioc.isInitialized());
        assertEquals(2.0, ioc.database().record("t:in").getDouble(ioc.database().record("t:in").type().field("VAL")));
        buf.reset();
        sh.execute("dbpf t:out 4.5");
        assertTrue(out().contains("DBF_DOUBLE:"), out());
        buf.reset();
        sh.execute("dbgf t:in");
        assertEquals("DBF_DOUBLE:         4.5", out().strip());
        buf.reset();
        sh.execute("dbgf t:in.EGU");
        assertEquals("DBF_STRING:         \"mm\"", out().strip());
        buf.reset();
        sh.execute("dbl ai");
        assertEquals("t:in", out().strip());
        buf.reset();
        sh.execute("dbl \"\" t:o*");
        assertEquals("t:out", out().strip());
        buf.reset();
        sh.execute("dbpr t:in");
        assertTrue(out().contains("NAME: t:in"), out());
        assertTrue(out().contains("VAL: 4.5"), out());
        assertFalse(out().contains("EGU:"), "EGU is above level 0");
        buf.reset();
        sh.execute("dbpr t:in 1");
        assertTrue(out().contains("EGU: mm"), out());
    }

    @Test
    void bothCommandSyntaxesWork() throws Exception {
        write("a.db", "record(ai, \"x\") {}\n");
        IocShell sh = shell();
        sh.execute("dbLoadRecords a.db");
        sh.execute("iocInit()");
        sh.execute("dbpf(\"x\", \"3\")");
        buf.reset();
        sh.execute("dbgf x");
        assertTrue(out().contains("3"));
    }

    @Test
    void failingLineInScriptReportsFileAndLine() throws Exception {
        write("st.cmd", "epicsEnvSet(A, 1)\n\nnoSuchCommand(1)\niocInit\n");
        IocShell sh = shell();
        ShellException e = assertThrows(ShellException.class, () -> sh.runScript(Path.of("st.cmd")));
        assertEquals(dir.resolve("st.cmd") + ":3: Command noSuchCommand not found.", e.getMessage());
        assertFalse(ioc.isInitialized());
    }

    @Test
    void databaseErrorKeepsItsOwnLocation() throws Exception {
        write("bad.db", "record(ai, \"x\") {\n  field(VAL, \"1\")\n  field(NOPE, \"2\")\n}\n");
        write("st.cmd", "dbLoadRecords(\"bad.db\")\niocInit\n");
        IocShell sh = shell();
        ShellException e = assertThrows(ShellException.class, () -> sh.runScript(Path.of("st.cmd")));
        assertTrue(e.getMessage().matches(".*bad\\.db:3: record x \\(ai\\) has no settable field NOPE"), e.getMessage());
        assertFalse(ioc.isInitialized());
    }

    @Test
    void unknownRecordTypeAndBadValueAreReportedAtTheirLines() throws Exception {
        write("bad.db", "record(nosuch, \"x\") {}\nrecord(ao, \"y\") {\n  field(SCAN, \"7 second\")\n}\n");
        write("st.cmd", "dbLoadRecords(\"bad.db\")\niocInit\n");
        IocShell sh = shell();
        ShellException e = assertThrows(ShellException.class, () -> sh.runScript(Path.of("st.cmd")));
        assertTrue(e.getMessage().contains("bad.db:1: record type 'nosuch' not found"), e.getMessage());
        assertTrue(e.getMessage().contains("bad.db:3: bad value '7 second' for y.SCAN"), e.getMessage());
        assertNull(ioc.database());
    }

    @Test
    void badLinkTargetAtInitNamesTheFieldDeclaration() throws Exception {
        write("bad.db", "record(ai, \"x\") {\n  field(INP, \"y.NOPE\")\n}\nrecord(ai, \"y\") {}\n");
        write("st.cmd", "dbLoadRecords(\"bad.db\")\niocInit\n");
        IocShell sh = shell();
        ShellException e = assertThrows(ShellException.class, () -> sh.runScript(Path.of("st.cmd")));
        assertTrue(e.getMessage().contains("bad.db:2: x.INP: link target 'y.NOPE'"), e.getMessage());
    }

    @Test
    void includedScriptAndCdResolveRelativePaths() throws Exception {
        Files.createDirectories(dir.resolve("sub"));
        write("sub/x.db", "record(ai, \"inc\") {}\n");
        write("sub/inner.cmd", "dbLoadRecords(\"x.db\")\n");
        write("st.cmd", "cd sub\n< inner.cmd\niocInit\n");
        IocShell sh = shell();
        sh.runScript(Path.of("st.cmd"));
        assertTrue(ioc.database().record("inc") != null);
    }

    @Test
    void envShowAndUndefinedVariable() throws Exception {
        IocShell sh = shell();
        sh.execute("epicsEnvSet FOO bar");
        sh.execute("epicsEnvShow FOO");
        assertEquals("FOO=bar", out().strip());
        assertThrows(ShellException.class, () -> sh.execute("epicsEnvSet X $(UNDEFINED_VAR_FOR_TEST)"));
    }

    @Test
    void dbCommandsBeforeIocInitSayWhy() {
        IocShell sh = shell();
        ShellException e = assertThrows(ShellException.class, () -> sh.execute("dbgf x"));
        assertTrue(e.getMessage().contains("iocInit"));
    }
}
