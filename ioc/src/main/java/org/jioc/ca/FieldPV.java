package org.jioc.ca;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.cosylab.epics.caj.cas.CASTransport;

import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.Monitor;
import gov.aps.jca.cas.ProcessVariable;
import gov.aps.jca.cas.ProcessVariableEventCallback;
import gov.aps.jca.cas.ProcessVariableReadCallback;
import gov.aps.jca.cas.ProcessVariableWriteCallback;
import gov.aps.jca.cas.ServerChannel;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRFactory;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.STS;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.LockSet;
import org.jioc.db.PutOrigin;

/**
 * One CA channel's view of one field (jca creates a ProcessVariable per channel attach, each with its own event
 * dispatcher). Reads snapshot the field under the lock set; writes go through {@link Database#putField} or, for
 * put-callback, {@link Database#putFieldNotify}; while it has monitors it takes part in the channel name's shared
 * field subscription ({@link MonitorFanout}).
 */
final class FieldPV extends ProcessVariable {
    private static final Logger LOG = Logger.getLogger(FieldPV.class.getName());

    private final CaServer server;
    private final FieldAddress addr;
    private final DBRType type;
    private final int capacity;
    private boolean subscribed;
    /** The last value read for this channel: a new monitor's first value (see {@link CatchUpDispatcher}). */
    private volatile DBR lastRead;

    /** jca's own dispatcher (events) is replaced by one that catches new monitors up. */
    FieldPV(CaServer server, String channelName, FieldAddress addr, ProcessVariableEventCallback events) {
        super(channelName, null);
        setEventCallback(new CatchUpDispatcher(this));
        this.server = server;
        this.addr = addr;
        this.type = DbrCodec.dbrType(addr);
        this.capacity = Math.max(1, addr.capacity());
    }

    FieldAddress address() { return addr; }

    @Override
    public DBRType getType() { return type; }

    @Override
    public int getMaxDimension() { return capacity > 1 ? 1 : 0; }

    @Override
    public int getDimensionSize(int dimension) { return dimension == 0 ? capacity : 0; }

    @Override
    public String[] getEnumLabels() {
        if (type != DBRType.ENUM) return null;
        try (LockSet.Guard g = addr.lock()) {
            return DbrCodec.enumLabels(addr);
        }
    }

    @Override
    public ServerChannel createChannel(int cid, int sid, String userName, String hostName) throws CAException {
        return new FieldChannel(server, this, cid, sid, userName, hostName);
    }

    @Override
    public CAStatus read(DBR value, ProcessVariableReadCallback callback) {
        try (LockSet.Guard g = addr.lock()) {
            DbrCodec.fill(addr, value);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CA read of " + name + " failed", e);
            return CAStatus.GETFAIL;
        }
        lastRead = value;
        return CAStatus.NORMAL;
    }

    /**
     * A monitor was just registered (on the channel's receive thread, right after jca read its first value): send it
     * the field again if the value or alarm changed since that read, with the event bits of what changed.
     */
    void catchUp(ProcessVariableEventCallback monitor) {
        DBR sent = lastRead;
        if (sent == null) return;
        DBR now = DBRFactory.create(sent.getType(), sent.getCount());
        try (LockSet.Guard g = addr.lock()) {
            DbrCodec.fill(addr, now);
        } catch (RuntimeException e) {
            return; // the read that follows the event, if any, reports it
        }
        int mask = 0;
        if (!Objects.deepEquals(sent.getValue(), now.getValue())) mask |= Monitor.VALUE | Monitor.LOG;
        if (sent instanceof STS && now instanceof STS && (((STS) sent).getStatus() != ((STS) now).getStatus()
                || ((STS) sent).getSeverity() != ((STS) now).getSeverity())) mask |= Monitor.ALARM;
        if (mask != 0) monitor.postEvent(mask, now);
    }

    @Override
    public CAStatus write(DBR value, ProcessVariableWriteCallback callback) {
        return write(value, callback, null);
    }

    /**
     * A client's write through its channel (null when unknown): the channel's user and host decide whether access
     * security traps it, and its circuit orders a put-callback's reply after the monitors the put caused.
     */
    CAStatus write(DBR value, ProcessVariableWriteCallback callback, FieldChannel channel) {
        String user = channel == null ? null : channel.user;
        String host = channel == null ? null : channel.host;
        Database db = addr.record.database();
        Database.Store store;
        try {
            if (addr.field.isReadOnly()) throw new DbException(DbException.Kind.READ_ONLY, addr + " is read-only");
            store = DbrCodec.decode(addr, value);
        } catch (DbException e) {
            return status(e);
        }
        if (user != null) store = server.trapWrite(addr, user, host, store);
        String who = "ca:" + (user == null ? "?" : user) + "@" + (host == null ? "?" : host);
        try (PutOrigin.Scope scope = PutOrigin.enter(who)) {
            return put(db, store, callback, channel);
        }
    }

    private CAStatus put(Database db, Database.Store store, ProcessVariableWriteCallback callback,
            FieldChannel channel) {
        if (callback != null && isPutCallback(callback)) {
            CASTransport circuit = channel == null ? null : server.circuit(channel);
            db.putFieldNotify(addr, store, err -> {
                CAStatus st = err == null ? CAStatus.NORMAL : status(err);
                // As rsrv does (db_post_extra_labor): the reply goes through the circuit's event queue, behind the
                // monitor updates this put posted, so a client woken by the reply already has the final values
                // (pyepics Motor reads its monitored DMOV/LVIO right after put(wait=True)).
                if (circuit == null || !circuit.processEvents(() -> callback.processVariableWriteCompleted(st))) {
                    callback.processVariableWriteCompleted(st);
                }
            });
            return null; // completed from the put-notify callback
        }
        try {
            db.putField(addr, store);
            return CAStatus.NORMAL;
        } catch (DbException e) {
            return status(e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "CA put to " + name + " failed", e);
            return CAStatus.PUTFAIL;
        }
    }

    /** ca_put_callback and ca_put reach the same write(); only the callback's class tells them apart (jca 2.4.9). */
    static boolean isPutCallback(ProcessVariableWriteCallback cb) {
        return cb.getClass().getName().contains("WriteNotify");
    }

    static CAStatus status(DbException e) {
        switch (e.kind()) {
            case READ_ONLY: return CAStatus.NOWTACCESS;
            case BAD_TYPE: return CAStatus.BADTYPE;
            default: return CAStatus.PUTFAIL; // BAD_VALUE, DISABLED, FAILED
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Monitors

    @Override
    public synchronized void interestRegister() {
        super.interestRegister();
        if (subscribed) return;
        subscribed = true;
        server.monitors().subscribe(this);
    }

    @Override
    public synchronized void interestDelete() {
        super.interestDelete();
        unsubscribe();
    }

    private synchronized void unsubscribe() {
        if (subscribed) server.monitors().unsubscribe(this);
        subscribed = false;
    }

    @Override
    public void destroy() {
        unsubscribe();
        super.destroy();
    }
}
