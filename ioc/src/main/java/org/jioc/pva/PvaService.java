package org.jioc.pva;

import java.time.Duration;
import java.util.Map;

import org.jioc.IocService;
import org.jioc.db.Database;
import org.jioc.security.AccessSecurity;

/** pvAccess for an IOC: the server started after iocInit with the IOC's environment and access security. */
public final class PvaService implements IocService {
    private final AccessSecurity accessSecurity;
    private final Duration idleRelease;
    private final Runnable rightsListener = this::rightsChanged;
    private final OwnedChannels owned = new OwnedChannels();
    private volatile PvaServer server;

    public PvaService(AccessSecurity accessSecurity) { this(accessSecurity, PvaServer.DEFAULT_IDLE_RELEASE); }

    /** idleRelease: how long a channel no client has open stays materialised. */
    public PvaService(AccessSecurity accessSecurity, Duration idleRelease) {
        this.accessSecurity = accessSecurity;
        this.idleRelease = idleRelease;
    }

    @Override
    public boolean servesClients() { return true; }

    @Override
    public String name() { return "pvAccess"; }

    @Override
    public void start(Database db, Map<String, String> env) throws Exception {
        PvaServer s = new PvaServer(db, PvaConfig.fromEnvironment(env), accessSecurity, idleRelease, owned);
        s.start();
        server = s;
        if (accessSecurity != null) accessSecurity.addRightsListener(rightsListener);
    }

    private void rightsChanged() {
        PvaServer s = server;
        if (s != null) s.accessRulesChanged();
    }

    @Override
    public void stop() {
        if (accessSecurity != null) accessSecurity.removeRightsListener(rightsListener);
        PvaServer s = server;
        server = null;
        if (s != null) s.stop();
    }

    /** The channels served besides record fields (plugins add theirs, before or after iocInit). */
    public OwnedChannels ownedChannels() { return owned; }

    /** The running server (for pvasr), or null before iocInit. */
    public PvaServer server() { return server; }
}
