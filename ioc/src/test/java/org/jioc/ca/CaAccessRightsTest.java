package org.jioc.ca;

import static org.jioc.ca.CaTestSupport.connect;
import static org.jioc.ca.CaTestSupport.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import gov.aps.jca.CAStatus;
import gov.aps.jca.Channel;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;
import org.jioc.security.AccessRules;
import org.jioc.security.AccessSecurity;
import org.jioc.security.AcfParser;
import org.jioc.security.HostResolver;
import org.jioc.security.TrapWriteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Access security over the wire: a CALC-conditioned rule that flips while a client is connected reaches the client
 * as a new CA_PROTO_ACCESS_RIGHTS message, trapped CA writes are reported, and an INPx served by another IOC is
 * followed through CA.
 */
class CaAccessRightsTest {
    private static final String ACF = "ASG(DEFAULT) { RULE(1, READ) }\nASG(G) {\n INPA(as:enable)\n RULE(1, READ)\n"
            + " RULE(1, WRITE, TRAPWRITE) { CALC(\"A=1\") }\n}\n";

    private Database db, db2;
    private CaServer server;
    private CaClientContext ctx;
    private CaLinks links;
    private AccessRules rules, rules2;

    @AfterEach
    void stop() throws Exception {
        if (rules != null) rules.close();
        if (rules2 != null) rules2.close();
        if (ctx != null) ctx.destroy();
        if (links != null) links.close();
        if (server != null) server.stop();
        if (db2 != null) db2.shutdown();
        if (db != null) db.shutdown();
    }

    private AccessSecurity secure(Database d, String acf) throws Exception {
        AccessSecurity as = new AccessSecurity();
        AccessRules r = new AccessRules(AcfParser.parse("test.acf", acf, null, HostResolver.SYSTEM), as::rightsChanged);
        r.connect(d);
        as.install(r);
        if (d == db) rules = r; else rules2 = r;
        return as;
    }

    private void startIoc() throws Exception {
        db = CaTestSupport.newDb();
        Record val = db.create("ao", "as:val");
        set(val, "ASG", "G");
        Record en = db.create("ao", "as:enable");
        set(en, "UDF", "0");
        db.init();
        AccessSecurity as = secure(db, ACF);
        server = CaTestSupport.startServer(db);
        server.setAccessGate(as);
        as.addRightsListener(server::rightsChanged);
    }

    private void putLocal(String ch, String v) throws Exception {
        FieldAddress a = db.resolve(ch);
        db.putField(a, r -> r.storeString(a.field, v));
    }

    private static void await(BooleanSupplier cond, String what) throws InterruptedException {
        for (int i = 0; i < 100 && !cond.getAsBoolean(); i++) Thread.sleep(50);
        assertTrue(cond.getAsBoolean(), what);
    }

    @Test
    void clientSeesRightsFlipWithoutReconnecting() throws Exception {
        startIoc();
        ctx = CaTestSupport.client(server.port());
        Channel ch = connect(ctx, "as:val");
        assertTrue(ch.getReadAccess());
        assertFalse(ch.getWriteAccess(), "CALC(A=1) false at connect");

        putLocal("as:enable", "1");
        await(ch::getWriteAccess, "new rights pushed to the client");
        List<TrapWriteListener.Event> trapped = new CopyOnWriteArrayList<>();
        ((AccessSecurity) server.accessGate()).addTrapWriteListener(trapped::add);
        assertEquals(CAStatus.NORMAL, CaTestSupport.putWait(ctx, ch, 7.25, 5));
        assertEquals(1, trapped.size());
        assertEquals(System.getProperty("user.name"), trapped.get(0).user());
        assertEquals("as:val.VAL", trapped.get(0).channel());
        assertEquals("0", trapped.get(0).oldValue());
        assertEquals("7.25", trapped.get(0).newValue());

        putLocal("as:enable", "0");
        await(() -> !ch.getWriteAccess(), "revoked rights pushed too");
        assertTrue(ch.getReadAccess());
    }

    @Test
    void inputOfAnotherIocIsFollowedOverCa() throws Exception {
        startIoc();
        db2 = CaTestSupport.newDb();
        Record v2 = db2.create("ao", "as2:val");
        set(v2, "ASG", "G");
        links = new CaLinks(Map.of("EPICS_CA_ADDR_LIST", "127.0.0.1:" + server.port(), "EPICS_CA_AUTO_ADDR_LIST", "NO",
                "EPICS_CA_SERVER_PORT", Integer.toString(server.port())));
        db2.setRemoteLinks(links);
        db2.init();
        AccessSecurity as2 = secure(db2, ACF);
        FieldAddress a = db2.resolve("as2:val");
        await(() -> as2.canRead(a.record, a.field, "u", "h"), "READ rule");
        Thread.sleep(300);
        assertFalse(as2.canWrite(a.record, a.field, "u", "h"));
        putLocal("as:enable", "1");
        await(() -> as2.canWrite(a.record, a.field, "u", "h"), "remote input reached the rule");
        putLocal("as:enable", "0");
        await(() -> !as2.canWrite(a.record, a.field, "u", "h"), "and back");
    }
}
