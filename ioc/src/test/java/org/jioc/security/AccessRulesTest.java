package org.jioc.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.jioc.Ioc;
import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules evaluated against an in-process IOC: records, ASG fields and live CALC inputs. */
class AccessRulesTest {
    @TempDir
    Path dir;
    private Ioc ioc;
    private AccessSecurity as;

    static final HostResolver RESOLVER = h -> switch (h) {
        case "opi1" -> Set.of("10.1.2.3");
        default -> HostResolver.SYSTEM.addresses(h);
    };

    private static final String DB = String.join("\n",
            "record(ao, \"t:free\") { }",
            "record(ao, \"t:ops\") { field(ASG, \"OPS\") }",
            "record(ao, \"t:beam\") { field(ASG, \"BEAM\") }",
            "record(ao, \"t:ghost\") { field(ASG, \"NOT_IN_FILE\") }",
            "record(bo, \"t:enable\") { field(ZNAM, \"off\") field(ONAM, \"on\") field(PINI, \"YES\") }",
            "record(ao, \"t:trap\") { field(ASG, \"TRAP\") }",
            "");

    private static final String ACF = String.join("\n",
            "UAG(ops) {alice, bob}",
            "HAG(console) {OPI1, localhost}",
            "ASG(DEFAULT) { RULE(1, READ) }",
            "ASG(OPS) {",
            "  RULE(1, READ)",
            "  RULE(0, WRITE) { UAG(ops) }",
            "  RULE(1, WRITE) { UAG(ops) HAG(console) }",
            "}",
            "ASG(BEAM) {",
            "  INPA(\"t:enable\")",
            "  RULE(1, READ)",
            "  RULE(1, WRITE) { CALC(\"A=1\") }",
            "}",
            "ASG(TRAP) { RULE(1, WRITE, TRAPWRITE) { UAG(ops) } RULE(1, WRITE) }",
            "");

    private void start(String acf) throws Exception {
        Files.writeString(dir.resolve("t.db"), DB);
        Files.writeString(dir.resolve("t.acf"), acf);
        ioc = new Ioc(Map.of());
        AccessSecurityService svc = new AccessSecurityService(ioc.accessSecurity(), RESOLVER);
        svc.setFilename(dir.resolve("t.acf"));
        ioc.addService(svc);
        ioc.loadRecords(dir.resolve("t.db"), "");
        ioc.iocInit();
        as = ioc.accessSecurity();
    }

    @AfterEach
    void stop() {
        if (ioc != null) ioc.stop();
    }

    private FieldAddress addr(String name) { return ioc.database().resolve(name); }

    private boolean read(String ch, String user, String host) {
        FieldAddress a = addr(ch);
        return as.canRead(a.record, a.field, user, host);
    }

    private boolean write(String ch, String user, String host) {
        FieldAddress a = addr(ch);
        return as.canWrite(a.record, a.field, user, host);
    }

    private void put(String ch, String value) throws Exception {
        FieldAddress a = addr(ch);
        ioc.database().putField(a, r -> r.storeString(a.field, value));
    }

    @Test
    void defaultGroupAndUnknownGroupsFallBackToIt() throws Exception {
        start(ACF);
        assertTrue(read("t:free", "anyone", "anywhere"));
        assertFalse(write("t:free", "alice", "localhost"), "DEFAULT only reads");
        assertTrue(read("t:ghost", "x", "y"), "a group the file does not name is DEFAULT");
        assertFalse(write("t:ghost", "alice", "opi1"));
        assertEquals("DEFAULT", ((AccessRules) as.rules()).groupOf(addr("t:ghost").record));
    }

    @Test
    void withoutDefaultInTheFileUngroupedRecordsGetNoAccess() throws Exception {
        start("ASG(OPS) { RULE(1, WRITE) }");
        assertFalse(read("t:free", "alice", "localhost"));
        assertFalse(write("t:free", "alice", "localhost"));
        assertTrue(write("t:ops", "anyone", "anywhere"), "a rule without UAG/HAG is for everybody");
        assertTrue(read("t:ops", "anyone", "anywhere"), "WRITE implies READ");
    }

    @Test
    void userHostAndLevel() throws Exception {
        start(ACF);
        // VAL is ASL0: RULE(0, WRITE){UAG(ops)} lets ops write from any host
        assertTrue(write("t:ops", "alice", "elsewhere"));
        assertTrue(write("t:ops.VAL", "bob", "elsewhere"));
        assertFalse(write("t:ops", "mallory", "localhost"), "not in the UAG");
        assertFalse(write("t:ops", "Alice", "localhost"), "user names are case-sensitive");
        assertTrue(read("t:ops", "mallory", "elsewhere"));
        // DESC is ASL1: only the level-1 rule applies, which also needs the console HAG
        assertFalse(write("t:ops.DESC", "alice", "elsewhere"));
        assertTrue(write("t:ops.DESC", "alice", "opi1"));
        assertTrue(write("t:ops.DESC", "alice", "OPI1"), "host names are case-insensitive");
        assertTrue(write("t:ops.DESC", "alice", "LocalHost"));
        assertFalse(write("t:ops.DESC", "mallory", "opi1"));
        assertEquals(0, addr("t:ops").field.asl());
        assertEquals(1, addr("t:ops.DESC").field.asl());
    }

