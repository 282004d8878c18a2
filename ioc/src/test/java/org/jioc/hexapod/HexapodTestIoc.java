package org.jioc.hexapod;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.jioc.Ioc;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.PutOrigin;
import org.jioc.motion.MotionService;
import org.jioc.procedure.ProcedureService;
import org.jioc.shell.IocShell;

/**
 * The hexapod test IOC in process: pv-definitions/test/hexapod.cmd (the six motor records, hexapod.template and the
 * HexapodReboot procedure) with the services it needs, in real time. Puts are made as a named client makes them.
 */
final class HexapodTestIoc implements AutoCloseable {
    static final String P = "t:";
    final Ioc ioc;
    final IocShell shell;
    final HexapodService hexapods;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** Boot time and reboot wait in seconds. */
    HexapodTestIoc(double bootSeconds, double waitSeconds) throws Exception {
        Path top = top();
        Map<String, String> env = new HashMap<>();
        env.put("TOP", top.toString());
        env.put("P", P);
        env.put("BOOT", Double.toString(bootSeconds));
        env.put("WAIT", Double.toString(waitSeconds));
        ioc = new Ioc(env);
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

    static Path top() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("db-templates/hexapod.template"))) return d;
        }
        throw new IllegalStateException("db-templates/hexapod.template not found above " + Path.of("").toAbsolutePath());
    }

    HexapodController hexapod() { return hexapods.hexapod("HXP"); }

    String output() { return out.toString(StandardCharsets.UTF_8); }

    FieldAddress addr(String pv) {
        FieldAddress a = ioc.database().resolve(P + pv);
        if (a == null) throw new IllegalArgumentException("no PV " + P + pv);
        return a;
    }

    String get(String pv) {
        FieldAddress a = addr(pv);
        try (var g = a.lock()) {
            return a.record.getString(a.field);
        }
    }

    double num(String pv) {
        FieldAddress a = addr(pv);
        try (var g = a.lock()) {
            return a.record.getDouble(a.field);
        }
    }

    long msta(String motor) { return (long) num(motor + ".MSTA"); }

    void put(String pv, String value) throws DbException {
        FieldAddress a = addr(pv);
        try (PutOrigin.Scope s = PutOrigin.enter("ca:op@host")) {
            ioc.database().putField(a, r -> r.storeString(a.field, value));
        }
    }

    /** A put-callback (ca_put_callback): the future completes with the callback (null: no error). */
    CompletableFuture<DbException> putCallback(String pv, String value) {
        FieldAddress a = addr(pv);
        CompletableFuture<DbException> done = new CompletableFuture<>();
        try (PutOrigin.Scope s = PutOrigin.enter("ca:op@host")) {
            ioc.database().putFieldNotify(a, r -> r.storeString(a.field, value), done::complete);
        }
        return done;
    }

    /** Test-side polling until cond (the code under test never polls). */
    static void until(String what, double seconds, BooleanSupplier cond) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + seconds + " s waiting for " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    @Override
    public void close() { ioc.stop(); }
}
