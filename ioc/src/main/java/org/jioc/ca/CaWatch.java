package org.jioc.ca;

import java.util.logging.Level;
import java.util.logging.Logger;

import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.Channel;
import gov.aps.jca.Monitor;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DOUBLE;
import gov.aps.jca.dbr.STS;
import gov.aps.jca.event.ConnectionEvent;
import gov.aps.jca.event.MonitorEvent;

import org.jioc.db.RemoteLinks;

/**
 * A CA monitor of one remote PV as DBR_STS_DOUBLE with the value and alarm masks, reported to a watch listener
 * (base's asCa does the same for access-security inputs). Not connected, or no read access, counts as lost.
 */
final class CaWatch implements RemoteLinks.Watch {
    private static final Logger LOG = Logger.getLogger(CaWatch.class.getName());

    private final CaLinks links;
    private final String pvName;
    private final RemoteLinks.WatchListener listener;
    private volatile Channel channel;
    private volatile boolean connected;
    private Monitor monitor;
    private boolean closed;

    CaWatch(CaLinks links, String pvName, RemoteLinks.WatchListener listener) {
        this.links = links;
        this.pvName = pvName;
        this.listener = listener;
    }

    void connect() {
        try {
            channel = links.context().createChannel(pvName, this::connectionChanged);
            links.flush();
        } catch (CAException | RuntimeException e) {
            LOG.log(Level.WARNING, "access-security input " + pvName + ": " + e.getMessage());
        }
    }

    private void connectionChanged(ConnectionEvent ev) {
        connected = ev.isConnected();
        if (!connected) {
            listener.disconnected();
            return;
        }
        Channel ch = channel;
        if (ch == null) return;
        synchronized (this) {
            if (closed || monitor != null) return;
            try {
                monitor = ch.addMonitor(DBRType.STS_DOUBLE, 1, Monitor.VALUE | Monitor.ALARM, this::monitorChanged);
            } catch (CAException | RuntimeException e) {
                LOG.log(Level.WARNING, "access-security input " + pvName + ": " + e.getMessage());
                return;
            }
        }
        links.flush();
    }

    private void monitorChanged(MonitorEvent ev) {
        Channel ch = channel;
        if (ev.getStatus() != CAStatus.NORMAL || ch == null) return;
        if (!ch.getReadAccess()) {
            listener.disconnected();
            return;
        }
        DBR d = ev.getDBR();
        if (!(d instanceof DOUBLE) || !(d instanceof STS)) return;
        double[] v = ((DOUBLE) d).getDoubleValue();
        listener.update(v.length > 0 ? v[0] : Double.NaN, ((STS) d).getSeverity().getValue());
    }

    @Override
    public boolean isConnected() { return connected; }

    @Override
    public String host() {
        Channel ch = channel;
        try {
            return connected && ch != null ? ch.getHostName() : "";
        } catch (IllegalStateException e) {
            return "";
        }
    }

    @Override
    public void close() {
        Channel ch;
        Monitor m;
        synchronized (this) {
            closed = true;
            ch = channel;
            channel = null;
            m = monitor;
            monitor = null;
        }
        // outside our lock: CAJ holds its channel's lock while it calls connectionChanged, which takes ours
        try {
            if (m != null) m.clear();
        } catch (CAException | IllegalStateException e) {
            LOG.log(Level.FINE, "clear monitor of " + pvName, e);
        }
        if (ch != null) {
            try {
                ch.destroy();
            } catch (CAException | IllegalStateException e) {
                LOG.log(Level.FINE, "destroy channel " + pvName, e);
            }
        }
        links.watchClosed(this);
    }
}
