package org.jioc.plan;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jioc.Ioc;
import org.jioc.catalog.RunCatalogService;
import org.jioc.catalog.RunFile;
import org.jioc.db.DbException;
import org.jioc.motion.MotionService;
import org.jioc.shell.IocShell;
import org.jioc.testing.InProcessIoc;

/**
 * The plan test IOC (pv-definitions/test/plans.cmd) in process: simulated motors, soft detectors, the run catalog
 * (embedded H2 in a temporary JIOC_HOME) and the plan service, with a {@link RecordingWriter} as its data-file hook.
 */
final class PlanTestIoc extends InProcessIoc {
    static final String P = "jioc:plan:";
    static final Path TOP = top();

    final PlanService plans;
    final RunCatalogService catalog;
    final RecordingWriter writer = new RecordingWriter();
    final IocShell shell;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    PlanTestIoc(Path dir) throws Exception { this(dir, true); }

    /** recording false: no RecordingWriter, the plan service writes its default data files (the file PVs). */
    PlanTestIoc(Path dir, boolean recording) throws Exception { this(dir, recording, Map.of()); }

    /** env: more st.cmd environment (e.g. GATE, the default run gate of plans.cmd). */
    PlanTestIoc(Path dir, boolean recording, Map<String, String> env) throws Exception {
        super(new Ioc(environment(dir, env)), P);
        ioc.addService(new MotionService(ioc.devices()));
        catalog = new RunCatalogService(ioc.model());
        ioc.addService(catalog);
        plans = new PlanService(ioc);
        if (recording) plans.setWriter(writer);
        ioc.addService(plans);
        shell = new IocShell(ioc, new PrintStream(out, true, StandardCharsets.UTF_8), dir);
        shell.runScript(TOP.resolve("pv-definitions/test/plans.cmd"));
    }

    private static Map<String, String> environment(Path dir, Map<String, String> more) {
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("TOP", TOP.toString());
        env.put("JIOC_HOME", dir.toString());
        return env;
    }

    private static Path top() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent())
            if (Files.exists(d.resolve("pv-definitions/test/plans.cmd"))) return d;
        throw new IllegalStateException("pv-definitions/test/plans.cmd not found");
    }

    void put(String pv, String value) throws DbException { put("ca:op@host", pv, value); }

    /** Start the plan with a put-callback, as caput(Start, 1, wait=True). */
    CompletableFuture<DbException> start() { return putCallback("ca:op@host", "Plan:Start", "1"); }

    String output() { return out.toString(StandardCharsets.UTF_8); }

    /** The data-file hook, recording what it is given. */
    static final class RecordingWriter implements RunWriter {
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile RunData last;
        volatile ObjectNode stop;

        @Override
        public List<RunFile> start(RunData run) {
            last = run;
            calls.add("start " + run.events().size() + " extras=" + run.extraPvs().size());
            return List.of(RunFile.of("/data/scan_" + run.scanId() + ".nxs", "nexus"));
        }

        @Override
        public List<RunFile> breakpoint(RunData run, int pointIndex) {
            calls.add("break " + pointIndex + " events=" + run.events().size() + " extras=" + run.extraPvs().size());
            return List.of(RunFile.of("/data/scan_" + run.scanId() + ".nxs", "nexus"));
        }

        @Override
        public List<RunFile> finish(RunData run, ObjectNode stopDoc) {
            stop = stopDoc;
            calls.add("finish " + run.events().size() + " " + stopDoc.get("exit_status").asText());
            return List.of(RunFile.of("/data/scan_" + run.scanId() + ".spec", "spec"));
        }
    }
}
