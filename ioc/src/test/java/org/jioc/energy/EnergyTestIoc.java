package org.jioc.energy;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.jioc.Ioc;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.PutOrigin;
import org.jioc.motion.MotionService;
import org.jioc.procedure.ProcedureService;
import org.jioc.shell.IocShell;

/**
 * The energy test IOC (pv-definitions/test/energy.cmd: four fast simulated motors on a real-time controller, the
 * energy PVs and procedure) in process, with only the motion and procedure services; optionally on another table.
 * Puts are made as a named client would make them.
 */
final class EnergyTestIoc implements AutoCloseable {
    static final String P = "jioc:energy:";
    static final Path TOP = CalibrationTableTest.repo("pv-definitions/test/energy.cmd").getParent().getParent()
            .getParent();
    static final Path TEST_TABLE = TOP.resolve("pv-definitions/test/energy-test.json");

    final Ioc ioc = new Ioc(Map.of("TOP", TOP.toString()));
    final IocShell shell;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    EnergyTestIoc(Path dir) {
        ioc.addService(new MotionService(ioc.devices()));
        ProcedureService procedures = new ProcedureService(ioc.model());
        procedures.register("energy_setting", EnergySetting::new);
        ioc.addService(procedures);
        shell = new IocShell(ioc, new PrintStream(out, true, StandardCharsets.UTF_8), dir);
    }

    /** Run energy.cmd (iocInit included) with table in place of energy-test.json. */
    EnergyTestIoc start(Path dir, Path table) throws Exception {
        String cmd = Files.readString(TOP.resolve("pv-definitions/test/energy.cmd"))
                .replace("$(TOP)/pv-definitions/test/energy-test.json", table.toString());
        Path f = dir.resolve("energy.cmd");
        Files.writeString(f, cmd);
        shell.runScript(f);
        return this;
    }

    EnergyTestIoc start(Path dir) throws Exception { return start(dir, TEST_TABLE); }

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

    /** A plain put (ca_put) by the named client. */
    void put(String who, String pv, String value) throws DbException {
        FieldAddress a = addr(pv);
        try (PutOrigin.Scope s = PutOrigin.enter(who)) {
            ioc.database().putField(a, r -> r.storeString(a.field, value));
        }
    }

    void put(String pv, String value) throws DbException { put("ca:op@host", pv, value); }

    /** A put-callback (ca_put_callback) by the named client: the future completes with the callback. */
    CompletableFuture<DbException> putCallback(String who, String pv, String value) {
        FieldAddress a = addr(pv);
        CompletableFuture<DbException> done = new CompletableFuture<>();
        try (PutOrigin.Scope s = PutOrigin.enter(who)) {
            ioc.database().putFieldNotify(a, r -> r.storeString(a.field, value), done::complete);
        }
        return done;
    }

    /** Every value posted for pv from now on, to prove it was never touched. */
    List<String> posts(String pv) {
        List<String> seen = new CopyOnWriteArrayList<>();
        addr(pv).subscribe((r, f, mask) -> seen.add(r.getString(f)));
        return seen;
    }

    String output() { return out.toString(StandardCharsets.UTF_8); }

    /** Test-side polling until cond (the code under test never polls). */
    static void until(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out waiting for " + what);
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
