package org.jioc.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dbtr, dbnr, dbior, scanppl, dbgrep, dbla through the shell's command API. */
class DiagnosticCommandsTest {
    @TempDir
    Path dir;
    private Ioc ioc;
    private IocShell sh;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("d.db"), String.join("\n",
                "record(ao, \"t:out\") { field(VAL, \"1\") }",
                "record(calc, \"t:count\") { field(CALC, \"A+1\") field(INPA, \"t:count\") field(SCAN, \".5 second\") }",
                "record(ai, \"t:in\") { field(DTYP, \"Soft Channel\") field(SCAN, \"1 second\") }",
                "record(ai, \"t:raw\") { field(DTYP, \"Raw Soft Channel\") }",
                "alias(\"t:in\", \"t:alias\")", ""));
        ioc = new Ioc(Map.of());
        sh = new IocShell(ioc, new PrintStream(buf, true, StandardCharsets.UTF_8), dir);
        sh.execute("dbLoadRecords d.db");
        sh.execute("iocInit");
        buf.reset();
    }

    @AfterEach
    void stop() { ioc.stop(); }

    private String run(String line) throws ShellException {
        buf.reset();
        sh.execute(line);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dbtrProcessesAndPrintsLevel3() throws Exception {
        double before = ioc.database().record("t:count").getDouble(ioc.database().record("t:count").type().field("VAL"));
        String out = run("dbtr t:count");
        double after = ioc.database().record("t:count").getDouble(ioc.database().record("t:count").type().field("VAL"));
        assertTrue(after >= before + 1, "dbtr processed the record: " + before + " -> " + after);
        assertTrue(out.contains("CALC: A+1"), out);
        assertTrue(out.contains("PACT: 0"), "level 3 shows PACT: " + out);
        assertThrows(ShellException.class, () -> sh.execute("dbtr nope"));
    }

    @Test
    void dbnrCountsRecordsAndAliasesPerType() throws Exception {
        String out = run("dbnr");
        assertTrue(out.contains("Records  Aliases  Record Type"), out);
        assertTrue(out.matches("(?s).*\\n\\s+2\\s+1\\s+ai\\n.*"), out);
        assertTrue(out.matches("(?s).*\\n\\s+1\\s+0\\s+ao\\n.*"), out);
        assertTrue(out.contains("Total 4 records, 1 aliases"), out);
        assertFalse(out.contains(" bo\n"), "level 0 leaves out types without records: " + out);
        assertTrue(run("dbnr 1").contains(" bo\n"), "level 1 lists every type");
        assertThrows(ShellException.class, () -> sh.execute("dbnr x"));
    }

    @Test
    void dbiorListsDeviceSupportInUse() throws Exception {
        String out = run("dbior");
        assertTrue(out.matches("(?s).*ai\\s+\"Soft Channel\"\\s+1 record\\n.*"), out);
        assertTrue(out.matches("(?s).*ai\\s+\"Raw Soft Channel\"\\s+1 record\\n.*"), out);
        String one = run("dbior \"Raw Soft Channel\" 1");
        assertTrue(one.contains("    t:raw"), one);
        assertFalse(one.contains("t:in"), one);
    }

    @Test
    void scanpplShowsPeriodicLists() throws Exception {
        String out = run("scanppl");
        assertTrue(out.contains("Scan Period 1 second:\n    t:in\n"), out);
        assertTrue(out.contains("Scan Period .5 second:\n    t:count\n"), out);
        String half = run("scanppl 0.5");
        assertTrue(half.contains("t:count") && !half.contains("t:in"), half);
        assertTrue(run("scanppl 3").contains("no periodic scan list"));
    }

    @Test
    void dbgrepAndDbla() throws Exception {
        assertEquals("t:in\n", run("dbgrep t:i*"));
        assertEquals("t:alias -> t:in\n", run("dbla"));
    }

    @Test
    void newCommandsAreInHelp() throws Exception {
        String out = run("help");
        for (String c : new String[] {"dbtr", "dbnr", "dbior", "scanppl", "casr", "dbcar", "dbgrep", "dbla"}) {
            assertTrue(out.contains(c + " "), c + " in help: " + out);
        }
    }
}
