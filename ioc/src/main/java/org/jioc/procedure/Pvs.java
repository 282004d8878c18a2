package org.jioc.procedure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.RemoteLinks;

/**
 * Finds the PVs procedures name: a field of this IOC first (as dbNameToAddr), else a remote PV followed through the
 * database's remote links. Remote PVs are opened once and kept, so a precheck on another IOC's permit stays live.
 */
final class Pvs {
    private final Database db;
    private final Map<String, RemotePv> remote = new ConcurrentHashMap<>();
    private volatile boolean closed;

    Pvs(Database db) { this.db = db; }

    /** Is the name a field of this IOC? */
    boolean isLocal(String name) { return db.resolve(name) != null; }

    /** Could the name be reached at all (this IOC, or another one through remote links)? */
    boolean isReachable(String name) { return isLocal(name) || db.remoteLinks() != null; }

    Pv get(String name) throws ProcedureFailure {
        FieldAddress a = db.resolve(name);
        if (a != null) return new LocalPv(a);
        RemoteLinks links = db.remoteLinks();
        if (links == null || closed) throw new ProcedureFailure("no PV " + name + " in this IOC");
        RemotePv pv = remote.computeIfAbsent(name, n -> {
            RemotePv p = new RemotePv(n);
            return p.open(links) ? p : null;
        });
        if (pv == null) throw new ProcedureFailure("no PV " + name + " in this IOC, and it cannot be watched remotely");
        return pv;
    }

    void close() {
        closed = true;
        for (RemotePv p : remote.values()) p.close();
        remote.clear();
    }
}
