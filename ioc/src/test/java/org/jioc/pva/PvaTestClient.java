package org.jioc.pva;

import java.net.DatagramSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.epics.pvaccess.client.Channel;
import org.epics.pvaccess.client.ChannelGet;
import org.epics.pvaccess.client.ChannelGetRequester;
import org.epics.pvaccess.client.ChannelProvider;
import org.epics.pvaccess.client.ChannelPut;
import org.epics.pvaccess.client.ChannelPutRequester;
import org.epics.pvaccess.client.ChannelRequester;
import org.epics.pvaccess.client.impl.remote.ClientContextImpl;
import org.epics.pvdata.copy.CreateRequest;
import org.epics.pvdata.factory.PVDataFactory;
import org.epics.pvdata.misc.BitSet;
import org.epics.pvdata.monitor.Monitor;
import org.epics.pvdata.monitor.MonitorElement;
import org.epics.pvdata.monitor.MonitorRequester;
import org.epics.pvdata.pv.MessageType;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.Status;
import org.epics.pvdata.pv.Structure;

/**
 * A pvAccess client from another code base than the server (pvAccessJava, org.epics:epics-pvaccess), for tests and
 * the benchmark: one client context (its own TCP connection) that searches only 127.0.0.1 on the server's UDP port.
 * Blocking helpers: connect, get, put, monitor.
 */
public final class PvaTestClient implements AutoCloseable {
    static final double TIMEOUT = 10.0;

    private final ClientContextImpl ctx;
    private final ChannelProvider provider;

    /** A client that searches 127.0.0.1:udpPort. pvAccessJava reads its settings from system properties here. */
    public PvaTestClient(int udpPort) throws Exception {
        synchronized (PvaTestClient.class) {
            System.setProperty("EPICS_PVA_ADDR_LIST", "127.0.0.1:" + udpPort);
            System.setProperty("EPICS_PVA_AUTO_ADDR_LIST", "NO");
            // its own beacon port, so it never shares (and steals unicasts from) a server's search port
            try (DatagramSocket s = new DatagramSocket(0)) {
                System.setProperty("EPICS_PVA_BROADCAST_PORT", Integer.toString(s.getLocalPort()));
            }
            ctx = new ClientContextImpl();
            ctx.initialize();
        }
        provider = ctx.getProvider();
    }

    @Override
    public void close() {
        ctx.destroy();
    }

    private abstract static class Named {
        public String getRequesterName() { return "jioc-test"; }

        public void message(String message, MessageType type) { }
    }

    // -------------------------------------------------------------------------------------------------------------

    public Channel connect(String name) throws Exception {
        return connectAll(java.util.List.of(name)).get(0);
    }

    /** Create all channels at once, then wait until every one is connected. */
    public java.util.List<Channel> connectAll(java.util.List<String> names) throws Exception {
        CountDownLatch up = new CountDownLatch(names.size());
        class Req extends Named implements ChannelRequester {
            boolean counted;

            @Override
            public void channelCreated(Status status, Channel channel) { }

            @Override
            public synchronized void channelStateChange(Channel c, Channel.ConnectionState state) {
                if (state == Channel.ConnectionState.CONNECTED && !counted) {
                    counted = true;
                    up.countDown();
                }
            }
        }
        java.util.List<Channel> out = new java.util.ArrayList<>();
        for (String name : names) out.add(provider.createChannel(name, new Req(), ChannelProvider.PRIORITY_DEFAULT));
        if (!up.await((long) (TIMEOUT * 1000), TimeUnit.MILLISECONDS)) {
            for (Channel ch : out) ch.destroy();
            throw new AssertionError(up.getCount() + " of " + names + " did not connect over PVA");
        }
        return out;
    }

    /**
     * A copy of a received structure. Not PVDataCreate.createPVStructure(PVStructure): pvDataJava 6.1.10 throws a
     * ClassCastException there for a structure with a union before a structure array (an NTNDArray).
     */
    static PVStructure copy(PVStructure data) {
        PVStructure c = PVDataFactory.getPVDataCreate().createPVStructure(data.getStructure());
        org.epics.pvdata.factory.ConvertFactory.getConvert().copyStructure(data, c);
        return c;
    }

    static PVStructure request() { return CreateRequest.create().createRequest("field()"); }

    /** A reusable get operation on one channel. */
    public static final class Getter extends Named implements ChannelGetRequester {
        private final CountDownLatch connected = new CountDownLatch(1);
        private volatile ChannelGet op;
        private volatile Status connectStatus;
        private final BlockingQueue<Object> results = new LinkedBlockingQueue<>();
        /** Called on each completion when set (benchmark pipelining), instead of queueing the result. */
        volatile Runnable onDone;

        @Override
        public void channelGetConnect(Status status, ChannelGet get, Structure structure) {
            op = get;
            connectStatus = status;
            connected.countDown();
        }

        @Override
        public void getDone(Status status, ChannelGet get, PVStructure data, BitSet changed) {
            Runnable r = onDone;
            if (r != null) {
                r.run();
                return;
            }
            results.add(status.isSuccess() ? copy(data) : status);
        }

        /** Issue a get without waiting (completion goes to onDone). */
        public void start() { op.get(); }

        public PVStructure get() throws Exception {
            op.get();
            Object r = results.poll((long) (TIMEOUT * 1000), TimeUnit.MILLISECONDS);
            if (r == null) throw new AssertionError("PVA get timed out");
            if (r instanceof Status) throw new AssertionError("PVA get failed: " + r);
            return (PVStructure) r;
        }
    }