    @Test
    void hagHostsMatchClientsIdentifiedByIp() throws Exception {
        start(ACF);
        assertTrue(write("t:ops.DESC", "alice", "10.1.2.3"), "opi1 resolved at load");
        assertTrue(write("t:ops.DESC", "alice", "127.0.0.1"), "localhost resolved at load");
        assertFalse(write("t:ops.DESC", "alice", "10.9.9.9"));
    }

    @Test
    void calcRuleFollowsItsInputRecord() throws Exception {
        start(ACF);
        Semaphore told = new Semaphore(0);
        as.addRightsListener(told::release);
        assertFalse(write("t:beam", "anyone", "anywhere"), "enable is 0");
        assertTrue(read("t:beam", "anyone", "anywhere"));
        put("t:enable", "1");
        assertTrue(write("t:beam", "anyone", "anywhere"), "CALC(A=1) is now true");
        assertTrue(told.tryAcquire(5, TimeUnit.SECONDS), "servers were told the rights changed");
        put("t:enable", "0");
        assertFalse(write("t:beam", "anyone", "anywhere"));
        assertTrue(told.tryAcquire(5, TimeUnit.SECONDS));
    }

    @Test
    void invalidInputDisablesTheCalcRule() throws Exception {
        start(ACF);
        put("t:enable", "1");
        assertTrue(write("t:beam", "u", "h"));
        FieldAddress sevr = addr("t:enable");
        // UDF alarm (INVALID) makes the input bad: the rule does not apply whatever its result
        Database db = ioc.database();
        db.putField(addr("t:enable.UDFS"), r -> r.storeString(addr("t:enable.UDFS").field, "INVALID"));
        db.putField(addr("t:enable.UDF"), r -> r.storeString(addr("t:enable.UDF").field, "1"));
        db.processLocked(sevr.record);
        assertEquals(org.jioc.db.Menus.INVALID, sevr.record.l[org.jioc.db.Record.SEVR], "t:enable in UDF alarm");
        assertEquals(1.0, sevr.record.getDouble(sevr.field), "the value that makes CALC(A=1) true is still there");
        assertFalse(write("t:beam", "u", "h"), "input INVALID: the rule does not apply");
    }

    @Test
    void asgChangeMovesTheRecordAndTellsTheServers() throws Exception {
        start(ACF);
        Semaphore told = new Semaphore(0);
        as.addRightsListener(told::release);
        assertFalse(write("t:free", "u", "h"));
        put("t:free.ASG", "TRAP");
        assertTrue(write("t:free", "u", "h"), "now in TRAP, whose second rule lets everybody write");
        assertTrue(told.tryAcquire(5, TimeUnit.SECONDS));
    }

    @Test
    void trappedWritesAreReportedWithOldAndNewValue() throws Exception {
        start(ACF);
        List<TrapWriteListener.Event> events = new ArrayList<>();
        as.addTrapWriteListener(events::add);
        FieldAddress a = addr("t:trap");
        assertTrue(as.isTrapWrite(a.record, a.field, "alice", "opi1"));
        assertFalse(as.isTrapWrite(a.record, a.field, "mallory", "opi1"), "mallory wins by the NOTRAPWRITE rule");
        ioc.database().putField(a, as.trapWrite(a, "alice", "opi1", r -> r.storeString(a.field, "2.5")));
        ioc.database().putField(a, as.trapWrite(a, "mallory", "opi1", r -> r.storeString(a.field, "3")));
        assertEquals(1, events.size());
        TrapWriteListener.Event e = events.get(0);
        assertEquals("alice", e.user());
        assertEquals("opi1", e.host());
        assertEquals("t:trap.VAL", e.channel());
        assertEquals("0", e.oldValue());
        assertEquals("2.5", e.newValue());
    }

    @Test
    void withoutAsSetFilenameEverybodyMayWrite() throws Exception {
        Files.writeString(dir.resolve("t.db"), DB);
        ioc = new Ioc(Map.of());
        ioc.addService(new AccessSecurityService(ioc.accessSecurity(), RESOLVER));
        ioc.loadRecords(dir.resolve("t.db"), "");
        ioc.iocInit();
        as = ioc.accessSecurity();
        assertTrue(write("t:ops", "anyone", "anywhere"));
        assertTrue(write("t:beam", "anyone", "anywhere"));
    }
}
