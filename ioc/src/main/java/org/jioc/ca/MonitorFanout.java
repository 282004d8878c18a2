package org.jioc.ca;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.cosylab.epics.caj.cas.handlers.AbstractCASResponseHandler;

import gov.aps.jca.cas.ProcessVariableEventCallback;
import gov.aps.jca.dbr.DBR;

import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Record;

/**
 * One field subscription per channel name, shared by every CA channel monitoring it. jca gives each channel its own
 * {@link gov.aps.jca.cas.ProcessVariable} and event dispatcher; without sharing, ten clients on one PV meant ten
 * listeners each snapshotting the field. Here a posted event snapshots the field once into a CTRL-level DBR and hands
 * that same DBR to every interested channel (jca converts it per subscriber and never changes it).
 */
final class MonitorFanout {
    private static final Logger LOG = Logger.getLogger(MonitorFanout.class.getName());

    private final Map<String, Source> sources = new ConcurrentHashMap<>();

    /** pv wants monitor events of its field (its first monitor was added). */
    void subscribe(FieldPV pv) {
        sources.compute(pv.getName(), (name, s) -> {
            Source src = s != null ? s : new Source(pv.address());
            src.add(pv);
            return src;
        });
    }

    /** pv's last monitor is gone (or the channel is destroyed). */
    void unsubscribe(FieldPV pv) {
        sources.computeIfPresent(pv.getName(), (name, s) -> s.remove(pv) ? null : s);
    }

    /** Subscriptions currently held (for tests). */
    int sourceCount() { return sources.size(); }

    private static final class Source implements FieldListener {
        private final FieldAddress addr;
        private final List<FieldPV> pvs = new CopyOnWriteArrayList<>();

        Source(FieldAddress addr) { this.addr = addr; }

        void add(FieldPV pv) {
            if (pvs.contains(pv)) return;
            pvs.add(pv);
            if (pvs.size() == 1) addr.subscribe(this);
        }

        /** true when nobody is left (the field listener is removed). */
        boolean remove(FieldPV pv) {
            pvs.remove(pv);
            if (!pvs.isEmpty()) return false;
            addr.unsubscribe(this);
            return true;
        }

        /** Called with the lock set held. */
        @Override
        public void posted(Record r, FieldDef f, int mask) {
            if (mask == 0 || pvs.isEmpty()) return;
            DBR dbr = null;
            // same bits: DBE_VALUE=Monitor.VALUE, DBE_LOG=Monitor.LOG, DBE_ALARM=Monitor.ALARM, DBE_PROPERTY=PROPERTY
            for (FieldPV pv : pvs) {
                ProcessVariableEventCallback cb = pv.getEventCallback();
                if (cb == null) continue;
                if (dbr == null) {
                    dbr = AbstractCASResponseHandler.createDBRforReading(pv);
                    try {
                        DbrCodec.fill(addr, dbr);
                    } catch (RuntimeException e) {
                        LOG.log(Level.WARNING, "CA monitor of " + pv.getName() + " failed", e);
                        return;
                    }
                }
                cb.postEvent(mask, dbr);
            }
        }
    }
}
