package org.jioc.pva;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVStructure;
import org.jioc.Ioc;
import org.jioc.ca.CaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Channels a component publishes, served next to record fields (pvAccessJava as the client). */
class OwnedChannelTest {
    @TempDir
    Path dir;

    static PVAStructure counter(int n) {
        return new PVAStructure("", "test:Counter:1.0", new PVAInt("count", n), new PVAString("label", "n=" + n));
    }

    static OwnedChannel channel(String name) { return new OwnedChannel(name, "test", counter(0), () -> 0); }

    @Test
    void getsAndMonitorsSeeWhatIsPublishedAlsoAfterTheChannelWasReleased() throws Exception {
        try (PvaTestIoc ioc = PvaTestIoc.start(dir, "record(ai, \"own:rec\") { }\n", Map.of(), Duration.ofMillis(50))) {
            OwnedChannel ch = channel("own:counter");
            ioc.pva.ownedChannels().add(ch); // after iocInit
            ch.publish(counter(1));
            try (PvaTestClient c = ioc.client()) {
                Channel pv = c.connect("own:counter");
                PVStructure got = c.get(pv);
                assertEquals("test:Counter:1.0", got.getStructure().getID());
                assertEquals(1, got.getSubField(PVInt.class, "count").get());
                assertEquals("test:Counter:1.0", ioc.server().channels().get(0).type());
                pv.destroy();
            }
            long end = System.nanoTime() + 10_000_000_000L;
            while (!ioc.server().channels().isEmpty() && System.nanoTime() < end) Thread.sleep(10);
            assertTrue(ioc.server().channels().isEmpty(), "unused channel released");
            ch.publish(counter(2)); // nobody served: kept as the latest
            try (PvaTestClient c = ioc.client()) {
                Channel pv = c.connect("own:counter");
                PvaTestClient.Subscription sub = c.monitor(pv);
                PvaTestClient.Update first = sub.next(10);
                assertNotNull(first);
                assertEquals(2, first.data().getSubField(PVInt.class, "count").get());
                ch.publish(counter(3));
                PvaTestClient.Update next = sub.next(10);
                assertNotNull(next, "a publication after re-creation reaches the monitor");
                assertEquals(3, next.data().getSubField(PVInt.class, "count").get());
                sub.stop();
            }
        }
    }

    static PVAStructure tagged(int n) {
        return new PVAStructure("", "test:Tagged:1.0", new PVAInt("count", n), new PVAString("tag", "fixed"));
    }

    /** core-pva alone sends a new monitor only the difference when a publication comes before its first value is
     * on the wire (SubscriptionUpdates): the unchanged tag would arrive empty. */
    @Test
    void aNewMonitorsFirstValueIsWholeWhilePublicationsRace() throws Exception {
        try (PvaTestIoc ioc = PvaTestIoc.start(dir, "record(ai, \"own:rec\") { }\n")) {
            OwnedChannel ch = new OwnedChannel("own:tagged", "test", tagged(0), () -> 0);
            ioc.pva.ownedChannels().add(ch);
            java.util.concurrent.atomic.AtomicBoolean run = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread publisher = new Thread(() -> {
                for (int n = 1; run.get(); n++) ch.publish(tagged(n));
            });
            publisher.start();
            try (PvaTestClient c = ioc.client()) {
                Channel pv = c.connect("own:tagged");
                for (int i = 0; i < 40; i++) {
                    PvaTestClient.Subscription sub = c.monitor(pv);
                    PvaTestClient.Update first = sub.next(10);
                    assertNotNull(first);
                    assertTrue(first.changed().get(0), "the first update is the whole structure: " + first.changed());
                    assertEquals("fixed", first.data().getSubField(org.epics.pvdata.pv.PVString.class, "tag").get());
                    sub.stop();
                }
            } finally {
                run.set(false);
                publisher.join();
            }
        }
    }

    @Test
    void aPublicationOfAnotherTypeIsRefused() {
        OwnedChannel ch = channel("own:typed");
        assertThrows(IllegalArgumentException.class,
                () -> ch.publish(new PVAStructure("", "test:Counter:1.0", new PVADouble("count", 1))));
    }

    @Test
    void namesClashNeitherWithEachOtherNorWithRecords() throws Exception {
        try (PvaTestIoc ioc = PvaTestIoc.start(dir, "record(ai, \"own:rec\") { }\n")) {
            OwnedChannels owned = ioc.pva.ownedChannels();
            owned.add(channel("own:a"));
            assertThrows(IllegalArgumentException.class, () -> owned.add(channel("own:a")));
            assertThrows(IllegalArgumentException.class, () -> owned.add(channel("own:rec")));
            assertThrows(IllegalArgumentException.class, () -> owned.add(channel("own:rec.EGU")));
        }
    }

    @Test
    void iocInitFailsWhenARecordTakesAnOwnedChannelsName() throws Exception {
        Path db = Files.writeString(dir.resolve("clash.db"), "record(ai, \"own:image\") { }\n");
        Ioc ioc = new Ioc(Map.of("EPICS_PVA_SERVER_PORT", Integer.toString(CaServer.freePort()),
                "EPICS_PVAS_BROADCAST_PORT", Integer.toString(CaServer.freePort()),
                "EPICS_PVAS_INTF_ADDR_LIST", "127.0.0.1"));
        PvaService pva = new PvaService(ioc.accessSecurity());
        ioc.addService(pva);
        pva.ownedChannels().add(channel("own:image")); // as a plugin does before its records are loaded
        ioc.loadRecords(db, "");
        try {
            Ioc.IocInitException e = assertThrows(Ioc.IocInitException.class, ioc::iocInit);
            assertTrue(e.getMessage().contains("own:image"), e.getMessage());
        } finally {
            ioc.stop();
        }
    }
}
