package org.jioc.ca;

import static org.jioc.ca.CaTestSupport.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;
import org.junit.jupiter.api.Test;

/**
 * The real C client (libca through Debian's pyepics) against the in-process server: caget with the default count,
 * DBR_CTRL metadata, caput with wait, enum strings, arrays, long strings and a camonitor-style subscription.
 * Skipped, with the reason, when /usr/bin/python3, pyepics or libca are not there.
 */
class LibcaSmokeTest {
    static final String PYTHON = "/usr/bin/python3";
    /** scripts/test unpacks Debian's pyepics into build/pydeps before Maven runs (tests run in ioc/). */
    static final String PYEPICS = System.getProperty("pyepics.path",
            Path.of("..", "build", "pydeps", "usr", "lib", "python3", "dist-packages").toAbsolutePath().normalize()
                    .toString());
    static final String LIBCA = System.getProperty("pyepics.libca", "/usr/lib/x86_64-linux-gnu/libca.so.4.13.5");

    @Test
    void pyepicsTalksToTheServer() throws Exception {
        assumeTrue(Files.isExecutable(Path.of(PYTHON)), "no " + PYTHON + ": libca smoke test skipped");
        assumeTrue(Files.isDirectory(Path.of(PYEPICS, "epics")), "no pyepics under " + PYEPICS + ": skipped");
        assumeTrue(Files.exists(Path.of(LIBCA)), "no libca at " + LIBCA + ": skipped");
        Path script = Path.of("src/test/python/ca_smoke.py").toAbsolutePath();
        assumeTrue(Files.exists(script), "script not found: " + script);

        Database db = CaTestSupport.newDb();
        Record ai = db.create("ai", "smoke:ai");
        set(ai, "EGU", "mA");
        set(ai, "PREC", "3");
        set(ai, "HOPR", "100");
        set(ai, "LOPR", "-100");
        set(ai, "HIHI", "90");
        set(ai, "HHSV", "MAJOR");
        Record ao = db.create("ao", "smoke:ao");
        set(ao, "DRVH", "10");
        set(ao, "DRVL", "-10");
        db.create("catest", "smoke:t");
        db.init();
        FieldAddress a = db.resolve("smoke:ai");
        db.putField(a, r -> r.storeDouble(a.field, 12.5));
        FieldAddress w = db.resolve("smoke:t.WAVE");
        db.putField(w, r -> r.arrayPut(w.field, new double[] {1, 2, 3}, 3));
        FieldAddress s = db.resolve("smoke:t.STR");
        db.putField(s, r -> r.storeString(s.field, "hello libca"));

        CaServer server = CaTestSupport.startServer(db);
        try {
            ProcessBuilder pb = new ProcessBuilder(PYTHON, script.toString(), "smoke:");
            Map<String, String> env = pb.environment();
            env.put("PYTHONPATH", PYEPICS);
            env.put("PYEPICS_LIBCA", LIBCA);
            env.put("EPICS_CA_ADDR_LIST", "127.0.0.1");
            env.put("EPICS_CA_AUTO_ADDR_LIST", "NO");
            env.put("EPICS_CA_SERVER_PORT", Integer.toString(server.port()));
            env.put("EPICS_CA_MAX_ARRAY_BYTES", "10000000");
            pb.redirectErrorStream(true);
            Process p = pb.start();
            String out;
            try (InputStream in = p.getInputStream()) {
                ByteArrayOutputStream buf = new ByteArrayOutputStream();
                in.transferTo(buf);
                out = buf.toString(StandardCharsets.UTF_8);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("python did not finish:\n" + out);
            }
            assumeTrue(!out.contains("ModuleNotFoundError"), "pyepics/numpy not importable: " + out);
            String result = null;
            for (String line : out.split("\n")) if (line.startsWith("RESULT ")) result = line.substring(7);
            assertNotNull(result, "no result from python (exit " + p.exitValue() + "):\n" + out);
            String r = result;
            assertTrue(r.contains("\"ai\": 12.5"), r);
            assertTrue(r.contains("\"severity\": 0"), r);
            assertTrue(r.contains("\"units\": \"mA\""), r);
            assertTrue(r.contains("\"precision\": 3"), r);
            assertTrue(r.contains("\"upper_disp_limit\": 100.0"), r);
            assertTrue(r.contains("\"upper_alarm_limit\": 90.0"), r);
            assertTrue(r.contains("\"upper_warning_limit\": \"nan\""), r);
            assertTrue(r.contains("\"mode_labels\": [\"Off\", \"On\", \"Auto\"]"), r);
            assertTrue(r.contains("\"put_wait\": 1"), r);
            assertTrue(r.contains("\"ao_after\": 10.0"), r);
            assertTrue(r.contains("\"put_enum_str\": 1"), r);
            assertTrue(r.contains("\"mode_after\": \"Auto\""), r);
            assertTrue(r.contains("\"wave\": [1.0, 2.0, 3.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]"), r);
            assertTrue(r.contains("\"str_dollar\": \"hello libca\""), r);
            assertTrue(r.contains("\"events\": [12.5, 1.0, 2.0, 3.0]"), r);
            assertEquals(0, p.exitValue(), out);
        } finally {
            server.stop();
            db.shutdown();
        }
    }
}
