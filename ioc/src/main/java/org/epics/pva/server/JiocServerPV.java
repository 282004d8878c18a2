package org.epics.pva.server;

import static org.epics.pva.PVASettings.logger;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.logging.Level;

import org.epics.pva.data.PVAStructure;

/**
 * A core-pva {@link ServerPV} whose data is read from its source whenever core-pva asks for it, and which knows which
 * client connections use it. jioc's channels are views of record fields; the class lives in core-pva's package
 * because the hooks it needs are package-private there (core-pva 5.0.5's jar is not sealed):
 *
 * <ul>
 * <li>{@code getData()}: core-pva answers a GET, a GET-PUT, a type request and a new monitor's first update from the
 * PV's cached copy of the last {@link #update}. A record field changes without any event (a put inside MDEL, fields
 * the record changes silently), so the cache is not the live value. Overridden to read the source instead.
 * <li>{@code registerSubscription}: a monitor takes its first value (getData) before it is registered for updates;
 * whatever the source posted in between would be lost. The source is asked to catch the new subscription up.
 * <li>{@code addClient}/{@code removeClient}: who has the channel open, so unused PVs can be released
 * ({@link JiocPVAServer#releaseIdle}), access rights can be re-sent to exactly those clients, and pvasr can list
 * them. core-pva remembers one channel id per connection; a client may open the same name twice on one connection
 * (pvAccessJava does), so every id is tracked here, and core-pva only hears of the connection's last channel
 * closing (it drops all of the connection's monitors of the PV when told).
 * </ul>
 */
public final class JiocServerPV extends ServerPV {
    /** Where the PV's data comes from, and what it must do when the PV is released or comes back. */
    public interface Source {
        /** The current data, read now (GET, PUT copy, type request, a new monitor's first value). */
        PVAStructure read();

        /**
         * A monitor was registered after it took its first value with {@link #read()} on this thread. If anything was
         * posted since, call {@code catchUp} with the current data, with posting held off while doing so.
         */
        void subscribed(Consumer<PVAStructure> catchUp);

        /** The PV left the server (no clients for a while): stop feeding it. */
        void released();

        /** A client opened the released PV after all (it was found just before release): feed it again. */
        void reinstated();
    }

    /** A write from a client, with who the client is. */
    @FunctionalInterface
    public interface Writer {
        /** Apply the written fields; throw to refuse (the client gets "Write failed"). */
        void write(ClientAuthentication client, java.util.BitSet changes, PVAStructure written) throws Exception;
    }

    private final JiocPVAServer server;
    private final Source source;
    /** Open channels: the client connection and its channel ids for this PV. */
    private final Map<ServerTCPHandler, Set<Integer>> clients = new ConcurrentHashMap<>();
    /** System.nanoTime() when the PV became unused (created without a client, or its last client left). */
    private volatile long idleSince = System.nanoTime();
    private boolean released;

    JiocServerPV(JiocPVAServer server, String name, PVAStructure prototype, Writer writer, Source source) {
        super(server, name, prototype, writer == null ? READONLY_WRITE_HANDLER
                : (tcp, pv, changes, written) -> writer.write(((ServerTCPHandler) tcp).getClientAuthentication(),
                        changes, written));
        this.server = server;
        this.source = source;
    }

    Source source() { return source; }

    @Override
    PVAStructure getData() {
        return source.read();
    }

    @Override
    void registerSubscription(MonitorSubscription subscription) {
        super.registerSubscription(subscription);
        source.subscribed(data -> {
            try {
                SubscriptionUpdates.update(subscription, data);
            } catch (Exception e) {
                logger.log(Level.WARNING, "Cannot update " + subscription, e);
            }
        });
    }

    /**
     * Send new data to the monitors (through {@link SubscriptionUpdates}, which keeps changes not yet sent). core-pva's
     * own copy of the data is not kept: {@link #getData()} reads the source.
     */
    @Override
    public void update(PVAStructure newData) throws Exception {
        SubscriptionUpdates.updateAll(this, newData);
    }

    @Override
    synchronized void addClient(ServerTCPHandler tcp, int cid) {
        if (released) {
            released = false;
            server.reinstate(this);
            source.reinstated();
        }
        super.addClient(tcp, cid);
        clients.computeIfAbsent(tcp, k -> ConcurrentHashMap.newKeySet()).add(cid);
    }

    @Override
    synchronized void removeClient(ServerTCPHandler tcp, int cid) {
        Set<Integer> ids = clients.get(tcp);
        if (ids != null && cid != -1) {
            ids.remove(cid);
            if (!ids.isEmpty()) {
                super.addClient(tcp, ids.iterator().next()); // core-pva keeps one id: point it at one still open
                return;
            }
        }
        super.removeClient(tcp, cid);
        if (clients.remove(tcp) != null && clients.isEmpty()) idleSince = System.nanoTime();
    }

    /** Release this PV if nobody has used it for graceNanos; the server's maps forget it in the same step. */
    synchronized boolean releaseIfIdle(long now, long graceNanos) {
        if (released || !clients.isEmpty() || isSubscribed() || now - idleSince < graceNanos) return false;
        released = true;
        server.forget(this);
        source.released();
        return true;
    }

    /** The server stops: release unconditionally. */
    synchronized void releaseForShutdown() {
        if (released) return;
        released = true;
        source.released();
    }

    /** Number of client connections that have this channel open. */
    public int clientCount() { return clients.size(); }

    /** Number of channels clients have open to this PV (a connection may open the same name more than once). */
    public int channelCount() {
        int n = 0;
        for (Set<Integer> ids : clients.values()) n += ids.size();
        return n;
    }

    /** Addresses of the client connections that have this channel open. */
    public List<InetSocketAddress> clientAddresses() {
        List<InetSocketAddress> out = new ArrayList<>();
        for (ServerTCPHandler tcp : clients.keySet()) out.add(tcp.getRemoteAddress());
        return out;
    }

    /** Send each client of this channel its current write access (after the access rules changed). */
    void resendRights() {
        for (ServerTCPHandler tcp : clients.keySet()) updatePermissions(tcp, tcp.getClientAuthentication());
    }
}
