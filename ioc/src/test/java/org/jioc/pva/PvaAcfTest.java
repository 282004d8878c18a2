package org.jioc.pva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.pv.PVDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.jioc.Ioc;
import org.jioc.ca.CaServer;
import org.jioc.db.Record;
import org.jioc.security.AccessSecurityService;

/**
 * A real ACF file applied to pvAccess clients (pvAccessJava): a user in the UAG writes, one not in it is refused
 * (a second client JVM claiming another user), and a CALC-conditioned rule follows its INPA record.
 */
class PvaAcfTest {
    private static final String OTHER_USER = "intruder";

    @TempDir
    Path dir;
    private Ioc ioc;
    private int udpPort;
    private final String me = System.getProperty("user.name");

    @BeforeEach
    void start() throws Exception {
        Files.writeString(dir.resolve("acf.db"), String.join("\n",
                "record(ao, \"acf:ops\") { field(ASG, \"OPS\") }",
                "record(ao, \"acf:gated\") { field(ASG, \"GATED\") }",
                "record(ao, \"acf:enable\") { }", ""));
        Files.writeString(dir.resolve("rules.acf"), String.join("\n",
                "UAG(operators) { " + me + " }",
                "ASG(DEFAULT) { RULE(1, READ) RULE(1, WRITE) }",
                "ASG(OPS) { RULE(1, READ) RULE(1, WRITE) { UAG(operators) } }",
                "ASG(GATED) { INPA(\"acf:enable\") RULE(1, READ) RULE(1, WRITE) { CALC(\"A=1\") } }", ""));
        Map<String, String> env = new HashMap<>();
        env.put("EPICS_PVA_SERVER_PORT", Integer.toString(CaServer.freePort()));
        udpPort = CaServer.freePort();
        env.put("EPICS_PVAS_BROADCAST_PORT", Integer.toString(udpPort));
        env.put("EPICS_PVAS_INTF_ADDR_LIST", "127.0.0.1");
        ioc = new Ioc(env);
        AccessSecurityService acf = new AccessSecurityService(ioc.accessSecurity());
        acf.setFilename(dir.resolve("rules.acf"));
        ioc.addService(acf);
        ioc.addService(new PvaService(ioc.accessSecurity()));
        ioc.loadRecords(dir.resolve("acf.db"), "");
        ioc.iocInit();
    }

    @AfterEach
    void stop() { ioc.stop(); }

    private double val(String rec) {
        Record r = ioc.database().record(rec);
        return r.getDouble(r.type().field("VAL"));
    }

    private static boolean put(PvaTestClient c, Channel ch, double v) throws Exception {
        return c.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(v)).isSuccess();
    }

    /** Runs PvaPutMain in a JVM whose user.name is user; returns its one line of output. */
    private String putAs(String user, String pv, double v) throws Exception {
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(List.of(javaBin.toString(), "-Duser.name=" + user, "-cp", cp,
                PvaPutMain.class.getName(), Integer.toString(udpPort), pv, Double.toString(v)))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "client JVM finished");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return out.lines().filter(l -> l.equals("OK") || l.startsWith("REFUSED")).findFirst().orElse(out);
    }

    @Test
    void userInTheUagWritesUserNotInItIsRefused() throws Exception {
        try (PvaTestClient c = new PvaTestClient(udpPort)) {
            assertTrue(put(c, c.connect("acf:ops"), 2.5), me + " is in UAG operators");
        }
        assertEquals(2.5, val("acf:ops"));
        assertTrue(putAs(OTHER_USER, "acf:ops", 7).startsWith("REFUSED"), "a user not in the UAG is refused");
        assertEquals(2.5, val("acf:ops"), "the refused put changed nothing");
        assertEquals("OK", putAs(OTHER_USER, "acf:enable", 1), "DEFAULT group: everybody writes");
        assertEquals("OK", putAs(me, "acf:ops", 3), "the same client program as an operator");
        assertEquals(3.0, val("acf:ops"));
    }

    @Test
    void calcRuleFollowsItsInputRecord() throws Exception {
        try (PvaTestClient c = new PvaTestClient(udpPort)) {
            Channel gated = c.connect("acf:gated");
            Channel enable = c.connect("acf:enable");
            assertFalse(put(c, gated, 1), "A=0: nobody writes");
            assertTrue(put(c, enable, 1));
            assertTrue(eventually(() -> put(c, gated, 4)), "A=1: the rule applies");
            assertEquals(4.0, val("acf:gated"));
            assertTrue(put(c, enable, 0));
            assertTrue(eventually(() -> !put(c, gated, 5)), "A=0 again: refused");
            assertEquals(4.0, val("acf:gated"));
        }
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    /** Rights follow the input asynchronously (the rules are re-evaluated off the record's lock). */
    private static boolean eventually(Check c) throws Exception {
        long end = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < end) {
            if (c.ok()) return true;
            Thread.sleep(50);
        }
        return false;
    }
}
