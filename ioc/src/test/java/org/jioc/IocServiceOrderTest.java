package org.jioc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jioc.db.Database;
import org.junit.jupiter.api.Test;

/** Protocol servers start after every other service (clients never see a PV before its service set it up). */
class IocServiceOrderTest {
    private final List<String> events = new ArrayList<>();

    private IocService service(String name, boolean server) {
        return new IocService() {
            public String name() { return name; }
            public void start(Database db, Map<String, String> env) { events.add("start " + name); }
            public void stop() { events.add("stop " + name); }
            public boolean servesClients() { return server; }
        };
    }

    @Test
    void serversStartLastAndStopFirst() throws Exception {
        Ioc ioc = new Ioc(Map.of());
        ioc.addService(service("ca", true));
        ioc.addService(service("procedures", false));
        ioc.addService(service("pva", true));
        ioc.addService(service("motion", false));
        ioc.iocInit();
        ioc.stop();
        assertEquals(List.of("start procedures", "start motion", "start ca", "start pva",
                "stop pva", "stop ca", "stop motion", "stop procedures"), events);
    }
}
