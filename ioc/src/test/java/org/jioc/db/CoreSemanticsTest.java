package org.jioc.db;

import static org.jioc.db.TestRecords.rec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Processing order, links, alarms, put-notify, lock sets, events and scanning of the core. */
class CoreSemanticsTest {
    private Database db;
    private final List<String> trace = Collections.synchronizedList(new ArrayList<>());

    private Database db() {
        db = TestRecords.newDb();
        db.setTraceSink(line -> trace.add(line.substring(line.indexOf('\'') + 1, line.lastIndexOf('\''))));
        return db;
    }

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    private double val(String name) { return db.record(name).getDouble(db.record(name).type().field("VAL")); }

    private String field(String name, String f) { return db.record(name).getString(db.record(name).type().field(f)); }

    private void put(String channel, double v) throws DbException {
        FieldAddress a = db.resolve(channel);
        db.putField(a, r -> r.storeDouble(a.field, v));
    }

    private void putString(String channel, String v) throws DbException {
        FieldAddress a = db.resolve(channel);
        db.putField(a, r -> r.storeString(a.field, v));
    }

    private static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within 5 s");
            Thread.sleep(5);
        }
    }

    @Test
    void forwardLinkChainProcessesInOrder() throws Exception {
        db();
        rec(db, "ai", "a", "FLNK=b", "TPRO=1");
        rec(db, "ai", "b", "FLNK=c", "TPRO=1");
        rec(db, "ai", "c", "TPRO=1");
        db.init();
        trace.clear();
        db.processLocked(db.record("a"));
        assertEquals(List.of("a", "b", "c"), trace);
    }

    @Test
    void forwardLinkSkipsNonPassiveTarget() throws Exception {
        db();
        rec(db, "ai", "a", "FLNK=b", "TPRO=1");
        rec(db, "ai", "b", "SCAN=10 second", "TPRO=1");
        db.init();
        trace.clear();
        db.processLocked(db.record("a"));
        assertEquals(List.of("a"), trace);
    }

    @Test
    void ppInputProcessesSourceButNppDoesNot() throws Exception {
        db();
        rec(db, "ai", "src", "INP=7", "TPRO=1");
        rec(db, "ai", "pp", "INP=src PP", "TPRO=1");
        rec(db, "ai", "npp", "INP=src NPP", "TPRO=1");
        db.init();
        trace.clear();
        db.processLocked(db.record("npp"));
        assertEquals(List.of("npp"), trace);
        trace.clear();
        db.processLocked(db.record("pp"));
        assertEquals(List.of("pp", "src"), trace);
        assertEquals(7.0, val("pp"));
    }

    @Test
    void ppOutputProcessesTargetAndDbPutFieldOfPpFieldProcesses() throws Exception {
        db();
        rec(db, "ao", "out", "OUT=dst PP");
        rec(db, "ao", "outNpp", "OUT=dst2 NPP");
        rec(db, "ai", "dst", "TPRO=1");
        rec(db, "ai", "dst2", "TPRO=1");
        db.init();
        trace.clear();
        put("out", 3);
        assertEquals(List.of("dst"), trace);
        assertEquals(3.0, val("dst"));
        trace.clear();
        put("outNpp", 4);
        assertEquals(List.of(), trace);
        assertEquals(4.0, val("dst2"));
        // a non-pp field put does not process
        trace.clear();
        put("dst.HOPR", 10);
        assertEquals(List.of(), trace);
    }

    @Test
    void cpLinkProcessesOwnerOnChangeAndCppOnlyWhenPassive() throws Exception {
        db();
        rec(db, "ao", "src");
        rec(db, "ai", "cp", "INP=src CP");
        rec(db, "ai", "cpp", "INP=src CPP");
        rec(db, "ai", "cppScanned", "INP=src CPP", "SCAN=10 second");
        db.init();
        put("src", 5);
        waitFor(() -> val("cp") == 5.0 && val("cpp") == 5.0);
        Thread.sleep(100);
        assertEquals(0.0, val("cppScanned"));
    }

    @Test
    void cpLinkGivesItsOwnerTheSourceValueAtInit() throws Exception {
        db();
        rec(db, "ao", "src", "VAL=3", "PINI=YES");
        rec(db, "ai", "rbv", "INP=src CP");
        db.init();
        waitFor(() -> val("rbv") == 3.0 && "NO_ALARM".equals(field("rbv", "SEVR")));
    }

    @Test
    void maximizeSeverityModes() throws Exception {
        db();
        rec(db, "ao", "src", "HIGH=5", "HSV=MINOR", "HIHI=8", "HHSV=MAJOR");
        rec(db, "ai", "ms", "INP=src MS");
        rec(db, "ai", "nms", "INP=src NMS");
        rec(db, "ai", "mss", "INP=src MSS");
        rec(db, "ai", "msi", "INP=src MSI");
        db.init();
        put("src", 9);
        for (String r : List.of("ms", "nms", "mss", "msi")) db.processLocked(db.record(r));
        assertEquals("MAJOR", field("ms", "SEVR"));
        assertEquals("LINK", field("ms", "STAT"));
        assertEquals("NO_ALARM", field("nms", "SEVR"));
        assertEquals("MAJOR", field("mss", "SEVR"));
        assertEquals("HIHI", field("mss", "STAT"));
        assertEquals("NO_ALARM", field("msi", "SEVR"));
    }

    @Test
    void outputLinkMsPassesOwnersSeverityToTarget() throws Exception {
        db();
        rec(db, "ao", "src", "HIHI=8", "HHSV=MAJOR", "OUT=dst PP MS");
        rec(db, "ai", "dst");
        db.init();
        put("src", 9);
        assertEquals("MAJOR", field("dst", "SEVR"));
        assertEquals("LINK", field("dst", "STAT"));
    }

    @Test
    void disabledRecordDoesNotProcessAndRaisesDisableAlarm() throws Exception {
        db();
        rec(db, "ao", "gate");
        rec(db, "ai", "r", "SDIS=gate", "DISV=1", "DISS=MINOR", "INP=3", "TPRO=1");
        db.init();
        put("gate", 1);
        trace.clear();
        db.processLocked(db.record("r"));
        assertEquals(List.of("r"), trace.subList(0, 1));
        assertEquals("DISABLE", field("r", "STAT"));
        assertEquals("MINOR", field("r", "SEVR"));
        put("gate", 0);
        db.processLocked(db.record("r"));
        assertEquals("NO_ALARM", field("r", "STAT"));
    }

    @Test
    void dispRefusesPutsFromClients() throws Exception {
        db();
        rec(db, "ao", "r", "DISP=1");
        db.init();
        DbException e = assertThrows(DbException.class, () -> put("r", 1));
        assertEquals(DbException.Kind.DISABLED, e.kind());
        put("r.DISP", 0);
        put("r", 1);
        assertEquals(1.0, val("r"));
    }

    @Test
    void readOnlyFieldIsRefused() throws Exception {
        db();
        rec(db, "ai", "r");
        db.init();
        DbException e = assertThrows(DbException.class, () -> put("r.SEVR", 1));
        assertEquals(DbException.Kind.READ_ONLY, e.kind());
    }

    @Test
    void hihiAlarmClearsOnlyBeyondHysteresis() throws Exception {
        db();
        rec(db, "ao", "r", "HIHI=10", "HHSV=MAJOR", "HYST=1");
        db.init();
        put("r", 11);
        assertEquals("HIHI", field("r", "STAT"));
        put("r", 9.5);
        assertEquals("HIHI", field("r", "STAT"), "inside HYST the alarm stays");
        put("r", 8.9);
        assertEquals("NO_ALARM", field("r", "STAT"));
    }

    @Test
    void udfAlarmUntilFirstValue() throws Exception {
        db();
        rec(db, "ai", "r");
        db.init();
        assertEquals("UDF", field("r", "STAT"));
        assertEquals("INVALID", field("r", "SEVR"));
        put("r", 1);
        assertEquals("NO_ALARM", field("r", "SEVR"));
    }

    @Test
    void monitorMasksFollowMdelAndAdel() throws Exception {
        db();
        rec(db, "ao", "r", "MDEL=1", "ADEL=5");
        db.init();
        put("r", 0);
        FieldAddress a = db.resolve("r");
        List<Integer> masks = Collections.synchronizedList(new ArrayList<>());
        a.subscribe((rec, f, mask) -> masks.add(mask));
        put("r", 0.5);   // within both deadbands
        put("r", 2);     // beyond MDEL only
        put("r", 6);     // beyond both
        assertEquals(List.of(FieldListener.DBE_VALUE,
                FieldListener.DBE_VALUE | FieldListener.DBE_LOG), masks);
    }

    @Test
    void propertyFieldPutPostsDbePropertyToValueSubscribers() throws Exception {
        db();
        rec(db, "ai", "r");
        db.init();
        List<Integer> masks = Collections.synchronizedList(new ArrayList<>());
        db.resolve("r").subscribe((rec, f, mask) -> masks.add(mask));
        putString("r.EGU", "mm");
        assertTrue(masks.contains(FieldListener.DBE_PROPERTY));
    }

    @Test
    void putNotifyWaitsForAsyncRecordReachedThroughFlnk() throws Exception {
        db();
        rec(db, "ao", "head", "FLNK=slow");
        rec(db, "asyncTest", "slow", "DLY=300");
        db.init();
        CountDownLatch done = new CountDownLatch(1);
        long t0 = System.nanoTime();
        AtomicLong elapsed = new AtomicLong();
        FieldAddress a = db.resolve("head");
        db.putFieldNotify(a, r -> r.storeDouble(a.field, 1), e -> {
            elapsed.set(System.nanoTime() - t0);
            done.countDown();
        });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(elapsed.get() >= TimeUnit.MILLISECONDS.toNanos(290), "completed after " + elapsed.get() / 1e6 + " ms");
        assertEquals(1, db.record("slow").l[TestRecords.AsyncRecord.CNT]);
    }

    @Test
    void secondPutNotifyToBusyRecordIsHeldAndBothComplete() throws Exception {
        db();
        rec(db, "asyncTest", "slow", "DLY=200");
        db.init();
        FieldAddress a = db.resolve("slow");
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(2);
        db.putFieldNotify(a, r -> r.storeDouble(a.field, 1), e -> { order.add("first"); done.countDown(); });
        db.putFieldNotify(a, r -> r.storeDouble(a.field, 2), e -> { order.add("second"); done.countDown(); });
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of("first", "second"), order);
        assertEquals(2, db.record("slow").l[TestRecords.AsyncRecord.CNT]);
        assertEquals(2.0, val("slow"));
    }

    @Test
    void putNotifyToNonProcessingFieldCompletesAtOnce() throws Exception {
        db();
        rec(db, "ai", "r");
        db.init();
        CountDownLatch done = new CountDownLatch(1);
        FieldAddress a = db.resolve("r.HOPR");
        db.putFieldNotify(a, r -> r.storeDouble(a.field, 5), e -> done.countDown());
        assertTrue(done.await(1, TimeUnit.SECONDS));
    }

    @Test
    void putNotifyReportsRefusedPut() throws Exception {
        db();
        rec(db, "ai", "r");
        db.init();
        CountDownLatch done = new CountDownLatch(1);
        DbException[] err = new DbException[1];
        FieldAddress a = db.resolve("r.STAT");
        db.putFieldNotify(a, r -> r.storeDouble(a.field, 1), e -> { err[0] = e; done.countDown(); });
        assertTrue(done.await(1, TimeUnit.SECONDS));
        assertEquals(DbException.Kind.READ_ONLY, err[0].kind());
    }

    @Test
    void lockSetsJoinLinkedRecordsOnly() throws Exception {
        db();
        rec(db, "ao", "a", "OUT=b PP");
        rec(db, "ai", "b", "FLNK=c");
        rec(db, "ai", "c");
        rec(db, "ai", "lonely");
        db.init();
        assertSame(db.record("a").lockSet, db.record("c").lockSet);
        assertNotSame(db.record("a").lockSet, db.record("lonely").lockSet);
        assertEquals(2, db.lockSets().size());
    }

    @Test
    void concurrentPutsNeverOverlapInsideOneLockSet() throws Exception {
        db();
        rec(db, "lockCheck", "x", "FLNK=y");
        rec(db, "lockCheck", "y");
        db.init();
        TestRecords.LockCheckRecord.VIOLATIONS.set(0);
        int threads = 4, puts = 300;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            final String target = t % 2 == 0 ? "x" : "y";
            Thread th = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < puts; i++) put(target, i);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) th.join();
        assertEquals(0, TestRecords.LockCheckRecord.VIOLATIONS.get());
        long x = db.record("x").l[TestRecords.LockCheckRecord.CNT];
        long y = db.record("y").l[TestRecords.LockCheckRecord.CNT];
        assertEquals(2L * puts, x);
        assertEquals(2L * puts + x, y, "y processes for its own puts and for every x (FLNK)");
    }

    @Test
    void relinkAtRunTimeMergesLockSets() throws Exception {
        db();
        rec(db, "ao", "a");
        rec(db, "ai", "b");
        db.init();
        assertNotSame(db.record("a").lockSet, db.record("b").lockSet);
        putString("a.OUT", "b PP");
        assertSame(db.record("a").lockSet, db.record("b").lockSet);
        put("a", 6);
        assertEquals(6.0, val("b"));
    }

    @Test
    void badLinkTextFailsInitWithRecordAndField() throws Exception {
        db();
        rec(db, "ai", "r", "INP=missing.FOO PP");
        rec(db, "ai", "t");
        rec(db, "ai", "u", "INP=t.NOPE");
        DbException e = assertThrows(DbException.class, () -> db.init());
        assertTrue(e.getMessage().contains("r.INP"), e.getMessage());
        assertTrue(e.getMessage().contains("u.INP: link target 't.NOPE'"), e.getMessage());
        assertFalse(db.isRunning());
    }

    @Test
    void piniProcessesInPhaseOrder() throws Exception {
        db();
        rec(db, "ai", "late", "PINI=YES", "PHAS=2", "TPRO=1", "INP=1");
        rec(db, "ai", "early", "PINI=YES", "PHAS=1", "TPRO=1", "INP=1");
        rec(db, "ai", "never", "TPRO=1");
        db.init();
        assertEquals(List.of("early", "late"), trace);
    }

    @Test
    void eventScanProcessesOnPostEvent() throws Exception {
        db();
        rec(db, "ao", "src");
        rec(db, "ai", "onEvent", "SCAN=Event", "EVNT=7", "INP=src");
        rec(db, "ai", "named", "SCAN=Event", "EVNT=go", "INP=src");
        db.init();
        put("src", 4);
        assertEquals(1, db.postEvent("7"));
        assertEquals(1, db.postEvent("go"));
        waitFor(() -> val("onEvent") == 4.0 && val("named") == 4.0);
    }

    @Test
    void periodicScanProcessesRepeatedly() throws Exception {
        db();
        rec(db, "lockCheck", "tick", "SCAN=.1 second");
        db.init();
        waitFor(() -> db.record("tick").l[TestRecords.LockCheckRecord.CNT] >= 3);
    }

    @Test
    void scanChangeAtRunTimeMovesRecordBetweenLists() throws Exception {
        db();
        rec(db, "lockCheck", "tick");
        db.init();
        putString("tick.SCAN", ".1 second");
        waitFor(() -> db.record("tick").l[TestRecords.LockCheckRecord.CNT] >= 2);
        putString("tick.SCAN", "Passive");
        Thread.sleep(150);
        long n = db.record("tick").l[TestRecords.LockCheckRecord.CNT];
        Thread.sleep(300);
        assertEquals(n, db.record("tick").l[TestRecords.LockCheckRecord.CNT]);
    }

    @Test
    void tseMinus2KeepsDeviceTimeAndTselCopiesTime() throws Exception {
        db();
        rec(db, "ai", "src", "INP=1");
        rec(db, "ai", "copy", "TSEL=src.TIME", "INP=2");
        rec(db, "ai", "keep", "TSE=-2", "INP=3");
        db.init();
        Record src = db.record("src");
        db.processLocked(src);
        src.timeSec = 1234;
        src.timeNsec = 5;
        db.processLocked(db.record("copy"));
        assertEquals(1234, db.record("copy").timeSec);
        assertEquals(5, db.record("copy").timeNsec);
        Record keep = db.record("keep");
        keep.timeSec = 42;
        db.processLocked(keep);
        assertEquals(42, keep.timeSec);
    }

    @Test
    void channelNamesResolveFieldsAliasesAndLongStrings() throws Exception {
        db();
        rec(db, "ai", "r", "DESC=a description");
        db.addAlias("r:alias", "r");
        db.init();
        assertEquals("VAL", db.resolve("r").field.name);
        assertEquals("EGU", db.resolve("r.EGU").field.name);
        assertSame(db.record("r"), db.resolve("r:alias.DESC").record);
        FieldAddress ls = db.resolve("r.DESC$");
        assertTrue(ls.longString);
        assertEquals(DbfType.CHAR, ls.type());
        assertEquals(41, ls.capacity());
        assertEquals("a description".length() + 1, ls.count());
        assertNull(db.resolve("r.NOSUCH"));
        assertNull(db.resolve("nosuch"));
    }
}
