package org.jioc.hexapod;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jioc.Ioc;
import org.jioc.db.DbException;
import org.jioc.motion.MotionService;
import org.jioc.procedure.ProcedureService;
import org.jioc.shell.IocShell;
import org.jioc.testing.InProcessIoc;

/**
 * The hexapod test IOC in process: pv-definitions/test/hexapod.cmd (the six motor records, hexapod.template and the
 * HexapodReboot procedure) with the services it needs, in real time. Puts are made as a named client makes them.
 */
final class HexapodTestIoc extends InProcessIoc {
    static final String P = "t:";
    final IocShell shell;
    final HexapodService hexapods;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Boot time and reboot wait in seconds. */
    HexapodTestIoc(double bootSeconds, double waitSeconds) throws Exception {
        super(new Ioc(env(bootSeconds, waitSeconds)), P);
        Path top = top();
        ProcedureService procedures = new ProcedureService(ioc.model());
        ioc.addService(procedures);
        MotionService motion = new MotionService(ioc.devices());
        ioc.addService(motion);
        hexapods = new HexapodService(ioc.devices(), motion);
        ioc.addService(hexapods);
        procedures.register("hexapod_reboot", HexapodReboot::new);
        shell = new IocShell(ioc, new PrintStream(out, true, StandardCharsets.UTF_8), top);
        shell.runScript(top.resolve("pv-definitions/test/hexapod.cmd"));
    }

    private static Map<String, String> env(double bootSeconds, double waitSeconds) {
        Map<String, String> env = new HashMap<>();
        env.put("TOP", top().toString());
        env.put("P", P);
        env.put("BOOT", Double.toString(bootSeconds));
        env.put("WAIT", Double.toString(waitSeconds));
        return env;
    }

    static Path top() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("db-templates/hexapod.template"))) return d;
        }
        throw new IllegalStateException("db-templates/hexapod.template not found above " + Path.of("").toAbsolutePath());
    }

    HexapodController hexapod() { return hexapods.hexapod("HXP"); }

    String output() { return out.toString(StandardCharsets.UTF_8); }

    long msta(String motor) { return (long) getDouble(motor + ".MSTA"); }

    void put(String pv, String value) throws DbException { put("ca:op@host", pv, value); }

    /** A put-callback (ca_put_callback): the future completes with the callback (null: no error). */
    CompletableFuture<DbException> putCallback(String pv, String value) { return putCallback("ca:op@host", pv, value); }
}
