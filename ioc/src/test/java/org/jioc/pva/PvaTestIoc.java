package org.jioc.pva;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jioc.Ioc;
import org.jioc.ca.CaServer;
import org.jioc.db.Database;

/** An in-process IOC built from database text, serving pvAccess only, on free loopback ports. */
final class PvaTestIoc implements AutoCloseable {
    final Ioc ioc;
    final PvaService pva;
    final int udpPort;

    private PvaTestIoc(Ioc ioc, PvaService pva, int udpPort) {
        this.ioc = ioc;
        this.pva = pva;
        this.udpPort = udpPort;
    }

    static PvaTestIoc start(Path dir, String dbText) throws Exception {
        return start(dir, dbText, Map.of(), PvaServer.DEFAULT_IDLE_RELEASE);
    }

    /** env: extra IOC environment (overrides the free ports); idle: how long unused channels stay. */
    static PvaTestIoc start(Path dir, String dbText, Map<String, String> env, Duration idle) throws Exception {
        Path db = Files.createTempFile(dir, "pva", ".db");
        Files.writeString(db, dbText);
        Map<String, String> e = new HashMap<>();
        e.put("EPICS_PVA_SERVER_PORT", Integer.toString(CaServer.freePort()));
        e.put("EPICS_PVAS_BROADCAST_PORT", Integer.toString(CaServer.freePort()));
        e.put("EPICS_PVAS_INTF_ADDR_LIST", "127.0.0.1");
        e.putAll(env);
        Ioc ioc = new Ioc(e);
        PvaService pva = new PvaService(ioc.accessSecurity(), idle);
        ioc.addService(pva);
        ioc.loadRecords(db, "");
        ioc.iocInit();
        return new PvaTestIoc(ioc, pva, Integer.parseInt(e.get("EPICS_PVAS_BROADCAST_PORT")));
    }

    PvaServer server() { return pva.server(); }

    Database db() { return ioc.database(); }

    PvaTestClient client() throws Exception { return new PvaTestClient(udpPort); }

    @Override
    public void close() { ioc.stop(); }
}
