package org.jioc.ca;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import gov.aps.jca.CAException;
import gov.aps.jca.Context;

import org.jioc.db.Database;
import org.jioc.db.FieldDef;
import org.jioc.db.Link;
import org.jioc.db.LinkOptions;
import org.jioc.db.Record;
import org.jioc.db.RemoteLinks;

/**
 * CA links (dbCa): links to PVs outside this IOC, and links flagged {@code CA}, served by the CAJ client of the same
 * jca jar. The client context is created on the first CA link. Install before {@code db.init()}:
 * {@code CaLinks.install(db)} (settings from the environment / system properties) or
 * {@code db.setRemoteLinks(new CaLinks(env))}.
 */
public final class CaLinks implements RemoteLinks {
    private static final Logger LOG = Logger.getLogger(CaLinks.class.getName());

    private final Map<String, String> env;
    private final Set<CaLink> links = ConcurrentHashMap.newKeySet();
    private final Set<CaWatch> watches = ConcurrentHashMap.newKeySet();
    private CaClientContext ctx;
    private boolean closed;

    /** @param env EPICS_CA_ADDR_LIST, EPICS_CA_AUTO_ADDR_LIST, EPICS_CA_SERVER_PORT, EPICS_CA_MAX_ARRAY_BYTES ... */
    public CaLinks(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Factory for Main: CA links configured from system properties, then the process environment. */
    public static CaLinks install(Database db) {
        CaLinks l = new CaLinks(CaClientContext.environment());
        db.setRemoteLinks(l);
        return l;
    }

    synchronized Context context() {
        if (closed) throw new IllegalStateException("CA links closed");
        if (ctx == null) {
            CaClientContext c = new CaClientContext(env);
            try {
                c.initialize();
            } catch (CAException e) {
                throw new IllegalStateException("cannot start the CA client: " + e.getMessage(), e);
            }
            ctx = c;
        }
        return ctx;
    }

    @Override
    public Link create(Record owner, FieldDef field, String pvName, LinkOptions options) {
        CaLink l = new CaLink(this, owner, field, pvName, options);
        links.add(l);
        l.connect();
        return l;
    }

    void dropped(CaLink l) { links.remove(l); }

    /** One CA link as dbcar reports it. */
    public record LinkReport(String record, String field, String pv, boolean connected, boolean canRead,
            boolean canWrite, int disconnects) { }

    /** Every CA link (optionally only those of one record), sorted by record and field. */
    public java.util.List<LinkReport> report(String recordName) {
        java.util.List<LinkReport> out = new java.util.ArrayList<>();
        for (CaLink l : links) {
            LinkReport r = l.report();
            if (recordName == null || recordName.equals(r.record())) out.add(r);
        }
        out.sort(java.util.Comparator.comparing(LinkReport::record).thenComparing(LinkReport::field));
        return out;
    }

    @Override
    public Watch watch(String pvName, WatchListener listener) {
        CaWatch w = new CaWatch(this, pvName, listener);
        watches.add(w);
        w.connect();
        return w;
    }

    void watchClosed(CaWatch w) { watches.remove(w); }

    /** Number of CA links and how many are connected (dbcar). */
    public int[] counts() {
        int n = 0, c = 0;
        for (CaLink l : links) {
            n++;
            if (l.isConnected()) c++;
        }
        return new int[] {n, c};
    }

    void flush() {
        CaClientContext c;
        synchronized (this) {
            c = ctx;
        }
        if (c == null) return;
        try {
            c.flushIO();
        } catch (CAException | IllegalStateException e) {
            LOG.log(Level.FINE, "CA flush", e);
        }
    }

    @Override
    public void close() {
        CaClientContext c;
        synchronized (this) {
            closed = true;
            c = ctx;
            ctx = null;
        }
        for (CaLink l : links.toArray(new CaLink[0])) l.close();
        for (CaWatch w : watches.toArray(new CaWatch[0])) w.close();
        if (c != null) {
            try {
                c.destroy();
            } catch (CAException | IllegalStateException e) {
                LOG.log(Level.FINE, "CA client destroy", e);
            }
        }
    }
}
