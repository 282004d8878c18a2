package org.jioc.ca;

import com.cosylab.epics.caj.cas.CASTransport;

import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.cas.ProcessVariableWriteCallback;
import gov.aps.jca.cas.ServerChannel;
import gov.aps.jca.dbr.DBR;

import org.jioc.db.FieldAddress;

/**
 * A client's channel: remembers who the client says it is (for access security and {@code casr}) and asks the
 * server's {@link org.jioc.security.AccessGate} on every read/write check. jca sends the rights once at creation and
 * re-checks them on each get, put and monitor; when access security says rights may have changed, the server sends
 * this channel's new rights again ({@link CaServer#rightsChanged}), remembered here as the last rights sent.
 */
final class FieldChannel extends ServerChannel {
    private final CaServer server;
    private final FieldPV pv;
    final String user;
    final String host;
    /** The rights the client was last told (CA_PROTO_ACCESS_RIGHTS bits), guarded by this. */
    private int rightsSent;
    /** The circuit this channel belongs to, found once when first needed (rights push, put-callback reply). */
    private CASTransport transport;

    FieldChannel(CaServer server, FieldPV pv, int cid, int sid, String user, String host) {
        super(pv, cid, sid, user, host);
        this.server = server;
        this.pv = pv;
        this.user = user == null ? "" : user;
        this.host = host == null ? "" : host;
        this.rightsSent = rights(); // what jca's create-channel reply is about to send
        server.channelOpened(this);
    }

    /** Read bit 1, write bit 2, as CA_PROTO_ACCESS_RIGHTS carries them. */
    int rights() { return (readAccess() ? 1 : 0) | (writeAccess() ? 2 : 0); }

    /** Remember rights as sent; false if the client already has them. */
    synchronized boolean markSent(int rights) {
        if (rights == rightsSent) return false;
        rightsSent = rights;
        return true;
    }

    synchronized CASTransport transport() { return transport; }

    synchronized void transport(CASTransport t) { transport = t; }

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

    /** A write this channel was allowed to make: through the PV, with the client's identity for TRAPWRITE. */
    @Override
    public CAStatus write(DBR value, ProcessVariableWriteCallback callback) throws CAException {
        return pv.write(value, callback, this);
    }

    @Override
    public synchronized void destroy() {
        boolean was = destroyed;
        super.destroy();
        if (!was) server.channelClosed(this);
    }
}
