package org.jioc.ca;

import gov.aps.jca.cas.ServerChannel;

import org.jioc.db.FieldAddress;

/**
 * A client's channel: remembers who the client says it is (for access security and {@code casr}) and asks the
 * server's {@link org.jioc.security.AccessGate} on every read/write check. jca sends the rights once at creation and
 * re-checks them on each get, put and monitor.
 */
final class FieldChannel extends ServerChannel {
    private final CaServer server;
    private final FieldPV pv;
    final String user;
    final String host;

    FieldChannel(CaServer server, FieldPV pv, int cid, int sid, String user, String host) {
        super(pv, cid, sid, user, host);
        this.server = server;
        this.pv = pv;
        this.user = user == null ? "" : user;
        this.host = host == null ? "" : host;
        server.channelOpened(this);
    }

    String channelName() { return pv.getName(); }

    @Override
    public boolean readAccess() {
        FieldAddress a = pv.address();
        return server.accessGate().canRead(a.record, a.field, user, host);
    }

    @Override
    public boolean writeAccess() {
        FieldAddress a = pv.address();
        if (a.field.isReadOnly()) return false;
        return server.accessGate().canWrite(a.record, a.field, user, host);
    }

    @Override
    public synchronized void destroy() {
        boolean was = destroyed;
        super.destroy();
        if (!was) server.channelClosed(this);
    }
}
