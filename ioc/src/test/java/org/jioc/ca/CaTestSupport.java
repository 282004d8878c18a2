package org.jioc.ca;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import gov.aps.jca.CAStatus;
import gov.aps.jca.Channel;
import gov.aps.jca.Context;
import gov.aps.jca.Monitor;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.event.MonitorEvent;
import gov.aps.jca.event.MonitorListener;
import gov.aps.jca.event.PutEvent;
import gov.aps.jca.event.PutListener;

import org.jioc.db.Database;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;

/** Helpers for over-the-wire tests: a loopback server on a free port and a CAJ client that only looks there. */
final class CaTestSupport {
    private CaTestSupport() { }

    static Database newDb() { return new Database(CaTestRecord.types(), CaTestRecord.devices()); }

    static void set(Record r, String field, String value) throws Exception {
        FieldDef f = r.type().field(field);
        if (f == null) throw new IllegalArgumentException(r.type().name() + " has no field " + field);
        r.storeString(f, value);
    }

    static CaServer startServer(Database db) throws Exception {
        CaServer s = new CaServer(db, CaConfig.loopback(CaServer.freePort()));
        s.start();
        return s;
    }

    /** A CAJ client searching only 127.0.0.1 on the given ports. */
    static CaClientContext client(int... ports) throws Exception {
        StringBuilder list = new StringBuilder();
        for (int p : ports) list.append("127.0.0.1:").append(p).append(' ');
        CaClientContext c = new CaClientContext(Map.of(
                "EPICS_CA_ADDR_LIST", list.toString().trim(),
                "EPICS_CA_AUTO_ADDR_LIST", "NO",
                "EPICS_CA_SERVER_PORT", Integer.toString(ports[0]),
                "EPICS_CA_MAX_ARRAY_BYTES", "10000000"));
        c.initialize();
        return c;
    }

    static Channel connect(Context ctx, String name) throws Exception {
        Channel ch = ctx.createChannel(name);
        ctx.pendIO(5.0);
        if (ch.getConnectionState() != Channel.CONNECTED) throw new AssertionError(name + " did not connect");
        return ch;
    }

    static DBR get(Context ctx, Channel ch, DBRType t, int count) throws Exception {
        DBR d = ch.get(t, count);
        ctx.pendIO(5.0);
        return d;
    }

    static DBR get(Context ctx, Channel ch, DBRType t) throws Exception {
        return get(ctx, ch, t, ch.getElementCount());
    }

    /** Monitor events collected in a queue. */
    static final class Events implements MonitorListener {
        final BlockingQueue<MonitorEvent> q = new LinkedBlockingQueue<>();
        Monitor monitor;

        @Override
        public void monitorChanged(MonitorEvent ev) { q.add(ev); }

        DBR next(double seconds) throws InterruptedException {
            MonitorEvent ev = q.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
            if (ev == null) return null;
            if (ev.getStatus() != CAStatus.NORMAL) throw new AssertionError("monitor status " + ev.getStatus());
            return ev.getDBR();
        }
    }

    static Events monitor(Context ctx, Channel ch, DBRType t, int mask) throws Exception {
        Events e = new Events();
        e.monitor = ch.addMonitor(t, ch.getElementCount(), mask, e);
        ctx.flushIO();
        return e;
    }

    /** A put-callback; returns the completion status. */
    static CAStatus putWait(Context ctx, Channel ch, Object value, double seconds) throws Exception {
        BlockingQueue<CAStatus> done = new LinkedBlockingQueue<>();
        PutListener l = (PutEvent ev) -> done.add(ev.getStatus());
        if (value instanceof Double) ch.put((Double) value, l);
        else if (value instanceof Integer) ch.put((Integer) value, l);
        else if (value instanceof String) ch.put((String) value, l);
        else if (value instanceof double[]) ch.put((double[]) value, l);
        else if (value instanceof short[]) ch.put((short[]) value, l);
        else if (value instanceof byte[]) ch.put((byte[]) value, l);
        else throw new IllegalArgumentException(String.valueOf(value));
        ctx.flushIO();
        CAStatus s = done.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        if (s == null) throw new AssertionError("put-callback did not complete");
        return s;
    }
}
