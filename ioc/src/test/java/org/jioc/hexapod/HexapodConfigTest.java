package org.jioc.hexapod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jioc.Ioc;
import org.jioc.motion.MotionService;
import org.jioc.procedure.ProcedureService;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad st.cmd lines, bad records and bad procedure arguments for the hexapod: each a clear error, nothing started. */
class HexapodConfigTest {
    @TempDir
    Path dir;
    private Ioc ioc;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (ioc != null) ioc.stop();
    }

    private IocShell shell() {
        ioc = new Ioc(Map.of());
        ProcedureService procedures = new ProcedureService(ioc.model());
        ioc.addService(procedures);
        ioc.addService(new MotionService(ioc.devices()));
        ioc.addService(new HexapodService(ioc));
        procedures.register("hexapod_reboot", HexapodReboot::new);
        return new IocShell(ioc, new PrintStream(out, true, StandardCharsets.UTF_8), dir);
    }

    private static String error(IocShell sh, String line) {
        return assertThrows(ShellException.class, () -> sh.execute(line)).getMessage();
    }

    @Test
    void badCommandsAreClearErrors() throws Exception {
        IocShell sh = shell();
        assertEquals("hexapodSimCreate: boot time 'soon' is not a number", error(sh, "hexapodSimCreate(\"H\", soon)"));
        assertEquals("hexapodSimCreate: boot time must be >= 0 s, not -1.0", error(sh, "hexapodSimCreate(\"H\", -1)"));
        sh.execute("motorSimCreateController(\"S\", 2)");
        assertEquals("hexapodSimCreate: port S already exists", error(sh, "hexapodSimCreate(\"S\", 1)"));
        sh.execute("hexapodSimCreate(\"H\", 1)");
        assertEquals("hexapodSimLock: 'jam': expected lock or clear", error(sh, "hexapodSimLock(\"H\", jam)"));
        assertEquals("hexapodSimLock: no hexapod port 'S'", error(sh, "hexapodSimLock(\"S\", lock)"));
        sh.execute("hexapodSimLock(\"H\", lock)");
        sh.execute("hexapodShow");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("hexapod H: Locked (boot 1 s)"), out.toString());
        sh.execute("motorSimConfigAxis(\"H\", 5, 100, -100, 0, 0)");
        assertEquals("motorSimConfigAxis: port H has axes 0..5, not 6",
                error(sh, "motorSimConfigAxis(\"H\", 6, 100, -100, 0, 0)"));
    }

    @Test
    void badRecordsStopIocInitNamingEachOne() throws Exception {
        IocShell sh = shell();
        sh.execute("hexapodSimCreate(\"H\", 1)");
        Path db = dir.resolve("bad.db");
        Files.writeString(db, """
                record(bi, "b1") { field(DTYP, "Hexapod") field(INP, "@asyn(H)WOBBLE") }
                record(bi, "b2") { field(DTYP, "Hexapod") field(INP, "@asyn(Q)LOCKED") }
                record(bo, "b3") { field(DTYP, "Hexapod") field(OUT, "@asyn(H)LOCKED") }
                record(bi, "b4") { field(DTYP, "Hexapod") field(INP, "@asyn(H)STATE") }
                record(mbbi, "b5") { field(DTYP, "Hexapod") field(INP, "3") }
                record(bi, "good") { field(DTYP, "Hexapod") field(INP, "@asyn(H)LOCKED") }
                """);
        sh.execute("dbLoadRecords(\"" + db + "\")");
        String m = assertThrows(ShellException.class, () -> sh.execute("iocInit")).getMessage();
        assertTrue(m.contains("b1: init_record: INP: unknown hexapod parameter 'WOBBLE'"), m);
        assertTrue(m.contains("b2: init_record: INP: no hexapod port 'Q' (hexapodSimCreate must come before iocInit)"), m);
        assertTrue(m.contains("b3: init_record: OUT: a bo cannot write hexapod parameter LOCKED"), m);
        assertTrue(m.contains("b4: init_record: INP: a bi cannot read hexapod parameter STATE"), m);
        assertTrue(m.contains("b5: init_record: INP must be @asyn(PORT)PARAM"), m);
        assertTrue(!m.contains("good"), m);
    }

    @Test
    void badProcedureArgumentsStopIocInit() throws Exception {
        IocShell sh = shell();
        sh.execute("hexapodSimCreate(\"H\", 1)");
        Path top = HexapodTestIoc.top();
        sh.execute("dbLoadRecords(\"" + top.resolve("db-templates/hexapod.template") + "\", \"P=h:,PORT=H\")");
        sh.execute("dbLoadRecords(\"" + top.resolve("db-templates/procedure.template")
                + "\", \"P=h:,NAME=Reboot,PROC=hexapod_reboot,ARGS='POWER=h:Power,ENABLE=h:Enable,STATE=h:State,"
                + "LOCKED=h:Locked,AXES=h:m1,WAIT=soon'\")");
        String m = assertThrows(ShellException.class, () -> sh.execute("iocInit")).getMessage();
        assertTrue(m.contains("h:Reboot:Start: argument AXES: no PV h:m1 in this IOC"), m);
    }
}
