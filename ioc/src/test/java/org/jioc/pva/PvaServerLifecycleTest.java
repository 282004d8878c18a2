package org.jioc.pva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.factory.ConvertFactory;
import org.epics.pvdata.pv.PVDouble;
import org.epics.pvdata.pv.PVScalar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.jioc.Ioc;
import org.jioc.ca.CaServer;
import org.jioc.shell.IocShell;

/** Ports, several servers in one JVM, channels made on demand and released, pvasr, configuration errors. */
class PvaServerLifecycleTest {
    @TempDir
    Path dir;

    static double value(PvaTestClient c, Channel ch) throws Exception {
        return ConvertFactory.getConvert().toDouble((PVScalar) c.get(ch).getSubField("value"));
    }

    @Test
    void aTakenPortFallsBackToAFreeOneThatClientsFindBySearch() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int port = taken.getLocalPort();
            try (PvaTestIoc ioc = PvaTestIoc.start(dir, "record(ao, \"port:ao\") { field(VAL, \"2.5\") }\n",
                    Map.of("EPICS_PVA_SERVER_PORT", Integer.toString(port)), PvaServer.DEFAULT_IDLE_RELEASE);
                 PvaTestClient c = ioc.client()) {
                assertNotEquals(port, ioc.server().tcpPort(), "the taken port is not used");
                assertTrue(ioc.server().tcpPort() > 0);
                assertEquals(2.5, value(c, c.connect("port:ao")));
            }
        }
    }

    @Test
    void twoServersInOneJvmKeepTheirOwnPorts() throws Exception {
        try (PvaTestIoc a = PvaTestIoc.start(dir, "record(ao, \"one:ao\") { field(VAL, \"1\") }\n");
             PvaTestIoc b = PvaTestIoc.start(dir, "record(ao, \"two:ao\") { field(VAL, \"2\") }\n");
             PvaTestClient ca = a.client();
             PvaTestClient cb = b.client()) {
            assertNotEquals(a.server().tcpPort(), b.server().tcpPort());
            assertEquals(1.0, value(ca, ca.connect("one:ao")));
            assertEquals(2.0, value(cb, cb.connect("two:ao")));
        }
    }

    @Test
    void channelsAreMadeOnDemandAndReleasedWhenUnused() throws Exception {
        StringBuilder db = new StringBuilder();
        for (int i = 0; i < 200; i++) db.append("record(ao, \"many:").append(i).append("\") { }\n");
        try (PvaTestIoc ioc = PvaTestIoc.start(dir, db.toString(), Map.of(), Duration.ofMillis(200));
             PvaTestClient c = ioc.client()) {
            assertEquals(0, ioc.server().channels().size(), "nothing materialised before anyone asks");
            Channel ch = c.connect("many:7");
            PvaTestClient.Subscription mon = c.monitor(ch);
            assertTrue(mon.next(5) != null);
            Thread.sleep(600);
            assertEquals(1, ioc.server().channels().size(), "an open channel stays");
            assertEquals("many:7", ioc.server().channels().get(0).name());
            assertTrue(ioc.server().channels().get(0).monitored());
            mon.stop();
            ch.destroy();
            long deadline = System.currentTimeMillis() + 5000;
            while (!ioc.server().channels().isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertTrue(ioc.server().channels().isEmpty(), "released after the idle time");
            // and served again when asked again
            Channel again = c.connect("many:7");
            assertTrue(c.putValue(again, d -> d.getSubField(PVDouble.class, "value").put(7)).isSuccess());
            assertEquals(7.0, value(c, again));
        }
    }

    @Test
    void aChannelOpenedTwiceOnOneConnectionStaysWhileEitherIsOpen() throws Exception {
        try (PvaTestIoc ioc = PvaTestIoc.start(dir, "record(ao, \"twice:ao\") { }\n", Map.of(),
                Duration.ofMillis(100));
             PvaTestClient c = ioc.client()) {
            Channel first = c.connect("twice:ao");
            Channel second = c.connect("twice:ao");
            first.destroy();
            Thread.sleep(500);
            assertEquals(1, ioc.server().channels().size(), "the second channel still holds it");
            assertTrue(c.putValue(second, d -> d.getSubField(PVDouble.class, "value").put(3)).isSuccess());
            assertEquals(3.0, value(c, second));
        }
    }

    @Test
    void pvasrListsThePortClientsAndChannels() throws Exception {
        try (PvaTestIoc ioc = PvaTestIoc.start(dir, "record(ao, \"sr:ao\") { }\nrecord(bo, \"sr:bo\") { }\n");
             PvaTestClient c = ioc.client()) {
            c.get(c.connect("sr:ao"));
            c.get(c.connect("sr:bo"));
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            IocShell shell = new IocShell(ioc.ioc, new PrintStream(buf, true, StandardCharsets.UTF_8), dir);
            shell.execute("pvasr");
            String out = buf.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("TCP port " + ioc.server().tcpPort()), out);
            assertTrue(out.contains("UDP search port " + ioc.udpPort), out);
            assertTrue(out.contains("1 client connected"), out);
            assertTrue(out.contains("ca(" + System.getProperty("user.name") + "@"), "authentication shown: " + out);
            assertTrue(out.contains("2 channels"), out);
            assertFalse(out.contains("sr:ao"), "channels only from level 1: " + out);
            buf.reset();
            shell.execute("pvasr 1");
            out = buf.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("sr:ao  epics:nt/NTScalar:1.0  1 client"), out);
            assertTrue(out.contains("sr:bo  epics:nt/NTEnum:1.0  1 client"), out);
        }
    }

    @Test
    void pvasrWithoutAServerSaysSo() throws Exception {
        Ioc ioc = new Ioc(Map.of());
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new IocShell(ioc, new PrintStream(buf, true, StandardCharsets.UTF_8), dir).execute("pvasr");
        assertEquals("pvAccess server is not running", buf.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void badSettingsStopIocInitWithTheVariableNamed() throws Exception {
        Ioc.IocInitException e = assertThrows(Ioc.IocInitException.class, () -> PvaTestIoc.start(dir,
                "record(ao, \"bad:ao\") { }\n", Map.of("EPICS_PVA_SERVER_PORT", "fivethousand"),
                PvaServer.DEFAULT_IDLE_RELEASE));
        assertTrue(e.getMessage().contains("EPICS_PVA_SERVER_PORT='fivethousand': not a port number"), e.getMessage());
        e = assertThrows(Ioc.IocInitException.class, () -> PvaTestIoc.start(dir, "record(ao, \"bad:ao\") { }\n",
                Map.of("EPICS_PVAS_INTF_ADDR_LIST", "10.1.2.3 10.1.2.4"), PvaServer.DEFAULT_IDLE_RELEASE));
        assertTrue(e.getMessage().contains("EPICS_PVAS_INTF_ADDR_LIST"), e.getMessage());
        e = assertThrows(Ioc.IocInitException.class, () -> PvaTestIoc.start(dir, "record(ao, \"bad:ao\") { }\n",
                Map.of("EPICS_PVA_SEND_BUFFER_SIZE", "-3"), PvaServer.DEFAULT_IDLE_RELEASE));
        assertTrue(e.getMessage().contains("EPICS_PVA_SEND_BUFFER_SIZE='-3'"), e.getMessage());
    }

    @Test
    void stCmdEnvironmentConfiguresTheServer() throws Exception {
        int tcp = CaServer.freePort();
        int udp = CaServer.freePort();
        Files.writeString(dir.resolve("a.db"), "record(ao, \"env:ao\") { field(VAL, \"6\") }\n");
        Files.writeString(dir.resolve("st.cmd"), "epicsEnvSet(\"EPICS_PVA_SERVER_PORT\", \"" + tcp + "\")\n"
                + "epicsEnvSet(\"EPICS_PVAS_BROADCAST_PORT\", \"" + udp + "\")\n"
                + "epicsEnvSet(\"EPICS_PVAS_INTF_ADDR_LIST\", \"127.0.0.1\")\n"
                + "epicsEnvSet(\"EPICS_PVA_SEND_BUFFER_SIZE\", \"20000000\")\n"
                + "dbLoadRecords(\"a.db\")\niocInit\n");
        Ioc ioc = new Ioc(Map.of());
        PvaService pva = new PvaService(ioc.accessSecurity());
        ioc.addService(pva);
        try {
            new IocShell(ioc, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), dir)
                    .runScript(Path.of("st.cmd"));
            assertEquals(tcp, pva.server().tcpPort());
            assertEquals(udp, pva.server().udpPort());
            assertTrue(pva.server().sendBufferSize() >= 20_000_000, "EPICS_PVA_SEND_BUFFER_SIZE is a floor");
            try (PvaTestClient c = new PvaTestClient(udp)) {
                assertEquals(6.0, value(c, c.connect("env:ao")));
            }
        } finally {
            ioc.stop();
        }
    }
}
