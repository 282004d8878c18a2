package org.jioc.ca;

import static org.jioc.ca.CaTestSupport.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.Link;
import org.jioc.db.LockSet;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two IOCs in one JVM, each with its own CA server; IOC A links to records of IOC B through CA links. */
class CaLinkTest {
    Database dbA, dbB;
    CaServer srvA, srvB;
    CaLinks linksA;

    @AfterEach
    void tearDown() {
        if (dbA != null) dbA.shutdown();
        if (srvA != null) srvA.stop();
        if (srvB != null) srvB.stop();
        if (dbB != null) dbB.shutdown();
    }

    static void waitFor(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.currentTimeMillis() + 10_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    static double val(Record r) {
        try (LockSet.Guard g = r.database().lock(r)) {
            return r.getDouble(r.type().field("VAL"));
        }
    }

    static String str(Record r, String field) {
        try (LockSet.Guard g = r.database().lock(r)) {
            return r.getString(r.type().field(field));
        }
    }

    static void put(Database db, String channel, double v) throws Exception {
        FieldAddress a = db.resolve(channel);
        db.putField(a, r -> r.storeDouble(a.field, v));
    }

    void startB() throws Exception {
        dbB = CaTestSupport.newDb();
        dbB.create("ai", "b:in");
        Record src = dbB.create("ai", "b:src");
        set(src, "HIHI", "50");
        set(src, "HHSV", "MAJOR");
        dbB.create("catest", "b:fwd");
        dbB.init();
        srvB = CaTestSupport.startServer(dbB);
    }

    Map<String, String> clientEnv(int... more) {
        StringBuilder list = new StringBuilder("127.0.0.1:" + srvB.port());
        for (int p : more) list.append(" 127.0.0.1:").append(p);
        return Map.of("EPICS_CA_ADDR_LIST", list.toString(), "EPICS_CA_AUTO_ADDR_LIST", "NO");
    }

    @Test
    void outputInputForwardAndCpLinksAcrossIocs() throws Exception {
        startB();
        int portA = CaServer.freePort();
        dbA = CaTestSupport.newDb();
        linksA = new CaLinks(clientEnv(portA));
        dbA.setRemoteLinks(linksA);
        Record out = dbA.create("ao", "a:out");
        set(out, "OUT", "b:in PP");
        Record mirror = dbA.create("ai", "a:mirror");
        set(mirror, "INP", "b:src CP MS");
        Record fw = dbA.create("ao", "a:fw");
        set(fw, "FLNK", "b:fwd");
        Record sel = dbA.create("ao", "a:self");
        set(sel, "OUT", "a:target CA");
        Record target = dbA.create("ai", "a:target");
        dbA.init();
        srvA = new CaServer(dbA, CaConfig.loopback(portA));
        srvA.start();

        Link inp = mirror.link(mirror.type().field("INP").slot);
        assertTrue(inp instanceof CaLink, "INP to another IOC is a CA link: " + inp.getClass());
        waitFor("CA links connected", () -> linksA.counts()[1] == 4);

        // ao OUT -> other IOC's ai
        put(dbA, "a:out", 7.25);
        Record bin = dbB.record("b:in");
        waitFor("b:in = 7.25", () -> val(bin) == 7.25);

        // ai INP CP from the other IOC: processes on each update, MS carries the severity
        put(dbB, "b:src", 3.0);
        waitFor("a:mirror = 3", () -> val(mirror) == 3.0);
        assertEquals("NO_ALARM", str(mirror, "SEVR"));
        put(dbB, "b:src", 60.0);
        waitFor("a:mirror = 60", () -> val(mirror) == 60.0);
        waitFor("MAJOR inherited", () -> str(mirror, "SEVR").equals("MAJOR"));
        assertEquals("LINK", str(mirror, "STAT"));

        // FLNK to a remote record puts 1 to its PROC
        Record bf = dbB.record("b:fwd");
        assertEquals(0, bf.timeSec);
        put(dbA, "a:fw", 1.0);
        waitFor("b:fwd processed", () -> {
            try (LockSet.Guard g = dbB.lock(bf)) {
                return bf.timeSec != 0;
            }
        });

        // a link flagged CA goes through CA even to a local record
        Link self = sel.link(sel.type().field("OUT").slot);
        assertTrue(self instanceof CaLink);
        put(dbA, "a:self", 4.5);
        waitFor("a:target = 4.5 via CA", () -> val(target) == 4.5);

        // put with completion through the link
        CountDownLatch done = new CountDownLatch(1);
        Link outLink = out.link(out.type().field("OUT").slot);
        try (LockSet.Guard g = dbA.lock(out)) {
            assertTrue(outLink.writeDoubleAsync(out, 9.5, done::countDown));
        }
        assertTrue(done.await(5, TimeUnit.SECONDS), "put-callback completion reached the link");
        assertEquals(9.5, val(bin));

        // the other IOC goes away: the CP link processes the owner, which goes LINK/INVALID
        srvB.stop();
        waitFor("disconnected", () -> !inp.isConnected());
        waitFor("INVALID on disconnect", () -> str(mirror, "SEVR").equals("INVALID"));
        assertEquals("LINK", str(mirror, "STAT"));
        assertFalse(inp.isConnected());
    }

    @Test
    void unreachableLinkRaisesLinkAlarm() throws Exception {
        startB();
        dbA = CaTestSupport.newDb();
        linksA = new CaLinks(clientEnv());
        dbA.setRemoteLinks(linksA);
        Record in = dbA.create("ai", "a:orphan");
        set(in, "INP", "nowhere:pv");
        dbA.init();
        dbA.processLocked(in);
        assertEquals(Menus.INVALID, (int) in.l[Record.SEVR]);
        assertEquals("LINK", str(in, "STAT"));
    }
}
