package org.jioc.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.aps.jca.Channel;
import gov.aps.jca.Monitor;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DOUBLE;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several CA clients monitoring one PV share one field subscription; each keeps its own events and masks. */
class MonitorFanoutTest {
    private Database db;
    private CaServer server;
    private CaClientContext a, b;

    @BeforeEach
    void start() throws Exception {
        db = CaTestSupport.newDb();
        db.create("ao", "fan:ao");
        db.init();
        put(0.0); // the first put clears UDF (an ALARM event); the monitors below start after it
        server = CaTestSupport.startServer(db);
        a = CaTestSupport.client(server.port());
        b = CaTestSupport.client(server.port());
    }

    @AfterEach
    void stop() throws Exception {
        a.destroy();
        b.destroy();
        server.stop();
        db.shutdown();
    }

    private void put(double v) throws Exception {
        FieldAddress addr = db.resolve("fan:ao");
        db.putField(addr, r -> r.storeDouble(addr.field, v));
    }

    private static double value(CaTestSupport.Events e) throws InterruptedException {
        var dbr = e.next(5);
        assertNotNull(dbr, "an update arrived");
        return ((DOUBLE) dbr).getDoubleValue()[0];
    }

    private void awaitSources(int n) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (server.monitors().sourceCount() != n && System.currentTimeMillis() < end) Thread.sleep(20);
    }

    @Test
    void twoClientsShareOneSubscriptionUntilBothLeave() throws Exception {
        Channel ca = CaTestSupport.connect(a, "fan:ao");
        Channel cb = CaTestSupport.connect(b, "fan:ao");
        CaTestSupport.Events ea = CaTestSupport.monitor(a, ca, DBRType.TIME_DOUBLE, Monitor.VALUE);
        CaTestSupport.Events eb = CaTestSupport.monitor(b, cb, DBRType.CTRL_DOUBLE, Monitor.ALARM);
        assertEquals(0.0, value(ea)); // first update of each monitor
        assertEquals(0.0, value(eb));
        // jca sends a monitor's first value before it registers the monitor: wait for the registrations.
        awaitSources(1);
        assertEquals(1, server.monitors().sourceCount(), "one field subscription for both channels");

        put(2.5);
        assertEquals(2.5, value(ea));
        assertNull(eb.next(0.5), "the ALARM-only monitor got no value-only update");

        ea.monitor.clear();
        a.flushIO();
        Thread.sleep(200);
        assertEquals(1, server.monitors().sourceCount(), "b still monitors");
        put(3.5);
        assertNull(ea.next(0.5), "a cleared its monitor");

        eb.monitor.clear();
        b.flushIO();
        awaitSources(0);
        assertEquals(0, server.monitors().sourceCount(), "nobody monitors: the field subscription is gone");
    }
}
