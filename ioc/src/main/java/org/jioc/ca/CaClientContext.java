package org.jioc.ca;

import java.util.Map;

import com.cosylab.epics.caj.CAJContext;

/**
 * A CAJ client context configured from an EPICS environment map rather than from jca system properties (the CAJ
 * client reads EPICS_CA_* only with {@code -Djca.use_env=true}). Used by CA links and by tests.
 *
 * <p>The CAJ client starts a separate CA repeater JVM unless the system property {@code CA_DISABLE_REPEATER} is set;
 * we set it (the repeater only speeds up reconnects through beacons, and an orphan JVM outlives the IOC).
 */
public final class CaClientContext extends CAJContext {
    static {
        if (System.getProperty("CA_DISABLE_REPEATER") == null) System.setProperty("CA_DISABLE_REPEATER", "true");
    }

    /**
     * @param env EPICS_CA_ADDR_LIST, EPICS_CA_AUTO_ADDR_LIST, EPICS_CA_SERVER_PORT, EPICS_CA_MAX_ARRAY_BYTES,
     *            EPICS_CA_CONN_TMO, EPICS_CA_REPEATER_PORT (anything missing keeps CAJ's default)
     */
    public CaClientContext(Map<String, String> env) {
        super();
        String addr = env.get("EPICS_CA_ADDR_LIST");
        if (addr != null) addressList = addr.trim();
        String auto = env.get("EPICS_CA_AUTO_ADDR_LIST");
        if (auto != null) autoAddressList = CaConfig.yesNo(auto, true);
        serverPort = intOf(env.get("EPICS_CA_SERVER_PORT"), serverPort);
        repeaterPort = intOf(env.get("EPICS_CA_REPEATER_PORT"), repeaterPort);
        maxArrayBytes = Math.max(maxArrayBytes, intOf(env.get("EPICS_CA_MAX_ARRAY_BYTES"), maxArrayBytes));
        String tmo = env.get("EPICS_CA_CONN_TMO");
        if (tmo != null) {
            try {
                connectionTimeout = Float.parseFloat(tmo.trim());
            } catch (NumberFormatException ignored) {
                // keep default
            }
        }
    }

    /** Client settings from system properties first (tests), then the environment. */
    public static Map<String, String> environment() {
        java.util.Map<String, String> m = new java.util.HashMap<>(System.getenv());
        for (String k : new String[] {"EPICS_CA_ADDR_LIST", "EPICS_CA_AUTO_ADDR_LIST", "EPICS_CA_SERVER_PORT",
                "EPICS_CA_MAX_ARRAY_BYTES", "EPICS_CA_CONN_TMO", "EPICS_CA_REPEATER_PORT"}) {
            String v = System.getProperty(k);
            if (v != null) m.put(k, v);
        }
        return m;
    }

    private static int intOf(String v, int dflt) {
        if (v == null) return dflt;
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
