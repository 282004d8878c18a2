package org.jioc.ca;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.cosylab.epics.caj.cas.CAJServerContext;
import com.cosylab.epics.caj.cas.CASTransport;
import com.cosylab.epics.caj.cas.requests.AccessRightsRequest;
import com.cosylab.epics.caj.impl.Transport;

import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.CAStatusException;
import gov.aps.jca.cas.ProcessVariable;
import gov.aps.jca.cas.ProcessVariableAttachCallback;
import gov.aps.jca.cas.ProcessVariableEventCallback;
import gov.aps.jca.cas.ProcessVariableExistanceCallback;
import gov.aps.jca.cas.ProcessVariableExistanceCompletion;
import gov.aps.jca.cas.Server;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.security.AccessGate;
import org.jioc.security.AccessSecurity;

/**
 * The Channel Access server of one IOC, on jca's CAS (org.epics:jca 2.4.9). A thin adapter: a channel name resolves
 * through {@link Database#resolve} to a {@link FieldAddress}, which a {@link FieldPV} serves. No record logic here.
 */
public final class CaServer implements Server {
    private static final Logger LOG = Logger.getLogger(CaServer.class.getName());

    /** One client circuit (TCP connection), as {@code casr} prints it. */
    public record ClientInfo(String address, String host, String user, int minorVersion, int priority,
            List<String> channels) { }

    private final Database db;
    private final CaConfig cfg;
    private volatile AccessGate gate = AccessGate.ALLOW_ALL;
    private final Set<FieldChannel> channels = ConcurrentHashMap.newKeySet();
    private final MonitorFanout monitors = new MonitorFanout();
    private JiocServerContext ctx;
    private Thread runner;

    public CaServer(Database db, CaConfig cfg) {
        this.db = Objects.requireNonNull(db);
        this.cfg = Objects.requireNonNull(cfg);
    }

    public CaConfig config() { return cfg; }

    public void setAccessGate(AccessGate g) { this.gate = g == null ? AccessGate.ALLOW_ALL : g; }

    AccessGate accessGate() { return gate; }

    /** The store for a permitted client write: reported to the trap-write listeners if a TRAPWRITE rule says so. */
    Database.Store trapWrite(FieldAddress a, String user, String host, Database.Store store) {
        AccessGate g = gate;
        return g instanceof AccessSecurity ? ((AccessSecurity) g).trapWrite(a, user, host, store) : store;
    }

