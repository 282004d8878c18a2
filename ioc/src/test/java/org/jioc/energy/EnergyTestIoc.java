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
import org.jioc.testing.InProcessIoc;

/**
 * The energy test IOC (pv-definitions/test/energy.cmd: four fast simulated motors on a real-time controller, the
 * energy PVs and procedure) in process, with only the motion and procedure services; optionally on another table.
 * Puts are made as a named client would make them.
 */
final class EnergyTestIoc extends InProcessIoc {
    static final String P = "jioc:energy:";
    static final Path TOP = CalibrationTableTest.repo("pv-definitions/test/energy.cmd").getParent().getParent()
            .getParent();
    static final Path TEST_TABLE = TOP.resolve("pv-definitions/test/energy-test.json");

    final IocShell shell;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    EnergyTestIoc(Path dir) {
        super(new Ioc(Map.of("TOP", TOP.toString())), P);
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

    void put(String pv, String value) throws DbException { put("ca:op@host", pv, value); }

    String output() { return out.toString(StandardCharsets.UTF_8); }
}
