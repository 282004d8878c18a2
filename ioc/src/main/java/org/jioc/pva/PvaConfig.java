package org.jioc.pva;

import java.util.Map;

import org.epics.pva.PVASettings;

/**
 * pvAccess server settings from the IOC's environment (the process environment plus st.cmd epicsEnvSet), as pvxs
 * reads them: {@code EPICS_PVAS_SERVER_PORT}, else {@code EPICS_PVA_SERVER_PORT} (5075, TCP);
 * {@code EPICS_PVAS_BROADCAST_PORT}, else {@code EPICS_PVA_BROADCAST_PORT} (5076, UDP searches);
 * {@code EPICS_PVAS_INTF_ADDR_LIST} (where searches are received; core-pva syntax, default all interfaces); and
 * {@code EPICS_PVA_SEND_BUFFER_SIZE}, a floor for the per-connection send buffer, which the server raises further to
 * fit the largest value in the database. Unset variables keep what core-pva itself read at start-up (system
 * properties, then the process environment, then its defaults). A malformed value is an error.
 *
 * <p>core-pva keeps its settings in static fields of {@link PVASettings} and reads them when a server is created, so
 * {@link #applyAndCreate} sets them and creates the server under one lock: several servers in one JVM (tests) each
 * get their own ports. The send buffer is allocated per client connection when the client connects, so its size is
 * only ever raised, never lowered, while the JVM runs.
 */
final class PvaConfig {
    /** What core-pva had read before anyone changed it: the defaults for unset variables. */
    private static final int BASE_SERVER_PORT = PVASettings.EPICS_PVA_SERVER_PORT;
    private static final int BASE_BROADCAST_PORT = PVASettings.EPICS_PVAS_BROADCAST_PORT;
    private static final String BASE_INTF_ADDR_LIST = PVASettings.EPICS_PVAS_INTF_ADDR_LIST;
    private static final int BASE_SEND_BUFFER = PVASettings.EPICS_PVA_SEND_BUFFER_SIZE;

    final int serverPort;
    final int broadcastPort;
    final String interfaces;
    final int sendBufferFloor;

    PvaConfig(int serverPort, int broadcastPort, String interfaces, int sendBufferFloor) {
        this.serverPort = serverPort;
        this.broadcastPort = broadcastPort;
        this.interfaces = interfaces;
        this.sendBufferFloor = sendBufferFloor;
    }

    /** Settings from an IOC environment map; IllegalArgumentException names the variable and the bad value. */
    static PvaConfig fromEnvironment(Map<String, String> env) {
        int port = port(env, BASE_SERVER_PORT, "EPICS_PVAS_SERVER_PORT", "EPICS_PVA_SERVER_PORT");
        int udp = port(env, BASE_BROADCAST_PORT, "EPICS_PVAS_BROADCAST_PORT", "EPICS_PVA_BROADCAST_PORT");
        String intf = value(env, "EPICS_PVAS_INTF_ADDR_LIST");
        int buffer = BASE_SEND_BUFFER;
        String b = value(env, "EPICS_PVA_SEND_BUFFER_SIZE");
        if (b != null) {
            try {
                buffer = Integer.parseInt(b);
            } catch (NumberFormatException e) {
                buffer = -1;
            }
            if (buffer <= 0) throw new IllegalArgumentException("EPICS_PVA_SEND_BUFFER_SIZE='" + b
                    + "': not a positive number of bytes");
        }
        return new PvaConfig(port, udp, intf != null ? intf : BASE_INTF_ADDR_LIST, buffer);
    }

    private static int port(Map<String, String> env, int dflt, String... names) {
        for (String n : names) {
            String v = value(env, n);
            if (v == null) continue;
            int p;
            try {
                p = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (p < 0 || p > 65535) throw new IllegalArgumentException(n + "='" + v + "': not a port number");
            return p;
        }
        return dflt;
    }

    private static String value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Something that opens a core-pva server once PVASettings hold this configuration. */
    @FunctionalInterface
    interface Factory<T> {
        T create() throws Exception;
    }

    /**
     * Put these settings into PVASettings (the send buffer raised to at least sendBuffer, never lowered) and create
     * the server while nobody else can change them.
     */
    <T> T applyAndCreate(int sendBuffer, Factory<T> factory) throws Exception {
        synchronized (PVASettings.class) {
            PVASettings.EPICS_PVA_SERVER_PORT = serverPort;
            PVASettings.EPICS_PVAS_BROADCAST_PORT = broadcastPort;
            PVASettings.EPICS_PVAS_INTF_ADDR_LIST = interfaces;
            PVASettings.EPICS_PVA_SEND_BUFFER_SIZE = Math.max(PVASettings.EPICS_PVA_SEND_BUFFER_SIZE,
                    Math.max(sendBufferFloor, sendBuffer));
            return factory.create();
        }
    }

    /** The send buffer size connections get now. */
    static int sendBufferSize() { return PVASettings.EPICS_PVA_SEND_BUFFER_SIZE; }

    @Override
    public String toString() {
        return "EPICS_PVA_SERVER_PORT=" + serverPort + " EPICS_PVAS_BROADCAST_PORT=" + broadcastPort
                + " EPICS_PVAS_INTF_ADDR_LIST=\"" + interfaces + "\" EPICS_PVA_SEND_BUFFER_SIZE>=" + sendBufferFloor;
    }
}
