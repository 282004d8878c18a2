package org.jioc.pva;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.epics.pva.data.PVAStructure;
import org.epics.pva.server.ClientAuthentication;
import org.epics.pva.server.JiocPVAServer;
import org.epics.pva.server.JiocServerPV;
import org.epics.pva.server.PVAServer;
import org.epics.pva.server.ServerAuthorization;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.security.AccessGate;

/**
 * The pvAccess server of one IOC, on core-pva ({@link JiocPVAServer}). A thin adapter: a channel name resolves
 * through {@link Database#resolve} (the same lookup as CA) to a {@link FieldAddress}, which a {@link RecordChannel}
 * serves. Channels are made when a client first searches for or opens a name and released once no client has had
 * them open for {@code idleRelease}, so a large database never has all its fields materialised. A name that is no
 * record field may be an {@link OwnedChannel} (a structure a plugin publishes); the two never share a name.
 *
 * <p>Write access is the IOC's access security: core-pva asks {@link #hasWriteAccess} (client user as
 * authenticated, host as its numeric IP) for the access rights it sends each client and before each put; when the
 * rules change, {@link #accessRulesChanged} re-sends every connected client its rights on every open channel.
 */
public final class PvaServer {
    private static final Logger LOG = Logger.getLogger(PvaServer.class.getName());
    /** How long a channel nobody has open stays materialised. */
    public static final Duration DEFAULT_IDLE_RELEASE = Duration.ofSeconds(30);

    /** A connected client: its address, how it authenticated, and the channels it has open. */
    public record ClientReport(InetSocketAddress address, String authentication, List<String> channels) { }

    /** A materialised channel: its name, normative type, clients having it open, and whether it is monitored. */
    public record ChannelReport(String name, String type, int clients, boolean monitored) { }

    private final Database db;
    private final PvaConfig cfg;
    private final AccessGate access;
    private final Duration idleRelease;
    private final OwnedChannels owned;
    private final AtomicBoolean rightsResendPending = new AtomicBoolean();
    private JiocPVAServer server;
    private ScheduledExecutorService housekeeping;

    PvaServer(Database db, PvaConfig cfg, AccessGate access, Duration idleRelease, OwnedChannels owned) {
        this.db = Objects.requireNonNull(db);
        this.owned = Objects.requireNonNull(owned);
        this.cfg = Objects.requireNonNull(cfg);
        this.access = access == null ? AccessGate.ALLOW_ALL : access;
        this.idleRelease = idleRelease;
    }

