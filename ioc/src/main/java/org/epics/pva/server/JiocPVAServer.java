package org.epics.pva.server;

import static org.epics.pva.PVASettings.logger;

import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

import org.epics.pva.common.JiocSockets;
import org.epics.pva.data.PVAStructure;

/**
 * core-pva's {@link PVAServer} with channels created on demand: a name becomes a {@link JiocServerPV} the first time
 * core-pva looks it up, and goes away again when no client has used it for a while. An IOC with 100,000 records of
 * ~100 fields each cannot create all of its channels up front (core-pva only serves PVs it holds).
 *
 * <p>It lives in core-pva's package because core-pva finds PVs through package-private methods ({@code getPV} by
 * name and by server id, {@code deletePV}, {@code shutdownConnection}, {@code updatePermissions}); this class
 * overrides exactly those to use its own maps, and {@code register} to turn off Nagle's algorithm on each client
 * connection (see {@link JiocSockets}). Channels are created in {@code getPV(name)} rather than in a
 * {@link SearchHandler}: that one lookup serves both the UDP/TCP search reply and CREATE_CHANNEL, so a client that
 * creates a channel without searching first (a name-server client, or one re-creating a channel whose PV was
 * released) is served as well.
 */
public final class JiocPVAServer extends PVAServer {
    /** Makes the PV for a channel name, or says the name is not served here. */
    @FunctionalInterface
    public interface Channels {
        /**
         * A new, not yet registered PV for name (use {@link JiocPVAServer#newPV}), or null. Its source is already
         * being fed; if another thread registered the same name first, the new PV is released unused.
         */
        JiocServerPV open(JiocPVAServer server, String name);
    }

    /** The PV maps and the factory, published together once the super constructor (which starts listening) ran. */
    private static final class State {
        final Channels channels;
        final ConcurrentHashMap<String, JiocServerPV> byName = new ConcurrentHashMap<>();
        final ConcurrentHashMap<Integer, JiocServerPV> bySid = new ConcurrentHashMap<>();

        State(Channels channels) { this.channels = channels; }
    }

    /** Null while super() runs: core-pva's listener threads may already call in, and find nothing yet. */
    private volatile State state;

    /** Create the server with PVASettings as they are now (ports, interfaces, buffer sizes are read here). */
    public JiocPVAServer(Channels channels) throws Exception {
        super();
        this.state = new State(channels);
    }

    /** A PV for {@link Channels#open}: writer null makes it read-only for every client. */
    public JiocServerPV newPV(String name, PVAStructure prototype, JiocServerPV.Writer writer,
                              JiocServerPV.Source source) {
        return new JiocServerPV(this, name, prototype, writer, source);
    }

    @Override
    ServerPV getPV(String name) {
        State s = state;
        if (s == null || name == null) return null;
        JiocServerPV pv = s.byName.get(name);
        if (pv != null) return pv;
        JiocServerPV created = s.channels.open(this, name); // outside any map lock: it reads the database
        if (created == null) return null;
        s.bySid.put(created.getSID(), created); // by id first: whoever finds it by name may use the id at once
        JiocServerPV first = s.byName.putIfAbsent(name, created);
        if (first != null) {
            s.bySid.remove(created.getSID(), created);
            created.releaseForShutdown(); // lost the race: nobody can have seen it, stop feeding it
            return first;
        }
        return created;
    }

    @Override
    ServerPV getPV(int sid) {
        State s = state;
        return s == null ? null : s.bySid.get(sid);
    }

    @Override
    void deletePV(ServerPV pv) {
        forget(pv);
    }

    /** Remove pv from both maps (only where it is still the entry). */
    void forget(ServerPV pv) {
        State s = state;
        if (s == null) return;
        s.byName.remove(pv.getName(), pv);
        s.bySid.remove(pv.getSID(), pv);
    }

    /** A released PV got a client after all: serve it again (by name only if no newer PV took the name). */
    void reinstate(JiocServerPV pv) {
        State s = state;
        s.bySid.put(pv.getSID(), pv);
        s.byName.putIfAbsent(pv.getName(), pv);
    }

    @Override
    void register(ServerTCPHandler tcp) {
        try {
            JiocSockets.noDelay(tcp);
        } catch (SocketException e) {
            logger.log(Level.WARNING, "Cannot set TCP_NODELAY for " + tcp, e);
        }
        super.register(tcp);
    }

    @Override
    void shutdownConnection(ServerTCPHandler tcp) {
        for (JiocServerPV pv : livePVs()) pv.removeClient(tcp, -1);
        super.shutdownConnection(tcp);
    }

    @Override
    void updatePermissions(ServerTCPHandler tcp, ClientAuthentication auth) {
        for (JiocServerPV pv : livePVs()) pv.updatePermissions(tcp, auth);
    }

    /** Re-send write access to every client of every channel (the access rules changed). */
    public void resendRights() {
        for (JiocServerPV pv : livePVs()) pv.resendRights();
    }

    /** Release PVs that have had no client for at least graceNanos; returns how many were released. */
    public int releaseIdle(long graceNanos) {
        long now = System.nanoTime();
        int n = 0;
        for (JiocServerPV pv : livePVs()) if (pv.releaseIfIdle(now, graceNanos)) n++;
        return n;
    }

    /** The PVs currently served, in no particular order. */
    public List<JiocServerPV> livePVs() {
        State s = state;
        return s == null ? List.of() : new ArrayList<>(s.bySid.values());
    }

    @Override
    public void close() {
        super.close();
        State s = state;
        if (s == null) return;
        for (JiocServerPV pv : s.bySid.values()) pv.releaseForShutdown();
        s.bySid.clear();
        s.byName.clear();
    }
}
