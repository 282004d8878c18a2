package org.jioc.plan;

import java.util.logging.Logger;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;

/**
 * How a plan set writes its own PVs (status, messages, file readbacks): a put that processes, and a failure logged
 * with the set's prefix rather than thrown, since the run must go on.
 */
final class PvWriter {
    private static final Logger LOG = Logger.getLogger(PvWriter.class.getName());

    private final Database db;
    private final String prefix;

    PvWriter(Database db, String prefix) {
        this.db = db;
        this.prefix = prefix;
    }

    void put(FieldAddress a, long v) {
        try {
            db.putField(a, r -> r.storeLong(a.field, v));
        } catch (DbException | RuntimeException e) {
            failed(a, Long.toString(v), e);
        }
    }

    void putDouble(FieldAddress a, double v) {
        try {
            db.putField(a, r -> r.storeDouble(a.field, v));
        } catch (DbException | RuntimeException e) {
            failed(a, Double.toString(v), e);
        }
    }

    void put(FieldAddress a, String v) {
        try {
            db.putField(a, r -> r.storeString(a.field, v));
        } catch (DbException | RuntimeException e) {
            failed(a, "'" + v + "'", e);
        }
    }

    private void failed(FieldAddress a, String value, Exception e) {
        LOG.warning("plan " + prefix + ": writing " + value + " to " + a + " failed: " + e.getMessage());
    }
}
