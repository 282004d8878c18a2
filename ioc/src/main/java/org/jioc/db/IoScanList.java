package org.jioc.db;

import java.util.concurrent.CopyOnWriteArrayList;

/** An I/O Intr source (IOSCANPVT): scanIoRequest processes every member record on the callback thread of its PRIO. */
public final class IoScanList {
    private final CopyOnWriteArrayList<Record> members = new CopyOnWriteArrayList<>();

    void add(Record r) { if (!members.contains(r)) members.add(r); }

    void remove(Record r) { members.remove(r); }

    public int size() { return members.size(); }

    /** Queue processing of every member; returns how many were queued. */
    public int request() {
        int n = 0;
        for (Record r : members) {
            r.db.scheduler().queueProcess(r);
            n++;
        }
        return n;
    }
}
