package org.jioc.pva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.epics.pva.PVASettings;
import org.epics.pva.client.ClientChannelState;
import org.epics.pva.client.PVAChannel;
import org.epics.pva.client.PVAClient;
import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.pv.PVDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.jioc.db.FieldDef;
import org.jioc.db.Record;
import org.jioc.security.AccessGate;

/**
 * Access security over PVA: puts are allowed or refused by the IOC's access rules for the client's user and numeric
 * host address, and a change of the rules is re-sent to connected clients as new access rights.
 */
class PvaAccessSecurityTest {
    Path dir;
    PvaTestIoc ioc;

    /** A rule set that lets only the named user write "acl:*" records, and records what it was asked. */
    static final class OnlyUser implements AccessGate {
        final String user;
        final List<String> asked = new CopyOnWriteArrayList<>();

        OnlyUser(String user) { this.user = user; }

        @Override
        public boolean canRead(Record r, FieldDef f, String u, String host) { return true; }

        @Override
        public boolean canWrite(Record r, FieldDef f, String u, String host) {
            asked.add(u + "@" + host + ":" + r.name() + "." + f.name);
            return !r.name().startsWith("acl:") || user.equals(u);
        }
    }

    @BeforeEach
    void start() throws Exception {
        dir = Files.createTempDirectory("pva-acl");
        ioc = PvaTestIoc.start(dir, "record(ao, \"acl:ao\") { }\nrecord(ao, \"free:ao\") { }\n");
    }

    @AfterEach
    void stop() {
        ioc.close();
    }

    @Test
    void putsFollowTheRulesForTheClientsUserAndHost() throws Exception {
        String me = System.getProperty("user.name");
        OnlyUser rules = new OnlyUser("somebody-else");
        ioc.ioc.accessSecurity().install(rules);
        try (PvaTestClient c = ioc.client()) {
            Channel acl = c.connect("acl:ao");
            assertFalse(c.putValue(acl, d -> d.getSubField(PVDouble.class, "value").put(3)).isSuccess(),
                    "user " + me + " is not in the rule");
            assertEquals(0.0, ioc.db().record("acl:ao").getDouble(ioc.db().record("acl:ao").type().field("VAL")));
            assertTrue(c.putValue(c.connect("free:ao"), d -> d.getSubField(PVDouble.class, "value").put(3))
                    .isSuccess());
            assertTrue(rules.asked.stream().anyMatch(s -> s.startsWith(me + "@127.0.0.1:acl:ao.VAL")),
                    "asked with the client's user and numeric host: " + rules.asked);

            ioc.ioc.accessSecurity().install(new OnlyUser(me));
            assertTrue(c.putValue(acl, d -> d.getSubField(PVDouble.class, "value").put(4)).isSuccess());
            assertEquals(4.0, ioc.db().record("acl:ao").getDouble(ioc.db().record("acl:ao").type().field("VAL")));
        }
    }

    @Test
    void changedRulesAreResentToConnectedClients() throws Exception {
        String me = System.getProperty("user.name");
        LinkedBlockingQueue<Boolean> rights = new LinkedBlockingQueue<>();
        PVAClient client;
        // core-pva's client, only because pvAccessJava does not report access-rights changes; its own beacon
        // port, so it shares no UDP port with the server
        synchronized (PVASettings.class) {
            PVASettings.EPICS_PVA_NAME_SERVERS = "";
            PVASettings.EPICS_PVA_ADDR_LIST = "127.0.0.1:" + ioc.udpPort;
            PVASettings.EPICS_PVA_AUTO_ADDR_LIST = false;
            try (java.net.DatagramSocket s = new java.net.DatagramSocket(0)) {
                PVASettings.EPICS_PVA_BROADCAST_PORT = s.getLocalPort();
            }
            client = new PVAClient();
        }
        try {
            LinkedBlockingQueue<ClientChannelState> states = new LinkedBlockingQueue<>();
            PVAChannel ch = client.getChannel("acl:ao", (c, s) -> states.add(s), (c, w) -> rights.add(w));
            ch.connect().get(10, TimeUnit.SECONDS);
            assertTrue(ch.isWritable(), "no rules: writable");

            ioc.ioc.accessSecurity().install(new OnlyUser("somebody-else"));
            assertEquals(Boolean.FALSE, rights.poll(10, TimeUnit.SECONDS), "read-only after the rules changed");
            assertFalse(ch.isWritable());

            ioc.ioc.accessSecurity().install(new OnlyUser(me));
            assertEquals(Boolean.TRUE, rights.poll(10, TimeUnit.SECONDS), "writable again");
            assertTrue(ch.isWritable());
        } finally {
            client.close();
        }
    }
}
