package org.jioc.ca;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Channel Access server settings, taken from the EPICS environment variables the way rsrv reads them. jca reads no
 * environment itself, so {@link CaServer} hands these to its server context before the sockets are opened.
 *
 * <p>Mapping (jca property of {@code com.cosylab.epics.caj.cas.CAJServerContext}):
 * <ul>
 * <li>{@code EPICS_CAS_SERVER_PORT}, else {@code EPICS_CA_SERVER_PORT} (5064) → {@code server_port} (TCP and UDP).
 * <li>{@code EPICS_CAS_BEACON_ADDR_LIST}, else {@code EPICS_CA_ADDR_LIST} → {@code beacon_addr_list}.
 * <li>{@code EPICS_CAS_AUTO_BEACON_ADDR_LIST}, else {@code EPICS_CA_AUTO_ADDR_LIST} (YES) →
 * {@code auto_beacon_addr_list}.
 * <li>{@code EPICS_CAS_BEACON_PERIOD}, else {@code EPICS_CA_BEACON_PERIOD} (15 s) → {@code beacon_period}.
 * <li>{@code EPICS_CAS_BEACON_PORT}, else {@code EPICS_CA_REPEATER_PORT} (5065) → {@code beacon_port}.
 * <li>{@code EPICS_CA_MAX_ARRAY_BYTES} (16384) → {@code max_array_bytes} (jca only sizes its first receive buffer from
 * it; responses are never capped).
 * <li>{@code EPICS_CAS_IGNORE_ADDR_LIST} → {@code ignore_addr_list}.
 * <li>{@code EPICS_CAS_INTF_ADDR_LIST}: jca 2.4.9 binds TCP ({@code CASAcceptor}: {@code new InetSocketAddress(port)})
 * and UDP ({@code CAJServerContext.initializeUDPTransport}) to the wildcard address and has no setting for an
 * interface. What we can do: a port given in the list ({@code addr:port}) becomes the server port, and searches are
 * answered only when they arrive from a client that could reach one of the listed addresses (a loopback interface
 * answers loopback clients only; another address answers clients of its own /24 network or the address itself).
 * A client that skips the search and opens the TCP port directly is still served: that part is a gap.
 * </ul>
 */
public final class CaConfig {
    public static final int DEFAULT_PORT = 5064;
    public static final int DEFAULT_BEACON_PORT = 5065;

    public final int serverPort;
    public final List<InetAddress> interfaces;
    public final String beaconAddrList;
    public final boolean autoBeaconAddrList;
    public final float beaconPeriod;
    public final int beaconPort;
    public final int maxArrayBytes;
    public final String ignoreAddrList;

    public CaConfig(int serverPort, List<InetAddress> interfaces, String beaconAddrList, boolean autoBeaconAddrList,
                    float beaconPeriod, int beaconPort, int maxArrayBytes, String ignoreAddrList) {
        this.serverPort = serverPort;
        this.interfaces = Collections.unmodifiableList(new ArrayList<>(interfaces));
        this.beaconAddrList = beaconAddrList == null ? "" : beaconAddrList.trim();
        this.autoBeaconAddrList = autoBeaconAddrList;
        this.beaconPeriod = beaconPeriod;
        this.beaconPort = beaconPort;
        this.maxArrayBytes = maxArrayBytes;
        this.ignoreAddrList = ignoreAddrList == null ? "" : ignoreAddrList.trim();
    }

    /** Defaults as rsrv has them. */
    public static CaConfig defaults() { return fromEnvironment(Map.of()); }

    /** Loopback-only server on the given port, no beacons elsewhere: what tests use. */
    public static CaConfig loopback(int port) {
        return new CaConfig(port, List.of(InetAddress.getLoopbackAddress()), "127.0.0.1", false, 15f,
                DEFAULT_BEACON_PORT, 16384, "");
    }

