package org.jioc.ca;

import java.util.Map;

import org.jioc.IocService;
import org.jioc.db.Database;
import org.jioc.security.AccessGate;
import org.jioc.security.AccessSecurity;

/** Channel Access for an IOC: CA links installed before iocInit, the server started after it. */
public final class CaService implements IocService {
    private final AccessGate access;
    private CaServer server;
    private CaLinks links;
    private Runnable rightsListener;

    public CaService(AccessGate access) { this.access = access; }

    @Override
    public boolean servesClients() { return true; }

    @Override
    public String name() { return "Channel Access"; }

    @Override
    public void beforeInit(Database db, Map<String, String> env) {
        // st.cmd epicsEnvSet values take part, as they do for libca in a C IOC.
        links = new CaLinks(env);
        db.setRemoteLinks(links);
    }

    @Override
    public void start(Database db, Map<String, String> env) throws Exception {
        server = new CaServer(db, CaConfig.fromEnvironment(env));
        server.setAccessGate(access);
        server.start();
        if (access instanceof AccessSecurity) {
            CaServer s = server;
            rightsListener = s::rightsChanged;
            ((AccessSecurity) access).addRightsListener(rightsListener);
        }
    }

    @Override
    public void stop() {
        if (rightsListener != null) ((AccessSecurity) access).removeRightsListener(rightsListener);
        if (server != null) server.stop();
    }

    /** The CA links of the database (for dbcar), or null before iocInit. */
    public CaLinks links() { return links; }

    /** The running server (for casr and access security), or null before iocInit. */
    public CaServer server() { return server; }
}
