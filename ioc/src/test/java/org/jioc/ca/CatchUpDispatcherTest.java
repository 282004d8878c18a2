package org.jioc.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import com.cosylab.epics.caj.cas.ProcessVariableEventDispatcher;

import gov.aps.jca.Monitor;
import gov.aps.jca.cas.ProcessVariableEventCallback;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRFactory;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DOUBLE;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * jca's event-add order, replayed step by step: the first value is read, then the monitor registers. A change in
 * between must still reach the monitor; without one, nothing extra is sent.
 */
class CatchUpDispatcherTest {
    private Database db;
    private CaServer server;
    private final List<Integer> masks = new ArrayList<>();
    private final List<Double> values = new ArrayList<>();
    private final ProcessVariableEventCallback monitor = new ProcessVariableEventCallback() {
        @Override
        public void postEvent(int mask, DBR dbr) {
            masks.add(mask);
            values.add(((DOUBLE) dbr).getDoubleValue()[0]);
        }

        @Override
        public void canceled() { }
    };

    @BeforeEach
    void start() throws Exception {
        db = CaTestSupport.newDb();
        db.create("ao", "cu:ao");
        db.init();
        put(1.0);
        server = CaTestSupport.startServer(db);
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
        db.shutdown();
    }

    private void put(double v) throws Exception {
        FieldAddress addr = db.resolve("cu:ao");
        db.putField(addr, r -> r.storeDouble(addr.field, v));
    }

    /** The first value as jca's event-add reads it, then (after 'between') the monitor's registration. */
    private void eventAdd(Runnable between) throws Exception {
        FieldPV pv = (FieldPV) server.processVariableAttach("cu:ao", null, null);
        DBR first = DBRFactory.create(DBRType.TIME_DOUBLE, 1);
        pv.read(first, null);
        assertEquals(1.0, ((DOUBLE) first).getDoubleValue()[0]);
        between.run();
        ((ProcessVariableEventDispatcher) pv.getEventCallback()).registerEventListener(monitor);
    }

    @Test
    void aChangeBetweenTheFirstValueAndTheRegistrationIsSent() throws Exception {
        eventAdd(() -> {
            try {
                put(2.5);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(List.of(2.5), values);
        assertTrue((masks.get(0) & Monitor.VALUE) != 0);
    }

    @Test
    void noChangeSendsNothingExtra() throws Exception {
        eventAdd(() -> { });
        assertEquals(List.of(), values);
        put(3.0); // and events flow as usual afterwards
        assertEquals(List.of(3.0), values);
    }
}
