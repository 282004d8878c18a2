package org.jioc.procedure;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.jioc.Ioc;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.PutOrigin;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;

/**
 * An in-process IOC with only the procedure service: the real procedure.template (from db-templates/) loaded
 * through the shell, plus test records. Puts are made as a named client would make them. Public for the tests of
 * the beamline procedures in other packages.
 */
public final class ProcedureTestIoc implements AutoCloseable {
    public static final String P = "t:";
    public final Ioc ioc = new Ioc(Map.of());
    public final ProcedureService service = new ProcedureService(ioc.model());
    public final IocShell shell;
    private final Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** before: services installed ahead of the procedures (e.g. one providing remote links). */
    public ProcedureTestIoc(Path dir, org.jioc.IocService... before) {
        this.dir = dir;
        for (org.jioc.IocService s : before) ioc.addService(s);
        ioc.addService(service);
        shell = new IocShell(ioc, new PrintStream(out, true, StandardCharsets.UTF_8), dir);
    }

    public static Path template() { return dbTemplate("procedure.template"); }

    /** A file of db-templates/, found from the working directory up. */
    public static Path dbTemplate(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path t = d.resolve("db-templates").resolve(name);
            if (Files.exists(t)) return t;
        }
        throw new IllegalStateException("db-templates/" + name + " not found above " + Path.of("").toAbsolutePath());
    }

    /** Load one procedure PV set: P + name, implementation, arguments. */
    public ProcedureTestIoc procedure(String name, String impl, String args) throws ShellException {
        shell.execute("dbLoadRecords(\"" + template() + "\", \"P=" + P + ",NAME=" + name + ",PROC=" + impl
                + ",ARGS='" + args + "'\")");
        return this;
    }

    /** Load records given as .db text (P macro available). */
    public ProcedureTestIoc records(String fileName, String db) throws Exception {
        Path f = dir.resolve(fileName);
        Files.writeString(f, db);
        shell.execute("dbLoadRecords(\"" + f + "\", \"P=" + P + "\")");
        return this;
    }

    public ProcedureTestIoc init() throws ShellException {
        shell.execute("iocInit");
        return this;
    }

    /** What shell commands printed so far. */
    public String output() { return out.toString(StandardCharsets.UTF_8); }

    public FieldAddress addr(String pv) {
        FieldAddress a = ioc.database().resolve(P + pv);
        if (a == null) throw new IllegalArgumentException("no PV " + P + pv);
        return a;
    }

    public String get(String pv) {
        FieldAddress a = addr(pv);
        try (var g = a.lock()) {
            return a.record.getString(a.field);
        }
    }

    public long getLong(String pv) {
        FieldAddress a = addr(pv);
        try (var g = a.lock()) {
            return a.record.getLong(a.field);
        }
    }

    public double getDouble(String pv) {
        FieldAddress a = addr(pv);
        try (var g = a.lock()) {
            return a.record.getDouble(a.field);
        }
    }

    /** A plain put (ca_put) by the named client. */
    public void put(String who, String pv, String value) throws DbException {
        FieldAddress a = addr(pv);
        try (PutOrigin.Scope s = PutOrigin.enter(who)) {
            ioc.database().putField(a, r -> r.storeString(a.field, value));
        }
    }

    /** A put-callback (ca_put_callback) by the named client: the future completes with the callback. */
    public CompletableFuture<DbException> putCallback(String who, String pv, String value) {
        FieldAddress a = addr(pv);
        CompletableFuture<DbException> done = new CompletableFuture<>();
        try (PutOrigin.Scope s = PutOrigin.enter(who)) {
            ioc.database().putFieldNotify(a, r -> r.storeString(a.field, value), done::complete);
        }
        return done;
    }

    /** Start name with a put-callback of 1 to its Start record. */
    public CompletableFuture<DbException> start(String name) { return putCallback("ca:op@host", name + ":Start", "1"); }

    /** Test-side polling until cond (the code under test never polls). */
    public static void until(String what, BooleanSupplier cond) {
        long deadline = System.nanoTime() + 10_000_000_000L;
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