    public Getter getter(Channel ch) throws Exception {
        Getter g = new Getter();
        ch.createChannelGet(g, request());
        if (!g.connected.await((long) (TIMEOUT * 1000), TimeUnit.MILLISECONDS))
            throw new AssertionError("get did not connect");
        if (!g.connectStatus.isSuccess()) throw new AssertionError("get connect: " + g.connectStatus);
        return g;
    }

    public PVStructure get(Channel ch) throws Exception {
        Getter g = getter(ch);
        try {
            return g.get();
        } finally {
            g.op.destroy();
        }
    }

    /** A reusable put operation on one channel. */
    public static final class Putter extends Named implements ChannelPutRequester {
        private final CountDownLatch connected = new CountDownLatch(1);
        private volatile ChannelPut op;
        private volatile Status connectStatus;
        private volatile Structure structure;
        private final BlockingQueue<Status> done = new LinkedBlockingQueue<>();

        @Override
        public void channelPutConnect(Status status, ChannelPut put, Structure s) {
            op = put;
            connectStatus = status;
            structure = s;
            connected.countDown();
        }

        @Override
        public void putDone(Status status, ChannelPut put) { done.add(status); }

        @Override
        public void getDone(Status status, ChannelPut put, PVStructure data, BitSet changed) { }

        /** Fill a fresh structure, mark the named fields as written, put, and return the server's status. */
        public Status put(Consumer<PVStructure> fill, String... fields) throws Exception {
            PVStructure data = PVDataFactory.getPVDataCreate().createPVStructure(structure);
            fill.accept(data);
            BitSet written = new BitSet(data.getNumberFields());
            for (String f : fields) {
                PVField pf = data.getSubField(f);
                if (pf == null) throw new IllegalArgumentException("no field " + f);
                written.set(pf.getFieldOffset());
            }
            op.put(data, written);
            Status s = done.poll((long) (TIMEOUT * 1000), TimeUnit.MILLISECONDS);
            if (s == null) throw new AssertionError("PVA put timed out");
            return s;
        }

        public void destroy() { op.destroy(); }
    }

    public Putter putter(Channel ch) throws Exception {
        Putter p = new Putter();
        ch.createChannelPut(p, request());
        if (!p.connected.await((long) (TIMEOUT * 1000), TimeUnit.MILLISECONDS))
            throw new AssertionError("put did not connect");
        if (!p.connectStatus.isSuccess()) throw new AssertionError("put connect: " + p.connectStatus);
        return p;
    }

    /** Put the "value" field (filled by fill); returns the status. */
    public Status putValue(Channel ch, Consumer<PVStructure> fill) throws Exception {
        Putter p = putter(ch);
        try {
            return p.put(fill, "value");
        } finally {
            p.destroy();
        }
    }

    /** One monitor update: a copy of the structure and which fields changed. */
    public record Update(PVStructure data, BitSet changed) { }

    /** A running monitor: its updates in a queue (or counted only, for the benchmark). */
    public static final class Subscription extends Named implements MonitorRequester {
        private final CountDownLatch connected = new CountDownLatch(1);
        private final AtomicReference<Status> connectStatus = new AtomicReference<>();
        private volatile Monitor monitor;
        final BlockingQueue<Update> updates = new LinkedBlockingQueue<>();
        final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
        volatile boolean countOnly;

        @Override
        public void monitorConnect(Status status, Monitor m, Structure structure) {
            monitor = m;
            connectStatus.set(status);
            connected.countDown();
        }

        @Override
        public void monitorEvent(Monitor m) {
            MonitorElement e;
            while ((e = m.poll()) != null) {
                count.incrementAndGet();
                if (!countOnly) {
                    merge(e.getPVStructure(), e.getChangedBitSet());
                    updates.add(new Update(PvaTestClient.copy(merged), copy(e.getChangedBitSet())));
                }
                m.release(e);
            }
        }

        /** The structure as the client knows it: every update's changed fields applied in turn (what pvget and p4p
         * show). A queue element's unchanged fields are not valid: pvAccessJava reuses elements. */
        private PVStructure merged;

        private void merge(PVStructure element, BitSet changed) {
            if (merged == null || changed.get(0)) {
                merged = PvaTestClient.copy(element);
                return;
            }
            var convert = org.epics.pvdata.factory.ConvertFactory.getConvert();
            for (int i = changed.nextSetBit(1); i >= 0; i = changed.nextSetBit(i + 1)) {
                org.epics.pvdata.pv.PVField from = element.getSubField(i), to = merged.getSubField(i);
                convert.copy(from, to);
                i = from.getNextFieldOffset() - 1; // a changed structure was copied whole
            }
        }

        private static BitSet copy(BitSet b) {
            BitSet c = new BitSet(b.size());
            c.or(b);
            return c;
        }

        @Override
        public void unlisten(Monitor m) { }

        /** The next update, or null after seconds. */
        public Update next(double seconds) throws InterruptedException {
            return updates.poll((long) (seconds * 1000), TimeUnit.MILLISECONDS);
        }

        public long count() { return count.get(); }

        public void stop() {
            monitor.stop();
            monitor.destroy();
        }
    }

    public Subscription monitor(Channel ch) throws Exception { return monitor(ch, false); }

    public Subscription monitor(Channel ch, boolean countOnly) throws Exception {
        Subscription s = new Subscription();
        s.countOnly = countOnly;
        ch.createMonitor(s, request());
        if (!s.connected.await((long) (TIMEOUT * 1000), TimeUnit.MILLISECONDS))
            throw new AssertionError("monitor did not connect");
        if (!s.connectStatus.get().isSuccess()) throw new AssertionError("monitor connect: " + s.connectStatus.get());
        s.monitor.start();
        return s;
    }
}