    /**
     * Open the sockets. The send buffer is sized for the largest value in the database first (core-pva allocates
     * it per connection). If the TCP port is taken, core-pva serves on a free port instead, as pvxs does: clients
     * still find it through the UDP search, which answers with the actual port; this is logged.
     */
    public synchronized void start() throws Exception {
        if (server != null) throw new IllegalStateException("PVA server already started");
        CoreLog.install();
        owned.checkAgainst(n -> db.resolve(n) != null);
        int sendBuffer = (int) Math.min(Integer.MAX_VALUE - 16L,
                Math.max(SendBuffer.needed(db), owned.largestValueBytes() + SendBuffer.HEADROOM));
        JiocPVAServer s;
        try {
            s = cfg.applyAndCreate(sendBuffer, () -> new JiocPVAServer(this::open));
        } catch (Exception e) {
            throw new Exception("pvAccess server (" + cfg + "): " + rootMessage(e), e);
        }
        s.configureAuthorization(new Authorization());
        server = s;
        int port = tcpPort();
        if (cfg.serverPort != 0 && port != cfg.serverPort)
            LOG.warning("pvAccess: TCP port " + cfg.serverPort + " is in use; serving on port " + port
                    + " (clients find it through the UDP search on port " + cfg.broadcastPort + ")");
        LOG.info("pvAccess server on TCP port " + port + ", UDP search port " + cfg.broadcastPort
                + ", send buffer " + PvaConfig.sendBufferSize() + " bytes");
        housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "PVA-channels-" + port);
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(10, Math.min(10_000, idleRelease.toMillis() / 2));
        housekeeping.scheduleWithFixedDelay(this::releaseIdle, period, period, TimeUnit.MILLISECONDS);
    }

    private static String rootMessage(Throwable e) {
        StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable c = e.getCause(); c != null && c != e; c = c.getCause()) {
            if (c.getMessage() != null && !sb.toString().contains(c.getMessage())) sb.append(": ").append(c.getMessage());
        }
        return sb.toString();
    }

    /** Close every connection and socket. */
    public synchronized void stop() {
        if (housekeeping != null) housekeeping.shutdownNow();
        housekeeping = null;
        if (server != null) server.close();
        server = null;
    }

    /** The TCP port clients connect to (may differ from EPICS_PVA_SERVER_PORT if that was taken). */
    public synchronized int tcpPort() {
        return server == null ? cfg.serverPort : server.getTCPAddress(false).getPort();
    }

    /** The UDP port searches are answered on. */
    public int udpPort() { return cfg.broadcastPort; }

    /** EPICS_PVAS_INTF_ADDR_LIST as the server uses it. */
    public String interfaces() { return cfg.interfaces; }

    /** Bytes of the send buffer each client connection gets. */
    public int sendBufferSize() { return PvaConfig.sendBufferSize(); }

    /** Monitor updates core-pva merged into a later one because the client had not been sent the previous one. */
    public long coalescedUpdates() { return CoreLog.COALESCED.get(); }

    // -------------------------------------------------------------------------------------------------------------
    // Channels

    /** core-pva looks a name up for the first time (search or channel creation): make its PV, or null. */
    private JiocServerPV open(JiocPVAServer s, String name) {
        FieldAddress a = db.resolve(name);
        if (a == null) return openOwned(s, name);
        RecordChannel ch = new RecordChannel(a, access);
        PVAStructure prototype;
        try {
            prototype = ch.encodeNow();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pvAccess: cannot serve " + name, e);
            return null;
        }
        JiocServerPV pv = s.newPV(name, prototype, a.field.isReadOnly() ? null : ch, ch);
        ch.attach(pv);
        return pv;
    }

    /** An owned channel's PV (read-only), or null if the name is not served here. */
    private JiocServerPV openOwned(JiocPVAServer s, String name) {
        OwnedChannel ch = owned.get(name);
        if (ch == null) return null;
        OwnedChannel.Served source = ch.source();
        JiocServerPV pv = s.newPV(name, ch.current(), null, source);
        source.attach(pv);
        return pv;
    }

    private void releaseIdle() {
        JiocPVAServer s = server;
        if (s == null) return;
        try {
            int n = s.releaseIdle(idleRelease.toNanos());
            if (n > 0) LOG.fine(() -> "pvAccess: released " + n + " unused channels");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pvAccess: releasing unused channels failed", e);
        }
    }

    /** Release the channels nobody has open now, whatever their idle time (tests, pvasr). */
    int releaseUnusedNow() {
        JiocPVAServer s = server;
        return s == null ? 0 : s.releaseIdle(0);
    }

    /** Materialised channels, sorted by name. */
    public List<ChannelReport> channels() {
        JiocPVAServer s = server;
        List<ChannelReport> out = new ArrayList<>();
        if (s == null) return out;
        for (JiocServerPV pv : s.livePVs()) {
            out.add(new ChannelReport(pv.getName(), typeOf(pv), pv.clientCount(), pv.isSubscribed()));
        }
        out.sort(Comparator.comparing(ChannelReport::name));
        return out;
    }

    private String typeOf(JiocServerPV pv) {
        FieldAddress a = db.resolve(pv.getName());
        if (a != null) return new NtCodec(a).typeId();
        OwnedChannel ch = owned.get(pv.getName());
        return ch == null ? "?" : ch.typeId();
    }

    /** Connected clients with their authentication and open channels, in connection order as core-pva lists them. */
    public List<ClientReport> clients() {
        JiocPVAServer s = server;
        List<ClientReport> out = new ArrayList<>();
        if (s == null) return out;
        Map<InetSocketAddress, List<String>> byClient = new LinkedHashMap<>();
        for (JiocServerPV pv : s.livePVs()) {
            for (InetSocketAddress c : pv.clientAddresses()) byClient.computeIfAbsent(c, k -> new ArrayList<>())
                    .add(pv.getName());
        }
        for (PVAServer.ClientInfo info : s.getClientInfos()) {
            List<String> names = byClient.getOrDefault(info.address(), new ArrayList<>());
            names.sort(null);
            out.add(new ClientReport(info.address(), String.valueOf(info.authentication()), names));
        }
        return out;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Access security

    /** Write access for a client: the IOC's access security with the authenticated user and the numeric host IP. */
    boolean hasWriteAccess(String channel, ClientAuthentication client) {
        FieldAddress a = db.resolve(channel);
        if (a == null || a.field.isReadOnly()) return false;
        return access.canWrite(a.record, a.field, client.getUser(), client.getHost().getHostAddress());
    }

    /** The access rules or their answers changed: re-send rights to all clients (off the caller's thread). */
    public void accessRulesChanged() {
        ScheduledExecutorService h = housekeeping;
        if (h == null || !rightsResendPending.compareAndSet(false, true)) return;
        try {
            h.execute(() -> {
                rightsResendPending.set(false);
                JiocPVAServer s = server;
                if (s != null) s.resendRights();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            rightsResendPending.set(false); // stopping
        }
    }

    /** core-pva's authorization hook, answered by the IOC's access security. Searches are always answered. */
    private final class Authorization extends ServerAuthorization {
        @Override
        public boolean hasWriteAccess(String pvName, ClientAuthentication client) {
            return PvaServer.this.hasWriteAccess(pvName, client);
        }
    }
}
