package org.jioc.catalog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Logger;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldListener;
import org.jioc.db.PutOrigin;
import org.jioc.db.Record;

/**
 * The records of db-templates/catalog.template ($(P)Queue:* and $(P)Catalog:*), found from the record carrying
 * info(runCatalog, "$(P)"), and the writes the catalog makes to them. Every write is a dbPutField, so monitors
 * and put-callbacks behave as if a client had written; a failed write is logged and changes nothing else.
 */
final class CatalogPvs {
    /** The info tag that marks a catalog PV set; its value is the set's prefix. */
    static final String INFO_TAG = "runCatalog";
    static final int MESSAGE_BYTES = 255;
    static final String[] QUEUE_STATES = {"Idle", "Running", "Offline"};
    static final String[] CATALOG_STATES = {"Disconnected", "Connected"};
    private static final Logger LOG = Logger.getLogger(CatalogPvs.class.getName());

    /** What a client asked through the PVs: a submit (command and arguments read), a cancel or a resubmit. */
    interface Requests {
        void submit(CatalogPvs set, String command, String arguments, String who);

        void cancel(CatalogPvs set, long id, String who);

        void resubmit(CatalogPvs set, long id, String who);
    }

    final String prefix;
    private final Database db;
    private final FieldAddress command, arguments, submit, lastId, length, current, currentCommand, cancel, resubmit,
            queueStatus, queueMessage, catalogStatus, catalogMessage, url, lastScanId, lastUid;
    private final List<Runnable> unsubscribe = new ArrayList<>();

    private CatalogPvs(Database db, String prefix) throws CatalogException {
        this.db = db;
        this.prefix = prefix;
        command = field("Queue:Command");
        arguments = field("Queue:Arguments");
        submit = field("Queue:Submit");
        lastId = field("Queue:LastId");
        length = field("Queue:Length");
        current = field("Queue:Current");
        currentCommand = field("Queue:CurrentCommand");
        cancel = field("Queue:Cancel");
        resubmit = field("Queue:Resubmit");
        queueStatus = field("Queue:Status");
        queueMessage = field("Queue:Message");
        catalogStatus = field("Catalog:Status");
        catalogMessage = field("Catalog:Message");
        url = field("Catalog:Url");
        lastScanId = field("Catalog:LastScanId");
        lastUid = field("Catalog:LastUid");
        checkStates(queueStatus, QUEUE_STATES);
        checkStates(catalogStatus, CATALOG_STATES);
        if (!submit.record.type().name().equals("busy"))
            throw new CatalogException("record " + prefix + "Queue:Submit must be a busy record, not "
                    + submit.record.type().name());
    }

    /** The set marked by r's info(runCatalog, "prefix"). */
    static CatalogPvs bind(Database db, Record r) throws CatalogException {
        String prefix = r.info(INFO_TAG);
        if (prefix == null) prefix = "";
        if (!r.name().equals(prefix + "Catalog:Status"))
            throw new CatalogException("info(" + INFO_TAG + ", \"" + prefix + "\") belongs on the record " + prefix
                    + "Catalog:Status (its value is the PV prefix)");
        return new CatalogPvs(db, prefix);
    }

    private FieldAddress field(String suffix) throws CatalogException {
        FieldAddress a = db.resolve(prefix + suffix + ".VAL");
        if (a == null) throw new CatalogException("record " + prefix + suffix
                + " is missing (load db-templates/catalog.template for the whole PV set)");
        return a;
    }

    private void checkStates(FieldAddress a, String[] want) throws CatalogException {
        String[] have = a.record.choices(a.field);
        if (have.length < want.length || !Arrays.equals(Arrays.copyOf(have, want.length), want))
            throw new CatalogException("record " + a.record.name() + " must have the states "
                    + String.join(", ", want) + " in that order");
    }

    /** Start listening to Submit, Cancel and Resubmit (listeners only note the request; requests does the work). */
    void attach(Requests requests) {
        put(submit, 0);
        put(cancel, 0);
        put(resubmit, 0);
        listen(submit, (v, who) -> requests.submit(this, read(command), read(arguments), who));
        listen(cancel, (v, who) -> requests.cancel(this, v, who));
        listen(resubmit, (v, who) -> requests.resubmit(this, v, who));
    }

    void detach() {
        unsubscribe.forEach(Runnable::run);
        unsubscribe.clear();
    }

    private interface Posted {
        void posted(long value, String who);
    }

    /** Non-zero writes only: the catalog's own write of 0 (request handled) is not a request. */
    private void listen(FieldAddress a, Posted p) {
        FieldListener l = (r, f, mask) -> {
            if ((mask & FieldListener.DBE_VALUE) == 0) return;
            long v = r.getLong(f);
            if (v != 0) p.posted(v, PutOrigin.current());
        };
        a.subscribe(l);
        unsubscribe.add(() -> a.unsubscribe(l));
    }

    private static String read(FieldAddress a) {
        try (var g = a.lock()) {
            return a.record.getString(a.field);
        }
    }

    // -----------------------------------------------------------------------------------------------------------
    // Writes

    void submitDone(long id) {
        if (id > 0) put(lastId, id);
        put(submit, 0);
    }

    void cancelDone() { put(cancel, 0); }

    void resubmitDone() { put(resubmit, 0); }

    void queueLength(int n) { put(length, n); }

    void current(QueuedCommand c) {
        put(current, c == null ? 0 : c.id());
        put(currentCommand, c == null ? "" : fitString(c.command(), 39));
    }

    void queueStatus(int state) { put(queueStatus, state); }

    void queueMessage(String text) { put(queueMessage, fit(text)); }

    void catalog(boolean connected, String message) {
        put(catalogMessage, fit(message));
        put(catalogStatus, connected ? 1 : 0);
    }

    void url(String text) { put(url, fit(text)); }

    void lastRun(long scanId, String uid) {
        put(lastScanId, scanId);
        put(lastUid, fitString(uid, 39));
    }

    static String fit(String text) { return fitString(text, MESSAGE_BYTES); }

    /** text cut to max bytes of UTF-8, whole characters. */
    static String fitString(String text, int max) {
        String t = text == null ? "" : text;
        int n = t.length();
        while (n > 0 && t.substring(0, n).getBytes(StandardCharsets.UTF_8).length > max) n--;
        return t.substring(0, n);
    }

    private void put(FieldAddress a, long v) {
        try {
            db.putField(a, r -> r.storeLong(a.field, v));
        } catch (DbException | RuntimeException e) {
            LOG.warning("run catalog: writing " + v + " to " + a + " failed: " + e.getMessage());
        }
    }

    private void put(FieldAddress a, String v) {
        try {
            db.putField(a, r -> r.storeString(a.field, v));
        } catch (DbException | RuntimeException e) {
            LOG.warning("run catalog: writing '" + v + "' to " + a + " failed: " + e.getMessage());
        }
    }
}
