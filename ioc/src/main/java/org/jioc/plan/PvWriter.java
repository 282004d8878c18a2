package org.jioc.plan;

import java.util.logging.Logger;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;

/**
 * How a PV set of this IOC writes its own PVs (status, messages, file readbacks): a put that processes, and a failure
 * logged with the set's prefix rather than thrown, since the run must go on. Used by the plan sets and saveData.
 */
public final class PvWriter {
    private static final Logger LOG = Logger.getLogger(PvWriter.class.getName());

    private final Database db;
    private final String prefix;

    public PvWriter(Database db, String prefix) {
        this.db = db;
        this.prefix = prefix;
    }

    public void put(FieldAddress a, long v) {
        try {
            db.putField(a, r -> r.storeLong(a.field, v));
        } catch (DbException | RuntimeException e) {
            failed(a, Long.toString(v), e);
        }
    }

    public void putDouble(FieldAddress a, double v) {
        try {
            db.putField(a, r -> r.storeDouble(a.field, v));
        } catch (DbException | RuntimeException e) {
            failed(a, Double.toString(v), e);
        }
    }

    public void put(FieldAddress a, String v) {
        try {
            db.putField(a, r -> r.storeString(a.field, v));
        } catch (DbException | RuntimeException e) {
            failed(a, "'" + v + "'", e);
        }
    }

    /**
     * At iocInit: a string record still empty gets the value of its info(tag, "...") (how templates give string
     * defaults longer than a VAL field, e.g. info(dataFileDefault, "$(FILE_PATH=)")).
     */
    public void putDefault(FieldAddress a, String tag) {
        String d = a.record.info(tag);
        if (d == null || d.isEmpty()) return;
        String now;
        try (var g = a.lock()) {
            now = a.record.getString(a.field);
        }
        if (now.isEmpty()) put(a, d);
    }

    private void failed(FieldAddress a, String value, Exception e) {
        LOG.warning(prefix + ": writing " + value + " to " + a + " failed: " + e.getMessage());
    }
}
