package org.jioc.security;

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
import org.jioc.db.FieldAddress;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** asSetFilename / asSetSubstitutions / iocInit / asInit and the listings, driven through the iocsh. */
class AccessSecurityCommandsTest {
    @TempDir
    Path dir;
    private Ioc ioc;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    private IocShell shell() {
        ioc = new Ioc(Map.of());
        ioc.addService(new AccessSecurityService(ioc.accessSecurity(), AcfParserTest.FAKE));
        return new IocShell(ioc, new PrintStream(buf, true, StandardCharsets.UTF_8), dir);
    }

    private String out() { return buf.toString(StandardCharsets.UTF_8); }

    @AfterEach
    void stop() {
        if (ioc != null) ioc.stop();
    }

    private void write(String name, String text) throws Exception {
        Files.writeString(dir.resolve(name), text);
    }

    private boolean canWrite(String ch, String user, String host) {
        FieldAddress a = ioc.database().resolve(ch);
        return ioc.accessSecurity().canWrite(a.record, a.field, user, host);
    }

    @Test
    void badFileStopsIocInitWithFileAndLine() throws Exception {
        write("t.db", "record(ao, \"x\") { }\n");
        write("bad.acf", "UAG(ops) {alice}\nASG(DEFAULT) {\n  RULE(1, WRITE) { UAG(opz) }\n}\n");
        write("st.cmd", "dbLoadRecords(\"t.db\")\nasSetFilename(\"bad.acf\")\niocInit\n");
        IocShell sh = shell();
        ShellException e = assertThrows(ShellException.class, () -> sh.runScript(Path.of("st.cmd")));
        assertTrue(e.getMessage().contains(dir.resolve("bad.acf") + ":3: No User Access Group named 'opz' defined"),
                e.getMessage());
        assertFalse(ioc.isInitialized(), "nothing is served");
    }

    @Test
    void loadListAndReload() throws Exception {
        write("t.db", "record(ao, \"x\") { field(ASG, \"G\") }\nrecord(bo, \"en\") { field(PINI, \"YES\") field(UDF, \"0\") }\n");
        write("good.acf", "UAG(ops) {$(WHO)}\nHAG(cr) {Console1}\nASG(G) {\n  INPA(en)\n"
                + "  RULE(1, WRITE, TRAPWRITE) { UAG(ops) CALC(\"A=0\") }\n}\n");
        write("st.cmd", "dbLoadRecords(\"t.db\")\nasSetFilename(\"good.acf\")\nasSetSubstitutions(\"WHO=alice\")\n"
                + "iocInit\n");
        IocShell sh = shell();
        sh.runScript(Path.of("st.cmd"));
        assertTrue(canWrite("x", "alice", "h"));
        assertFalse(canWrite("x", "bob", "h"));

        buf.reset();
        sh.execute("asprules");
        assertEquals("ASG(DEFAULT)\nASG(G) {\n\tINPA(en) value=0.000000\n\tRULE(1,WRITE,TRAPWRITE) {\n\t\tUAG(ops)\n"
                + "\t\tCALC(\"A=0\") result=TRUE\n\t}\n}\n", out());
        buf.reset();
        sh.execute("aspuag");
        sh.execute("asphag cr");
        assertEquals("UAG(ops) {alice}\nHAG(cr) {console1}\n", out());
        buf.reset();
        sh.execute("astac x alice h");
        assertEquals("astac x.VAL alice h: ASG(G) ASL0 get Yes put Yes TRAPWRITE\n", out());
        buf.reset();
        sh.execute("astac x.DESC bob h");
        assertEquals("astac x.DESC bob h: ASG(G) ASL1 get No put No\n", out());
        buf.reset();
        sh.execute("ascar 2");
        assertEquals("connected:yes    ASG(G) INPA en local\n1 channels 0 not connected\n", out());

        // a broken file keeps the rules in force and says where it is wrong
        write("good.acf", "UAG(ops) {bob}\nASG(G) {\n  RULE(1, WRITE) { UAG(ops) \n}\n");
        ShellException e = assertThrows(ShellException.class, () -> sh.execute("asInit"));
        assertEquals("asInit: " + dir.resolve("good.acf") + ":2: ASG(G) { is not closed (the previous rules stay in force)",
                e.getMessage());
        assertTrue(canWrite("x", "alice", "h"));
        // a good one replaces them
        write("good.acf", "UAG(ops) {bob}\nASG(G) {\n  RULE(1, WRITE) { UAG(ops) }\n}\n");
        sh.execute("asInit");
        assertFalse(canWrite("x", "alice", "h"));
        assertTrue(canWrite("x", "bob", "h"));
    }

    @Test
    void asInitNeedsAFileAtIocInit() throws Exception {
        write("t.db", "record(ao, \"x\") { }\n");
        IocShell sh = shell();
        ShellException early = assertThrows(ShellException.class, () -> sh.execute("asInit"));
        assertTrue(early.getMessage().contains("after iocInit"), early.getMessage());
        sh.execute("dbLoadRecords t.db");
        sh.execute("iocInit");
        ShellException e = assertThrows(ShellException.class, () -> sh.execute("asInit"));
        assertTrue(e.getMessage().contains("Was asSetFilename specified before iocInit?"), e.getMessage());
        assertTrue(canWrite("x", "anyone", "anywhere"));
    }
}
