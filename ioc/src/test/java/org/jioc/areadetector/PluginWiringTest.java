package org.jioc.areadetector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jioc.areadetector.asyn.PortException;
import org.jioc.areadetector.asyn.PortRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PluginWiringTest {
    /** A producer port. */
    static final class Source extends NDArrayDriver {
        Source(String name) { super(name); }

        void send(NDArray a) { publish(a); }
    }

    /** A plugin that records what it processed, optionally held by a latch. */
    static final class Recorder extends NDPluginDriver {
        final CopyOnWriteArrayList<Integer> ids = new CopyOnWriteArrayList<>();
        final CopyOnWriteArrayList<String> threads = new CopyOnWriteArrayList<>();
        volatile CountDownLatch gate;
        final CountDownLatch entered = new CountDownLatch(1);

        Recorder(String name, PortRegistry ports, int queue, boolean blocking, String source) {
            super(name, "NDPluginTest", ports, queue, blocking, source, 0);
        }

        @Override
        protected void processArray(NDArray a) {
            entered.countDown();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ids.add(a.uniqueId());
            threads.add(Thread.currentThread().getName());
        }

        int iv(String name) { return getInteger(param(name)); }
    }

    private final PortRegistry ports = new PortRegistry();
    private final Source sim = new Source("SIM1");
    private final Source other = new Source("SIM2");

    PluginWiringTest() {
        ports.add(sim);
        ports.add(other);
    }

    @AfterEach
    void stop() {
        for (var p : ports.all()) p.shutdown();
    }

    private static NDArray frame(int id) {
        return NDArray.now(id, NDDataType.UInt8, NDColorMode.Mono, new int[] {3, 2}, new byte[6], List.of());
    }

    private Recorder plugin(String name, int queue, boolean blocking) throws PortException {
        Recorder r = new Recorder(name, ports, queue, blocking, "SIM1");
        ports.add(r);
        r.connect();
        r.writeInt32(r.param("ENABLE_CALLBACKS"), 1);
        return r;
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!c.getAsBoolean() && System.nanoTime() < end) Thread.sleep(2);
        assertTrue(c.getAsBoolean());
    }

    @Test
    void blockingCallbacksRunOnTheProducersThread() throws Exception {
        Recorder r = plugin("B1", 2, true);
        sim.send(frame(1));
        assertEquals(List.of(1), r.ids);
        assertEquals(Thread.currentThread().getName(), r.threads.get(0));
        assertEquals(1, r.iv("ARRAY_COUNTER"));
        assertEquals(1, r.iv("UNIQUE_ID"));
        assertEquals(3, r.iv("ARRAY_SIZE_0"));
        assertEquals(2, r.iv("ARRAY_SIZE_1"));
        assertEquals(NDDataType.UInt8.ordinal(), r.iv("DATA_TYPE"));
    }

    @Test
    void queuedCallbacksRunOnThePluginThreadAndDropWhenFull() throws Exception {
        Recorder r = plugin("Q1", 2, false);
        r.gate = new CountDownLatch(1);
        sim.send(frame(1));
        assertTrue(r.entered.await(5, TimeUnit.SECONDS)); // the worker holds frame 1
        sim.send(frame(2));
        sim.send(frame(3));
        assertEquals(0, r.iv("QUEUE_FREE"));
        sim.send(frame(4)); // queue of 2 is full: dropped
        sim.send(frame(5));
        assertEquals(2, r.iv("DROPPED_ARRAYS"));
        assertTrue(!r.idle());
        r.gate.countDown();
        waitFor(() -> r.ids.size() == 3 && r.idle());
        assertEquals(List.of(1, 2, 3), r.ids);
        assertEquals("plugin-Q1", r.threads.get(0));
        waitFor(() -> r.iv("QUEUE_FREE") == 2);
        assertEquals(3, r.iv("ARRAY_COUNTER"));
    }

    @Test
    void disabledPluginTakesNothing() throws Exception {
        Recorder r = plugin("D1", 2, true);
        r.writeInt32(r.param("ENABLE_CALLBACKS"), 0);
        sim.send(frame(1));
        assertTrue(r.ids.isEmpty());
        assertEquals(0, r.iv("ARRAY_COUNTER"));
    }

    @Test
    void ndArrayPortRewires() throws Exception {
        Recorder r = plugin("W1", 2, true);
        assertSame(sim, r.source());
        r.writeOctet(r.param("NDARRAY_PORT"), "SIM2");
        assertSame(other, r.source());
        sim.send(frame(1));
        other.send(frame(2));
        assertEquals(List.of(2), r.ids);
        PortException e = assertThrows(PortException.class, () -> r.writeOctet(r.param("NDARRAY_PORT"), "NOPE"));
        assertTrue(e.getMessage().contains("NOPE"));
        assertThrows(PortException.class, () -> r.writeOctet(r.param("NDARRAY_PORT"), "W1"));
        r.writeOctet(r.param("NDARRAY_PORT"), "");
        assertNull(r.source());
        other.send(frame(3));
        assertEquals(List.of(2), r.ids);
    }

    @Test
    void queueSizeChangeKeepsQueuedFrames() throws Exception {
        Recorder r = plugin("S1", 4, false);
        r.gate = new CountDownLatch(1);
        sim.send(frame(1));
        assertTrue(r.entered.await(5, TimeUnit.SECONDS));
        sim.send(frame(2));
        sim.send(frame(3));
        r.writeInt32(r.param("QUEUE_SIZE"), 1); // one of the two waiting frames no longer fits
        assertEquals(1, r.iv("DROPPED_ARRAYS"));
        assertThrows(PortException.class, () -> r.writeInt32(r.param("QUEUE_SIZE"), 0));
        r.gate.countDown();
        waitFor(() -> r.ids.size() == 2 && r.idle());
        assertEquals(List.of(1, 2), r.ids);
    }
}
