package org.jioc.pva;

import java.util.BitSet;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.ClientAuthentication;
import org.epics.pva.server.JiocServerPV;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.LockSet;
import org.jioc.db.PutOrigin;
import org.jioc.db.Record;
import org.jioc.security.AccessGate;

/**
 * One PVA channel: a record field served through a {@link JiocServerPV}. Reads encode the field under its lock set
 * (gets always see the live value); monitors get the events the record posts, filtered by the QSRV default mask
 * (DBE_VALUE | DBE_ALARM, plus DBE_PROPERTY so metadata changes reach clients), so MDEL and the alarm rules decide
 * what a monitor sees exactly as for CA; puts go through {@link Database#putField}.
 */
final class RecordChannel implements JiocServerPV.Source, JiocServerPV.Writer, FieldListener {
    private static final Logger LOG = Logger.getLogger(RecordChannel.class.getName());

    /** The events forwarded to PVA monitors (QSRV's default DBE_VALUE|DBE_ALARM, and property changes). */
    static final int MONITOR_MASK = DBE_VALUE | DBE_ALARM | DBE_PROPERTY;

    /** Which channel a thread last read, and how many events it had posted then (see {@link #subscribed}). */
    private static final class ReadMark {
        RecordChannel channel;
        long posts;
    }

    private static final ThreadLocal<ReadMark> LAST_READ = ThreadLocal.withInitial(ReadMark::new);

    private final FieldAddress addr;
    private final NtCodec codec;
    private final AccessGate access;
    private volatile JiocServerPV pv;
    /** Events forwarded so far; changed and read only with the lock set held. */
    private long posts;

    RecordChannel(FieldAddress addr, AccessGate access) {
        this.addr = addr;
        this.codec = new NtCodec(addr);
        this.access = access;
    }

    FieldAddress address() { return addr; }

    NtCodec codec() { return codec; }

    /** Attach the PV this channel feeds and start listening to the field. */
    void attach(JiocServerPV serverPV) {
        this.pv = serverPV;
        addr.subscribe(this);
    }

    /** The current value, encoded with the lock set held. */
    PVAStructure encodeNow() {
        try (LockSet.Guard g = addr.lock()) {
            return codec.encode();
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // JiocServerPV.Source

    @Override
    public PVAStructure read() {
        try (LockSet.Guard g = addr.lock()) {
            ReadMark mark = LAST_READ.get();
            mark.channel = this;
            mark.posts = posts;
            return codec.encode();
        }
    }

    @Override
    public void subscribed(Consumer<PVAStructure> catchUp) {
        ReadMark mark = LAST_READ.get();
        try (LockSet.Guard g = addr.lock()) {
            // posted() runs under this lock too, so the catch-up cannot overtake a newer event
            if (mark.channel != this || mark.posts != posts) catchUp.accept(codec.encode());
        } finally {
            mark.channel = null;
        }
    }

    @Override
    public void released() {
        addr.unsubscribe(this);
    }

    @Override
    public void reinstated() {
        addr.subscribe(this);
    }

    // -------------------------------------------------------------------------------------------------------------
    // FieldListener: called by the record with its lock set held

    @Override
    public void posted(Record record, FieldDef field, int mask) {
        if ((mask & MONITOR_MASK) == 0) return;
        posts++;
        JiocServerPV p = pv;
        if (p == null || !p.isSubscribed()) return;
        try {
            p.update(codec.encode());
        } catch (Exception e) {
            LOG.log(Level.WARNING, "PVA monitor update of " + p.getName() + " failed", e);
        }
    }

    // -------------------------------------------------------------------------------------------------------------
    // JiocServerPV.Writer: runs on the client's TCP receive thread

    /**
     * A client's put: access check, then {@link Database#putField}, which stores, processes a passive record when
     * the field is pp and returns once processing has started. An asynchronous record (PACT stays 1) finishes later;
     * the put is answered now, so the client's connection is never held up by a long operation.
     */
    @Override
    public void write(ClientAuthentication client, BitSet changes, PVAStructure written) throws Exception {
        String user = client.getUser();
        String host = client.getHost().getHostAddress();
        if (!access.canWrite(addr.record, addr.field, user, host))
            throw new PutRefused("write access to " + addr + " denied for " + user + "@" + host);
        Database.Store store;
        try {
            store = codec.decode(changes, written);
            try (PutOrigin.Scope who = PutOrigin.enter("pva:" + user + "@" + host)) {
                addr.record.database().putField(addr, store);
            }
        } catch (DbException e) {
            throw new PutRefused("put to " + addr + " refused: " + e.getMessage());
        }
    }

    /** The reason a put was refused; core-pva logs it and answers the client "Write failed". No stack trace. */
    static final class PutRefused extends Exception {
        PutRefused(String message) { super(message, null, false, false); }
    }
}
