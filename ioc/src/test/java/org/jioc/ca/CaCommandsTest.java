package org.jioc.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import gov.aps.jca.Channel;

import org.jioc.Ioc;
import org.jioc.Services;
import org.jioc.shell.IocShell;
import org.jioc.shell.ShellException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** casr and dbcar on a running IOC with its CA server, a CAJ client, and a CA link to a PV that does not exist. */
class CaCommandsTest {
    @TempDir
    Path dir;
    private Ioc ioc;
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        if (ioc != null) ioc.stop();
    }

    private IocShell start() throws Exception {
        return start(null);
    }

    private IocShell start(String db) throws Exception {
        if (db == null) Files.writeString(dir.resolve("c.db"), String.join("\n",
                "record(ao, \"cc:out\") { field(VAL, \"3\") }",
                "record(ai, \"cc:remote\") { field(INP, \"cc:nowhere:at:all CA\") }",
                "record(ai, \"cc:local\") { field(INP, \"cc:out CA\") }", ""));
        Map<String, String> env = new HashMap<>();
        env.put("EPICS_CA_SERVER_PORT", Integer.toString(CaServer.freePort())); // CA links search it too
        env.put("EPICS_CAS_INTF_ADDR_LIST", "127.0.0.1");
        env.put("EPICS_CA_ADDR_LIST", "127.0.0.1");
        env.put("EPICS_CA_AUTO_ADDR_LIST", "NO");
        env.put("EPICS_PVA_SERVER_PORT", "0");
        env.put("EPICS_PVAS_BROADCAST_PORT", "0");
        ioc = new Ioc(env);
        Services.install(ioc);
        IocShell sh = new IocShell(ioc, new PrintStream(buf, true, StandardCharsets.UTF_8), dir);
        sh.execute("dbLoadRecords c.db"); // written by the caller or above
        sh.execute("iocInit");
        return sh;
    }

    private String run(IocShell sh, String line) throws ShellException {
        buf.reset();
        sh.execute(line);
        return buf.toString(StandardCharsets.UTF_8);
    }

    @Test
    void casrListsAConnectedClientAndItsChannels() throws Exception {
        IocShell sh = start();
        // the IOC's own CA link (cc:local) is a client too: wait for it, then count circuits
        long deadline = System.currentTimeMillis() + 10_000;
        while (ioc.service(CaService.class).links().counts()[1] < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        int before = circuits(run(sh, "casr"));
        int port = ioc.service(CaService.class).server().port();
        CaClientContext client = CaTestSupport.client(port);
        try {
            Channel ch = CaTestSupport.connect(client, "cc:out");
            String out = run(sh, "casr 2");
            assertEquals(before + 1, circuits(out), out);
            assertTrue(out.matches("(?s).*TCP 127\\.0\\.0\\.1:\\d+\\(.*\\): User=\".*\", V4\\.\\d+, 1 Channels, "
                    + "Priority=0\\n    cc:out\\n.*"), out);
            ch.destroy();
        } finally {
            client.destroy();
        }
    }

    private static int circuits(String casr) {
        return (int) casr.lines().filter(l -> l.startsWith("TCP ")).count();
    }

    @Test
    void casrWithoutClients() throws Exception {
        Files.writeString(dir.resolve("c.db"), "record(ao, \"cc:out\") { }\n");
        IocShell sh = start("c.db");
        String out = run(sh, "casr");
        assertTrue(out.startsWith("Channel Access Server V4.11, port "), out);
        assertTrue(out.contains("No clients connected."), out);
    }

    @Test
    void dbcarCountsConnectedAndUnconnectedLinks() throws Exception {
        IocShell sh = start();
        String out = "";
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            out = run(sh, "dbcar * 2");
            if (out.contains("1 connected")) break;
            Thread.sleep(100);
        }
        assertTrue(out.contains(" Total 2 CA links; 1 connected, 1 not connected."), out);
        assertTrue(out.contains("cc:local.INP --> cc:out  connected, read, write"), out);
        assertTrue(out.contains("cc:remote.INP --> cc:nowhere:at:all  not connected"), out);
        String one = run(sh, "dbcar cc:remote 1");
        assertTrue(one.contains(" 1 CA link; 0 connected, 1 not connected."), one);
    }
}