    /** Build from an environment map (normally {@code System.getenv()}). Bad numbers fall back to the defaults. */
    public static CaConfig fromEnvironment(Map<String, String> env) {
        int port = intOf(env, DEFAULT_PORT, "EPICS_CAS_SERVER_PORT", "EPICS_CA_SERVER_PORT");
        List<InetAddress> intf = new ArrayList<>();
        String intfList = first(env, "EPICS_CAS_INTF_ADDR_LIST");
        if (intfList != null) {
            for (String item : intfList.trim().split("\\s+")) {
                if (item.isEmpty()) continue;
                String host = item;
                int colon = item.lastIndexOf(':');
                if (colon > 0) {
                    host = item.substring(0, colon);
                    try {
                        port = Integer.parseInt(item.substring(colon + 1));
                    } catch (NumberFormatException ignored) {
                        // keep the port we have
                    }
                }
                try {
                    InetAddress a = InetAddress.getByName(host);
                    if (!a.isAnyLocalAddress()) intf.add(a);
                } catch (UnknownHostException ignored) {
                    // rsrv also skips names it cannot resolve
                }
            }
        }
        String beacons = first(env, "EPICS_CAS_BEACON_ADDR_LIST", "EPICS_CA_ADDR_LIST");
        boolean autoBeacons = yesNo(first(env, "EPICS_CAS_AUTO_BEACON_ADDR_LIST", "EPICS_CA_AUTO_ADDR_LIST"), true);
        float period = (float) doubleOf(env, 15.0, "EPICS_CAS_BEACON_PERIOD", "EPICS_CA_BEACON_PERIOD");
        if (!(period > 0)) period = 15f;
        int beaconPort = intOf(env, DEFAULT_BEACON_PORT, "EPICS_CAS_BEACON_PORT", "EPICS_CA_REPEATER_PORT");
        int maxBytes = intOf(env, 16384, "EPICS_CA_MAX_ARRAY_BYTES");
        if (maxBytes < 16384) maxBytes = 16384;
        String ignore = first(env, "EPICS_CAS_IGNORE_ADDR_LIST");
        return new CaConfig(port, intf, beacons, autoBeacons, period, beaconPort, maxBytes, ignore);
    }

    /** The same settings as jca library properties (names as CAJServerContext.loadConfiguration reads them). */
    public Map<String, String> properties() {
        String p = "com.cosylab.epics.caj.cas.CAJServerContext.";
        Map<String, String> m = new LinkedHashMap<>();
        m.put(p + "server_port", Integer.toString(serverPort));
        m.put(p + "beacon_addr_list", beaconAddrList);
        m.put(p + "auto_beacon_addr_list", Boolean.toString(autoBeaconAddrList));
        m.put(p + "beacon_period", Float.toString(beaconPeriod));
        m.put(p + "beacon_port", Integer.toString(beaconPort));
        m.put(p + "max_array_bytes", Integer.toString(maxArrayBytes));
        m.put(p + "ignore_addr_list", ignoreAddrList);
        return m;
    }

    /** Same settings on another port. */
    public CaConfig withPort(int port) {
        return new CaConfig(port, interfaces, beaconAddrList, autoBeaconAddrList, beaconPeriod, beaconPort,
                maxArrayBytes, ignoreAddrList);
    }

    /** Whether a search from this client address is answered, given EPICS_CAS_INTF_ADDR_LIST (see class doc). */
    boolean servesClient(InetAddress client) {
        if (interfaces.isEmpty() || client == null) return true;
        for (InetAddress intf : interfaces) {
            if (intf.isLoopbackAddress()) {
                if (client.isLoopbackAddress()) return true;
            } else if (sameNet24(intf, client)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameNet24(InetAddress a, InetAddress b) {
        byte[] x = a.getAddress(), y = b.getAddress();
        if (x.length != y.length) return false;
        for (int i = 0; i < x.length - 1; i++) if (x[i] != y[i]) return false;
        return true;
    }

    private static String first(Map<String, String> env, String... names) {
        for (String n : names) {
            String v = env.get(n);
            if (v != null && !v.trim().isEmpty()) return v.trim();
        }
        return null;
    }

    private static int intOf(Map<String, String> env, int dflt, String... names) {
        String v = first(env, names);
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static double doubleOf(Map<String, String> env, double dflt, String... names) {
        String v = first(env, names);
        if (v == null) return dflt;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    static boolean yesNo(String v, boolean dflt) {
        if (v == null) return dflt;
        String t = v.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.equals("YES") || t.equals("TRUE") || t.equals("1")) return true;
        if (t.equals("NO") || t.equals("FALSE") || t.equals("0")) return false;
        return dflt;
    }

    @Override
    public String toString() { return properties() + " interfaces=" + interfaces; }
}
