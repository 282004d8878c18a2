package org.jioc.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The catalog store on a real database: runs, scan_id, the command queue and the queue runner. Subclasses give the
 * database (embedded H2 in a temporary directory, a PostgreSQL server started by scripts/test).
 */
abstract class CatalogStoreContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<AutoCloseable> open = new ArrayList<>();

    /** A database with no catalog tables yet (the same one each time within a test). */
    abstract CatalogConfig config();

    CatalogDatabase database() {
        CatalogDatabase db = new CatalogDatabase(config());
        open.add(db);
        return db;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    static ObjectNode start(String plan) {
        ObjectNode s = JSON.createObjectNode();
        s.put("plan_name", plan);
        s.putObject("plan_args").put("num", 11).putArray("detectors").add("det1");
        s.putArray("motors").add("2bmb:m1");
        s.putArray("detectors").add("det1").add("det2");
        s.put("num_points", 11);
        return s;
    }

    // -----------------------------------------------------------------------------------------------------------
    // Runs

    @Test
    void runIsRecordedWithItsFilesAndReadBack() throws Exception {
        RunCatalog runs = new RunCatalog(database(), null);
        RunHandle h = runs.openRun(start("scan"));
        assertEquals(1, h.scanId());
        assertEquals(36, h.uid().length());
        RunEntry open = runs.run(h.uid()).orElseThrow();
        assertEquals(ExitStatus.RUNNING, open.exitStatus());
        assertNull(open.stopTime());

        runs.addFile(h.uid(), RunFile.of("/data/scan_0001.nxs", "nexus"));
        runs.addFile(h.uid(), RunFile.of("/data/2bmb.spec", "spec"));
        runs.addFile(h.uid(), new RunFile("/data/det1_0001.h5", "areadetector", 0L, 10L));
        runs.closeRun(h.uid(), ExitStatus.SUCCESS, "", Map.of("primary", 11L));

        RunEntry r = runs.run(h.uid()).orElseThrow();
        assertEquals("scan", r.planName());
        assertEquals(11, r.planArgs().get("num").asInt());
        assertEquals(List.of("2bmb:m1"), r.motors());
        assertEquals(List.of("det1", "det2"), r.detectors());
        assertEquals(11, r.numPoints());
        assertEquals(ExitStatus.SUCCESS, r.exitStatus());
        assertEquals("", r.reason());
        assertEquals(11L, r.numEvents());
        assertNotNull(r.stopTime());
        assertFalse(r.stopTime().isBefore(r.startTime()));
        assertEquals(h.uid(), r.startDoc().get("uid").asText());
        assertEquals(1, r.startDoc().get("scan_id").asInt());
        assertEquals("success", r.stopDoc().get("exit_status").asText());
        assertEquals(11, r.stopDoc().get("num_events").get("primary").asInt());
        assertEquals(List.of(RunFile.of("/data/scan_0001.nxs", "nexus"), RunFile.of("/data/2bmb.spec", "spec"),
                new RunFile("/data/det1_0001.h5", "areadetector", 0L, 10L)), r.files());
    }

    @Test
    void abortedAndFailedRunsKeepTheirReason() throws Exception {
        RunCatalog runs = new RunCatalog(database(), null);
        RunHandle a = runs.openRun(start("count"));
        RunHandle b = runs.openRun(start("grid_scan"));
        runs.closeRun(a.uid(), ExitStatus.ABORT, "aborted by ca:alice@ws3", Map.of("primary", 3L));
        runs.closeRun(b.uid(), ExitStatus.FAIL, "2bmb:m1 hit the high limit", Map.of());
        List<RunEntry> recent = runs.recentRuns(10);
        assertEquals(List.of(b.uid(), a.uid()), recent.stream().map(RunEntry::uid).toList());
        assertEquals(ExitStatus.FAIL, recent.get(0).exitStatus());
        assertEquals("2bmb:m1 hit the high limit", recent.get(0).reason());
        assertEquals(0L, recent.get(0).numEvents());
        assertEquals("aborted by ca:alice@ws3", recent.get(1).reason());
        assertEquals(a.uid(), runs.runByScanId(a.scanId()).orElseThrow().uid());
    }

    @Test
    void scanIdContinuesAfterReopeningTheDatabase() throws Exception {
        CatalogDatabase first = database();
        RunCatalog runs = new RunCatalog(first, null);
        for (int i = 1; i <= 3; i++) assertEquals(i, runs.openRun(start("count")).scanId());
        first.close(); // the IOC stops

        RunCatalog again = new RunCatalog(database(), null);
        again.refreshLastScanId();
        assertEquals(3, again.lastScanId());
        assertEquals(4, again.openRun(start("count")).scanId());
        ObjectNode given = start("count");
        given.put("scan_id", 100);
        assertEquals(100, again.openRun(given).scanId());
        assertEquals(101, again.openRun(start("count")).scanId(), "a given scan_id raises the counter");
    }

    @Test
    void concurrentRunsGetDistinctScanIds() throws Exception {
        int perThread = 15;
        ConcurrentLinkedQueue<Long> ids = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            RunCatalog runs = new RunCatalog(database(), null); // its own connection, as a second IOC
            threads.add(new Thread(() -> {
                try {
                    for (int i = 0; i < perThread; i++) ids.add(runs.openRun(start("count")).scanId());
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) t.join(60_000);
        assertTrue(errors.isEmpty(), () -> "errors: " + errors);
        assertEquals(2 * perThread, new HashSet<>(ids).size(), () -> "duplicates in " + ids);
        assertEquals(2L * perThread, ids.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    @Test
    void unknownRunsAndBadInputAreRefusedClearly() throws Exception {
        RunCatalog runs = new RunCatalog(database(), null);
        CatalogException e = assertThrows(CatalogException.class,
                () -> runs.closeRun("no-such-uid", ExitStatus.SUCCESS, "", Map.of()));
        assertEquals("no run with uid no-such-uid in the catalog", e.getMessage());
        assertThrows(CatalogException.class, () -> runs.addFile("no-such-uid", RunFile.of("/x", "nexus")));
        RunHandle h = runs.openRun(start("count"));
        ObjectNode dup = start("count");
        dup.put("uid", h.uid());
        CatalogException d = assertThrows(CatalogException.class, () -> runs.openRun(dup));
        assertFalse(d.connectionLost());
        assertThrows(IllegalArgumentException.class, () -> new RunFile("/x.h5", "areadetector", 5L, 2L));
        assertEquals(Optional.empty(), runs.run("no-such-uid"));
    }

    @Test
    void aNewerSchemaIsRefused() throws Exception {
        CatalogDatabase db = database();
        db.connect();
        db.transaction((c, d) -> {
            try (Statement st = c.createStatement()) {
                st.executeUpdate("UPDATE catalog_meta SET int_value = 99 WHERE name = 'schema_version'");
            }
            return null;
        });
        db.close();
        CatalogException e = assertThrows(CatalogException.class, () -> database().connect());
        assertTrue(e.getMessage().contains("schema is version 99, newer than this jioc's (1)"), e.getMessage());
    }

    // -----------------------------------------------------------------------------------------------------------
    // Command queue

    @Test
    void queueClaimsInOrderAndFollowsTheStatusVocabulary() throws Exception {
        CommandQueue q = new CommandQueue(database());
        long a = q.submit("scan", "{\"name\": \"a\"}", "first", "ca:alice@ws3", null);
        long b = q.submit("scan", "{\"name\": \"b\"}", null, "ca:alice@ws3", null);
        long c = q.submit("count", "", null, "iocsh", "/data/c.h5");
        assertEquals(List.of(a, b, c), q.list(true).stream().map(QueuedCommand::id).toList());
        assertEquals(3, q.length());
        QueuedCommand qa = q.get(a);
        assertEquals(CommandStatus.REQUESTED, qa.status());
        assertEquals("{\"name\":\"a\"}", qa.arguments());
        assertEquals("first", qa.notes());
        assertEquals("ca:alice@ws3", qa.submittedBy());
        assertEquals("{}", q.get(c).arguments());
        assertNotNull(qa.requestTime());

        QueuedCommand claimed = q.claimNext("ioc-1").orElseThrow();
        assertEquals(a, claimed.id());
        assertEquals(CommandStatus.STARTING, claimed.status());
        assertEquals("ioc-1", claimed.claimedBy());
        assertNotNull(claimed.startTime());
        assertTrue(q.transition(a, CommandStatus.STARTING, CommandStatus.RUNNING));
        assertFalse(q.transition(a, CommandStatus.STARTING, CommandStatus.RUNNING), "only from the status it has");
        q.finish(a, CommandStatus.FINISHED, "done", "/data/a.nxs");
        assertEquals(CommandStatus.FINISHED, q.status(a));
        assertEquals("done", q.get(a).outputValue());
        assertEquals("/data/a.nxs", q.get(a).outputFile());

        assertEquals(CommandStatus.CANCELED, q.cancel(b));
        assertEquals(CommandStatus.FINISHED, q.cancel(a), "an ended command stays as it is");
        assertEquals(c, q.claimNext("ioc-1").orElseThrow().id(), "canceled commands are skipped");
        assertEquals(Optional.empty(), q.claimNext("ioc-1"));

        long d = q.submit("noop", "{}", null, "iocsh", null);
        q.resubmit(b);
        assertEquals(CommandStatus.REQUESTED, q.status(b));
        assertNull(q.get(b).claimedBy());
        assertEquals(List.of(d, b), q.list(false).stream().filter(x -> x.status() == CommandStatus.REQUESTED)
                .map(QueuedCommand::id).toList(), "a resubmitted command goes to the end");
        assertEquals(d, q.claimNext("ioc-1").orElseThrow().id());
        assertEquals(b, q.claimNext("ioc-1").orElseThrow().id());
        CatalogException e = assertThrows(CatalogException.class, () -> q.resubmit(a));
        assertEquals("command #" + a + " is finished: only canceled or aborted commands are resubmitted",
                e.getMessage());
    }

    @Test
    void cancelOfAStartedCommandAsksItsRunnerToAbort() throws Exception {
        CommandQueue q = new CommandQueue(database());
        long a = q.submit("sleep", "{\"seconds\": 5}", null, "t", null);
        q.claimNext("ioc-1");
        assertEquals(CommandStatus.ABORTING, q.cancel(a));
        assertFalse(q.transition(a, CommandStatus.STARTING, CommandStatus.RUNNING));
        assertThrows(CatalogException.class, () -> q.cancel(12345));
    }

    @Test
    void badSubmissionsAreRefused() throws Exception {
        CommandQueue q = new CommandQueue(database());
        assertEquals("no command given",
                assertThrows(CatalogException.class, () -> q.submit(" ", "{}", null, "t", null)).getMessage());
        assertTrue(assertThrows(CatalogException.class, () -> q.submit("scan", "{oops", null, "t", null))
                .getMessage().startsWith("arguments are not valid JSON"));
        assertEquals(0, q.list(false).size());
    }

    @Test
    void twoClaimersNeverGetTheSameCommand() throws Exception {
        CommandQueue submitter = new CommandQueue(database());
        int n = 40;
        Set<Long> submitted = new HashSet<>();
        for (int i = 0; i < n; i++) submitted.add(submitter.submit("noop", "{}", null, "t", null));
        ConcurrentLinkedQueue<Long> claimed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            CommandQueue q = new CommandQueue(database()); // each claimer has its own connection, as two IOCs
            String me = "ioc-" + t;
            threads.add(new Thread(() -> {
                try {
                    go.await();
                    Optional<QueuedCommand> c;
                    while ((c = q.claimNext(me)).isPresent()) {
                        assertEquals(me, c.get().claimedBy());
                        claimed.add(c.get().id());
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) t.join(120_000);
        assertTrue(errors.isEmpty(), () -> "errors: " + errors);
        assertEquals(n, claimed.size(), () -> "claimed " + claimed);
        assertEquals(submitted, new HashSet<>(claimed));
        for (long id : submitted) assertEquals(CommandStatus.STARTING, submitter.status(id));
    }

    @Test
    void aRowInsertedWithPlainSqlIsClaimed() throws Exception {
        CatalogDatabase db = database();
        db.connect();
        CatalogConfig cfg = config();
        try (Connection c = DriverManager.getConnection(cfg.url(), cfg.user(), cfg.password());
             Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO commands (command, arguments) VALUES ('noop', '{}')");
        }
        QueuedCommand q = new CommandQueue(db).claimNext("ioc-1").orElseThrow();
        assertEquals("noop", q.command());
        assertNull(q.runOrder());
    }

    // -----------------------------------------------------------------------------------------------------------
    // Queue runner

    /** Records what the runner reports. */
    static final class Reports implements QueueRunner.Listener {
        final ConcurrentLinkedQueue<String> messages = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<Long> started = new ConcurrentLinkedQueue<>();

        @Override
        public void current(QueuedCommand running) { if (running != null) started.add(running.id()); }

        @Override
        public void message(String text) { messages.add(text); }

        @Override
        public void ended(QueuedCommand command, CommandStatus status, String output) { }
    }

    static CommandStatus awaitFinal(CommandQueue q, long id) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            CommandStatus s = q.status(id);
            if (s.isFinal()) return s;
            Thread.sleep(20);
        }
        throw new AssertionError("command #" + id + " is still " + q.status(id));
    }

    static void awaitStatus(CommandQueue q, long id, CommandStatus want) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (q.status(id) != want) {
            if (System.nanoTime() > end) throw new AssertionError("#" + id + " is " + q.status(id) + ", not " + want);
            Thread.sleep(20);
        }
    }

    @Test
    void runnerRunsHandlersInOrderAndReportsUnknownCommands() throws Exception {
        CatalogDatabase db = database();
        CommandQueue q = new CommandQueue(db);
        QueueHandlers handlers = new QueueHandlers();
        List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
        handlers.register("echo", (args, task) -> {
            ran.add(args.get("text").asText());
            task.outputFile("/tmp/" + args.get("text").asText());
            return "echo " + args.get("text").asText();
        });
        handlers.register("explode", (args, task) -> {
            throw new IllegalStateException("detector det1 is not connected");
        });
        long a = q.submit("echo", "{\"text\": \"a\"}", null, "t", null);
        long x = q.submit("frobnicate", "{}", null, "t", null);
        long b = q.submit("echo", "{\"text\": \"b\"}", null, "t", null);
        long f = q.submit("explode", "{}", null, "t", null);
        long s = q.submit("sleep", "{\"seconds\": -1}", null, "t", null);
        Reports reports = new Reports();
        QueueRunner runner = new QueueRunner(q, handlers, "ioc-test", db::isConnected, reports);
        open.add(runner::stop);
        db.connect();
        runner.start();
        assertEquals(CommandStatus.FINISHED, awaitFinal(q, a));
        assertEquals(CommandStatus.ABORTED, awaitFinal(q, x));
        assertEquals(CommandStatus.FINISHED, awaitFinal(q, b));
        assertEquals(CommandStatus.ABORTED, awaitFinal(q, f));
        assertEquals(CommandStatus.ABORTED, awaitFinal(q, s));
        assertEquals(List.of("a", "b"), ran);
        assertEquals("echo a", q.get(a).outputValue());
        assertEquals("/tmp/a", q.get(a).outputFile());
        assertEquals("error: unknown command 'frobnicate' (known: echo, explode, noop, sleep)", q.get(x).outputValue());
        assertEquals("error: detector det1 is not connected", q.get(f).outputValue());
        assertEquals("error: sleep: seconds must be 0..86400, not -1", q.get(s).outputValue());
        assertEquals(List.of(a, b, f, s), List.copyOf(reports.started));
        assertTrue(reports.messages.contains("#" + x + " frobnicate: aborted: error: unknown command 'frobnicate'"
                + " (known: echo, explode, noop, sleep)"), () -> "messages: " + reports.messages);
    }

    @Test
    void cancelAbortsTheRunningCommandAndResubmitRunsItAgain() throws Exception {
        CatalogDatabase db = database();
        CommandQueue q = new CommandQueue(db);
        QueueRunner runner = new QueueRunner(q, new QueueHandlers(), "ioc-test", db::isConnected, new Reports());
        open.add(runner::stop);
        db.connect();
        long slow = q.submit("sleep", "{\"seconds\": 30}", null, "t", null);
        long next = q.submit("noop", "", null, "t", null);
        runner.start();
        awaitStatus(q, slow, CommandStatus.RUNNING);
        assertEquals(CommandStatus.REQUESTED, q.status(next));
        long t0 = System.nanoTime();
        CommandQueue other = new CommandQueue(database()); // another client cancels
        assertEquals(CommandStatus.ABORTING, other.cancel(slow));
        assertEquals(CommandStatus.ABORTED, awaitFinal(q, slow));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10), "the sleep ended early");
        assertEquals("aborted: canceled", q.get(slow).outputValue());
        assertEquals(CommandStatus.FINISHED, awaitFinal(q, next));
        assertEquals("noop", q.get(next).outputValue());

        long resubmitted = slow;
        q.resubmit(resubmitted);
        awaitStatus(q, resubmitted, CommandStatus.RUNNING);
        runner.stop(); // IOC shutdown aborts it and still records why
        assertEquals(CommandStatus.ABORTED, q.status(resubmitted));
        assertEquals("aborted: IOC shutdown", q.get(resubmitted).outputValue());
    }
}
