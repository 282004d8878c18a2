package org.jioc.motion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import org.jioc.Ioc;
import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.LockSet;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The motorSim st.cmd commands, motor.template, and motors moving on the IOC's real motion thread. */
class MotionCommandsTest {
    private static final Path TEMPLATE = Path.of("..", "db-templates", "motor.template").toAbsolutePath();
    private Ioc ioc;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (ioc != null) ioc.stop();
    }

    private IocShell shell() {
        ioc = new Ioc(Map.of());
        ioc.addService(new MotionService(ioc.devices()));
        return new IocShell(ioc, new PrintStream(out, true, StandardCharsets.UTF_8), Path.of("."));
    }

    private static String error(IocShell sh, String line) {
        return assertThrows(ShellException.class, () -> sh.execute(line)).getMessage();
    }

    @Test
    void badArgumentsAreClearErrors() throws Exception {
        IocShell sh = shell();
        sh.execute("motorSimCreateController(\"S\", 2)");
        assertEquals("motorSimCreateController: port S already exists", error(sh, "motorSimCreateController(\"S\", 1)"));
        assertEquals("motorSimCreateController: number of axes must be 1..256, not 0",
                error(sh, "motorSimCreateController(\"T\", 0)"));
        assertEquals("motorSimConfigAxis: port S has axes 0..1, not 2",
                error(sh, "motorSimConfigAxis(\"S\", 2, 100, -100, 0, 0)"));
        assertEquals("motorSimConfigAxis: high limit -100 must be above low limit 100",
                error(sh, "motorSimConfigAxis(\"S\", 0, -100, 100, 0, 0)"));
        assertEquals("motorSimConfigAxis: 'x' is not a number", error(sh, "motorSimConfigAxis(\"S\", 0, x, 1, 0, 0)"));
        assertEquals("motorSimConfigAxis: no motor controller port 'Q'",
                error(sh, "motorSimConfigAxis(\"Q\", 0, 100, -100, 0, 0)"));
        assertEquals("motorSimFault: 'stall': expected following or clear", error(sh, "motorSimFault(\"S\", 0, stall)"));
        assertTrue(error(sh, "motorSimConfigAxis(\"S\", 0)").startsWith("usage: motorSimConfigAxis("));
        sh.execute("iocInit");
        assertEquals("motorSimCreateController: controllers must be created before iocInit",
                error(sh, "motorSimCreateController(\"U\", 1)"));
    }

    @Test
    void templateMotorsMoveOnTheMotionThreadAndShowReportsThem() throws Exception {
        IocShell sh = shell();
        sh.execute("motorSimCreateController(\"S\", 2)");
        sh.execute("motorSimConfigAxis(\"S\", 0, 50000, -50000, 1000, 0)");
        sh.execute("motorSimSetContinuous(\"S\", 1, 1)");
        sh.execute("dbLoadRecords(\"" + TEMPLATE + "\", \"P=t:,M=x,PORT=S,ADDR=0,MRES=0.001,EGU=mm,VELO=20,"
                + "DHLM=40,DLLM=-40\")");
        sh.execute("dbLoadRecords(\"" + TEMPLATE + "\", \"P=t:,M=r,PORT=S,ADDR=1,MRES=0.01,EGU=deg,VELO=720\")");
        sh.execute("iocInit");
        Database db = ioc.database();
        put(db, "t:x.VAL", 2.5);
        put(db, "t:r.VAL", 1080);
        waitFor(db, "t:x.RBV", 2.5);
        waitFor(db, "t:r.RBV", 1080);
        assertEquals(1, get(db, "t:x.DMOV"), 0);
        assertEquals(40.0, get(db, "t:x.HLM"), 0);
        out.reset();
        sh.execute("motorSimShow S");
        String show = out.toString(StandardCharsets.UTF_8);
        assertTrue(show.contains("motorSim port S (2 axes)"), show);
        assertTrue(show.contains("axis 0: position 2500.0  done  limits -50000.0..50000.0  home 1000.0"), show);
        assertTrue(show.contains("axis 1: position 108000.0  done  limits none (continuous)"), show);
        sh.execute("motorSimFault(\"S\", 0, following)");
        put(db, "t:x.VAL", 5);
        long deadline = System.currentTimeMillis() + 10_000;
        while (get(db, "t:x.SEVR") != 2 || get(db, "t:x.DMOV") != 1) {
            assertTrue(System.currentTimeMillis() < deadline, "the fault never showed");
            Thread.sleep(20);
        }
        out.reset();
        sh.execute("motorSimShow");
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("FAULT (following error)"));
    }

    private static void put(Database db, String ch, double v) throws Exception {
        FieldAddress a = db.resolve(ch);
        db.putField(a, r -> r.storeDouble(a.field, v));
    }

    private static double get(Database db, String ch) {
        FieldAddress a = db.resolve(ch);
        try (LockSet.Guard g = a.lock()) {
            return a.record.getDouble(a.field);
        }
    }

    private static void waitFor(Database db, String ch, double v) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (get(db, ch) != v) {
            assertTrue(System.currentTimeMillis() < deadline, ch + " never reached " + v + ": " + get(db, ch));
            Thread.sleep(20);
        }
    }
}
