package org.jioc.procedure;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jioc.Ioc;
import org.jioc.db.DbException;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;
import org.jioc.testing.InProcessIoc;

/**
 * An in-process IOC with only the procedure service: the real procedure.template (from db-templates/) loaded
 * through the shell, plus test records. Puts are made as a named client would make them. Public for the tests of
 * the beamline procedures in other packages.
 */
public final class ProcedureTestIoc extends InProcessIoc {
    public static final String P = "t:";
    public final ProcedureService service;
    public final IocShell shell;
    private final Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** before: services installed ahead of the procedures (e.g. one providing remote links). */
    public ProcedureTestIoc(Path dir, org.jioc.IocService... before) {
        super(new Ioc(Map.of()), P);
        service = new ProcedureService(ioc.model());
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

    /** Start name with a put-callback of 1 to its Start record. */
    public CompletableFuture<DbException> start(String name) { return putCallback("ca:op@host", name + ":Start", "1"); }
}
