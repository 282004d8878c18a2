package org.jioc.db;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A put with completion (dbProcessNotify). Every record processed on behalf of the put joins the wait set; a record
 * leaves it when it calls its forward link (recGblFwdLink), so asynchronous records and busy records keep the put
 * open until they finish. When the set is empty the callback runs, off the lock, on the notify thread.
 */
final class PutNotify {
    private final Database db;
    private final Consumer<DbException> callback;
    final Record head;
    private final Set<Record> waiting = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean started;
    private boolean done;
    private DbException error;

    PutNotify(Database db, Record head, Consumer<DbException> callback) {
        this.db = db;
        this.head = head;
        this.callback = callback;
    }

    /** dbNotifyAdd: the record joins unless it is already active or serving another put. */
    synchronized void add(Record r) {
        if (done || r.l[Record.PACT] != 0) return;
        if (r.ppn == null) {
            r.ppn = this;
            waiting.add(r);
        }
    }

    /** dbNotifyCompletion. */
    synchronized void recordDone(Record r) {
        if (r.ppn == this) r.ppn = null;
        waiting.remove(r);
        if (started && waiting.isEmpty()) complete();
    }

    /** The synchronous part of the put has returned; complete now if nothing is still running. */
    synchronized void started() {
        started = true;
        if (waiting.isEmpty()) complete();
    }

    synchronized void fail(DbException e) {
        error = e;
        for (Record r : waiting) if (r.ppn == this) r.ppn = null;
        waiting.clear();
        complete();
    }

    /** Client went away or the put was cancelled: forget the records, never call back. */
    synchronized void cancel() {
        for (Record r : waiting) if (r.ppn == this) r.ppn = null;
        waiting.clear();
        done = true;
    }

    private void complete() {
        if (done) return;
        done = true;
        DbException e = error;
        db.notifyCompleted(this, () -> callback.accept(e));
    }
}