    /**
     * Access rights may have changed (asInit, a CALC input, a record's ASG): send CA_PROTO_ACCESS_RIGHTS again to
     * every client whose rights on a channel differ from what it was last told. libca checks write access on the
     * client side, so without this a client refused at connect time could never write after the rule allows it.
     */
    public void rightsChanged() {
        if (ctx == null) return;
        for (FieldChannel ch : channels) {
            int rights = ch.rights();
            if (!ch.markSent(rights)) continue;
            CASTransport t = circuit(ch);
            if (t == null) continue; // not registered yet: the create reply will carry the current rights
            try {
                new AccessRightsRequest(t, ch).submit();
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "access rights to " + t.getRemoteAddress() + " for " + ch.channelName(), e);
            }
        }
    }

    /** The circuit (client connection) a channel belongs to, found once and remembered by the channel. */
    CASTransport circuit(FieldChannel ch) {
        CASTransport t = ch.transport();
        if (t != null) return t;
        JiocServerContext c = ctx;
        if (c == null) return null;
        t = circuitOf(ch, c.getTransportRegistry().toArray());
        if (t != null) ch.transport(t);
        return t;
    }

    private static CASTransport circuitOf(FieldChannel ch, Transport[] circuits) {
        for (Transport t : circuits) {
            if (t instanceof CASTransport && ((CASTransport) t).getChannel(ch.getSID()) == ch) return (CASTransport) t;
        }
        return null;
    }

    /** Open the sockets and start answering searches and connections. */
    public synchronized void start() throws CAException {
        if (ctx != null) throw new IllegalStateException("CA server already started");
        JiocServerContext c = new JiocServerContext(cfg);
        c.initialize(this);
        ctx = c;
        runner = new Thread(() -> {
            try {
                c.run(0);
            } catch (CAException | IllegalStateException e) {
                LOG.log(Level.FINE, "CA server run ended", e);
            }
        }, "CAS-run-" + c.getTcpServerPort());
        runner.setDaemon(true);
        runner.start();
    }

    /** Close every circuit and socket. */
    public synchronized void stop() {
        JiocServerContext c = ctx;
        ctx = null;
        if (c == null) return;
        try {
            c.destroy();
        } catch (CAException | IllegalStateException e) {
            LOG.log(Level.FINE, "CA server destroy", e);
        }
        channels.clear();
    }

    /** The port searches and circuits use (TCP and UDP are the same unless the TCP port was taken). */
    public synchronized int port() {
        return ctx != null ? ctx.getTcpServerPort() : cfg.serverPort;
    }

    /** Every connected circuit with the channels it has open (jca's transport registry), as {@code casr} prints. */
    public List<ClientInfo> clients() {
        JiocServerContext c;
        synchronized (this) {
            c = ctx;
        }
        if (c == null) return List.of();
        List<FieldChannel> open = new ArrayList<>(channels);
        open.sort((a, b) -> Integer.compare(a.getSID(), b.getSID()));
        List<ClientInfo> out = new ArrayList<>();
        for (Transport t : c.getTransportRegistry().toArray()) {
            if (!(t instanceof CASTransport)) continue;
            CASTransport ct = (CASTransport) t;
            List<String> names = new ArrayList<>();
            for (FieldChannel ch : open) {
                if (ct.getChannel(ch.getSID()) == ch) names.add(ch.channelName());
            }
            InetSocketAddress ra = ct.getRemoteAddress();
            String address = ra == null ? "?" : ra.getAddress().getHostAddress() + ":" + ra.getPort();
            out.add(new ClientInfo(address, nonNull(ct.getClientHostname()), nonNull(ct.getClientUsername()),
                    ct.getMinorRevision(), ct.getPriority(), Collections.unmodifiableList(names)));
        }
        out.sort((x, y) -> x.address().compareTo(y.address()));
        return out;
    }

    private static String nonNull(String s) { return s == null ? "" : s; }

    /** The shared field subscriptions of monitored channels. */
    MonitorFanout monitors() { return monitors; }

    void channelOpened(FieldChannel ch) { channels.add(ch); }

    void channelClosed(FieldChannel ch) { channels.remove(ch); }

    // -------------------------------------------------------------------------------------------------------------
    // jca Server

    @Override
    public ProcessVariableExistanceCompletion processVariableExistanceTest(String name, InetSocketAddress client,
                                                                           ProcessVariableExistanceCallback cb) {
        if (client != null && !cfg.servesClient(client.getAddress()))
            return ProcessVariableExistanceCompletion.DOES_NOT_EXIST_HERE;
        return db.resolve(name) != null ? ProcessVariableExistanceCompletion.EXISTS_HERE
                : ProcessVariableExistanceCompletion.DOES_NOT_EXIST_HERE;
    }

    @Override
    public ProcessVariable processVariableAttach(String name, ProcessVariableEventCallback events,
                                                 ProcessVariableAttachCallback cb) throws CAStatusException {
        FieldAddress a = db.resolve(name);
        if (a == null) throw new CAStatusException(CAStatus.DEFUNCT, "no channel " + name + " here");
        return new FieldPV(this, name, a, events);
    }

    /** A free port for both TCP and UDP (CA uses the same number for both), for tests and "port 0". */
    public static int freePort() throws IOException {
        for (int i = 0; i < 50; i++) {
            int p;
            try (ServerSocket s = new ServerSocket(0)) {
                p = s.getLocalPort();
            }
            try (DatagramSocket d = new DatagramSocket(p)) {
                return p;
            } catch (IOException busy) {
                // try another
            }
        }
        throw new IOException("no free port for TCP and UDP");
    }

    /**
     * jca's server context with our settings put in place after its constructor read the library properties and
     * before {@code initialize} opens sockets. This keeps each server's settings its own (two IOCs in one JVM) where
     * system properties would be shared.
     */
    static final class JiocServerContext extends CAJServerContext {
        JiocServerContext(CaConfig c) {
            super();
            int port = c.serverPort;
            if (port == 0) {
                try {
                    port = freePort();
                } catch (IOException e) {
                    port = CaConfig.DEFAULT_PORT;
                }
            }
            tcpServerPort = port;
            udpServerPort = port;
            beaconAddressList = c.beaconAddrList;
            autoBeaconAddressList = c.autoBeaconAddrList;
            beaconPeriod = c.beaconPeriod;
            beaconPort = c.beaconPort;
            maxArrayBytes = c.maxArrayBytes;
            ignoreAddressList = c.ignoreAddrList;
        }
    }
}
