package org.jioc.procedure;

import static org.jioc.procedure.ProcedureTestIoc.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jioc.IocService;
import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldDef;
import org.jioc.db.Link;
import org.jioc.db.LinkOptions;
import org.jioc.db.Record;
import org.jioc.db.RemoteLinks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PVs of another IOC in preconditions and waits, followed through the database's remote links (CA in jioc). */
class RemotePvTest {
    /** Remote links whose PVs the test sets by hand, installed before iocInit as the CA service does. */
    static final class FakeRemote implements RemoteLinks, IocService {
        final Map<String, WatchListener> watchers = new ConcurrentHashMap<>();

        @Override
        public Link create(Record owner, FieldDef field, String pvName, LinkOptions options) {
            throw new UnsupportedOperationException("no CA links in this test");
        }

        @Override
        public Watch watch(String pvName, WatchListener listener) {
            watchers.put(pvName, listener);
            return new Watch() {
                public boolean isConnected() { return true; }
                public String host() { return "remote:5064"; }
                public void close() { watchers.remove(pvName); }
            };
        }

        void set(String pv, double v) { watchers.get(pv).update(v, 0); }

        @Override
        public void close() { }

        @Override
        public String name() { return "fake remote links"; }

        @Override
        public void beforeInit(Database db, Map<String, String> env) { db.setRemoteLinks(this); }

        @Override
        public void start(Database db, Map<String, String> env) { }

        @Override
        public void stop() { }
    }

    @TempDir
    Path dir;

    @Test
    void remotePreconditionAndWaitFollowTheOtherIoc() throws Exception {
        FakeRemote remote = new FakeRemote();
        try (ProcedureTestIoc t = new ProcedureTestIoc(dir, remote)) {
            t.records("d.db", "record(busy, \"$(P)Device\") { field(HIGH, \"0.1\") }\n");
            t.procedure("Open", "wait_and_set", "WAIT=pss:Ready == 1,SET=t:Device,VALUE=1,"
                    + "REQUIRE=S02BM-PSS:StaB:SecureM == 1: hutch B not searched").init();
            assertEquals("hutch B not searched (S02BM-PSS:StaB:SecureM is disconnected,"
                    + " needs S02BM-PSS:StaB:SecureM == 1)", t.get("Open:PrecheckMessage"));
            remote.set("S02BM-PSS:StaB:SecureM", 1);
            until("precheck Ready", () -> t.get("Open:Precheck").equals("Ready"));
            CompletableFuture<DbException> done = t.start("Open");
            until("waiting", () -> t.get("Open:Step").equals("wait"));
            remote.set("pss:Ready", 0);
            Thread.sleep(100);
            assertFalse(done.isDone());
            remote.set("pss:Ready", 1);
            assertNull(done.get(10, TimeUnit.SECONDS));
            assertEquals("Done", t.get("Open:Status"));
        }
    }
}
