package org.jioc.ca;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CaConfigTest {
    static final String P = "com.cosylab.epics.caj.cas.CAJServerContext.";

    @Test
    void defaultsAreRsrvs() {
        CaConfig c = CaConfig.fromEnvironment(Map.of());
        assertEquals(5064, c.serverPort);
        assertEquals(5065, c.beaconPort);
        assertEquals(15f, c.beaconPeriod);
        assertTrue(c.autoBeaconAddrList);
        assertEquals(16384, c.maxArrayBytes);
        assertTrue(c.interfaces.isEmpty());
    }

    @Test
    void casVariablesWinOverCaVariables() {
        CaConfig c = CaConfig.fromEnvironment(Map.of(
                "EPICS_CA_SERVER_PORT", "6000", "EPICS_CAS_SERVER_PORT", "7000",
                "EPICS_CA_ADDR_LIST", "10.0.0.255", "EPICS_CAS_BEACON_ADDR_LIST", "192.168.1.255",
                "EPICS_CA_AUTO_ADDR_LIST", "YES", "EPICS_CAS_AUTO_BEACON_ADDR_LIST", "NO",
                "EPICS_CA_MAX_ARRAY_BYTES", "4000000", "EPICS_CAS_BEACON_PERIOD", "2.5"));
        assertEquals(7000, c.serverPort);
        assertEquals("192.168.1.255", c.beaconAddrList);
        assertFalse(c.autoBeaconAddrList);
        assertEquals(4000000, c.maxArrayBytes);
        assertEquals(2.5f, c.beaconPeriod);
        Map<String, String> p = c.properties();
        assertEquals("7000", p.get(P + "server_port"));
        assertEquals("192.168.1.255", p.get(P + "beacon_addr_list"));
        assertEquals("false", p.get(P + "auto_beacon_addr_list"));
        assertEquals("4000000", p.get(P + "max_array_bytes"));
        assertEquals("2.5", p.get(P + "beacon_period"));
    }

    @Test
    void beaconListFallsBackToCaAddrList() {
        CaConfig c = CaConfig.fromEnvironment(Map.of("EPICS_CA_ADDR_LIST", "10.0.0.255",
                "EPICS_CA_AUTO_ADDR_LIST", "NO", "EPICS_CA_SERVER_PORT", "6000"));
        assertEquals("10.0.0.255", c.beaconAddrList);
        assertFalse(c.autoBeaconAddrList);
        assertEquals(6000, c.serverPort);
    }

    @Test
    void interfaceListGivesPortAndSearchFilter() throws Exception {
        CaConfig c = CaConfig.fromEnvironment(Map.of("EPICS_CAS_INTF_ADDR_LIST", "127.0.0.1:5999"));
        assertEquals(5999, c.serverPort);
        assertTrue(c.servesClient(InetAddress.getByName("127.0.0.1")));
        assertFalse(c.servesClient(InetAddress.getByName("10.1.2.3")));
        CaConfig lan = CaConfig.fromEnvironment(Map.of("EPICS_CAS_INTF_ADDR_LIST", "10.1.2.5"));
        assertTrue(lan.servesClient(InetAddress.getByName("10.1.2.3")));
        assertFalse(lan.servesClient(InetAddress.getByName("10.1.3.3")));
        assertTrue(CaConfig.fromEnvironment(Map.of()).servesClient(InetAddress.getByName("10.9.9.9")));
    }

    @Test
    void badNumbersFallBackToDefaults() {
        CaConfig c = CaConfig.fromEnvironment(Map.of("EPICS_CA_SERVER_PORT", "x", "EPICS_CA_MAX_ARRAY_BYTES", "10",
                "EPICS_CAS_BEACON_PERIOD", "-1"));
        assertEquals(5064, c.serverPort);
        assertEquals(16384, c.maxArrayBytes);
        assertEquals(15f, c.beaconPeriod);
    }
}
