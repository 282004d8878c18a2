package org.jioc.areadetector.pva;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.copy.CreateRequest;
import org.epics.pvdata.monitor.Monitor;
import org.epics.pvdata.monitor.MonitorElement;
import org.epics.pvdata.monitor.MonitorRequester;
import org.epics.pvdata.pv.MessageType;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVScalarArray;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.PVUnion;
import org.epics.pvdata.pv.Status;
import org.epics.pvdata.pv.Structure;
import org.jioc.pva.PvaTestClient;

/**
 * The image rate over pvAccess to one monitor (scripts/bench-ad-pva): a pvAccessJava monitor on an NTNDArray
 * channel counts frames and pixel bytes for a while, and compares with how many frames the camera made meanwhile
 * (uniqueId). Numbers only, not a test.
 *
 * <pre>java -cp ... org.jioc.areadetector.pva.NtNdArrayBench udpPort channel seconds</pre>
 */
public final class NtNdArrayBench {
    private NtNdArrayBench() { }

    /** Counts what arrives; runs on the client's receive thread. */
    static final class Counter implements MonitorRequester {
        final CountDownLatch connected = new CountDownLatch(1);
        volatile Monitor monitor;
        long frames, bytes, firstId = -1, lastId = -1, gaps;

        @Override
        public String getRequesterName() { return "bench"; }

        @Override
        public void message(String message, MessageType type) { }

        @Override
        public void monitorConnect(Status status, Monitor m, Structure s) {
            monitor = m;
            connected.countDown();
        }

        @Override
        public synchronized void monitorEvent(Monitor m) {
            MonitorElement e;
            while ((e = m.poll()) != null) {
                PVStructure v = e.getPVStructure();
                int id = v.getSubField(PVInt.class, "uniqueId").get();
                PVScalarArray a = (PVScalarArray) v.getSubField(PVUnion.class, "value").get();
                if (a != null && id != lastId) {
                    if (firstId < 0) firstId = id;
                    else if (id != lastId + 1) gaps += id - lastId - 1;
                    lastId = id;
                    frames++;
                    bytes += (long) a.getLength() * elementBytes(a);
                }
                m.release(e);
            }
        }

        private static int elementBytes(PVScalarArray a) {
            switch (a.getScalarArray().getElementType()) {
                case pvByte: case pvUByte: return 1;
                case pvShort: case pvUShort: return 2;
                case pvInt: case pvUInt: case pvFloat: return 4;
                default: return 8;
            }
        }

        @Override
        public void unlisten(Monitor m) { }

        synchronized long[] snapshot() { return new long[] {frames, bytes, lastId, gaps}; }
    }

    public static void main(String[] args) throws Exception {
        int udp = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[2]);
        try (PvaTestClient client = new PvaTestClient(udp)) {
            Channel ch = client.connect(args[1]);
            Counter c = new Counter();
            ch.createMonitor(c, CreateRequest.create().createRequest("field()"));
            if (!c.connected.await(10, TimeUnit.SECONDS)) throw new AssertionError("monitor did not connect");
            c.monitor.start();
            Thread.sleep(2000); // warm-up: JIT, TCP windows, the camera running
            long[] a = c.snapshot();
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long[] b = c.snapshot();
            double dt = (System.nanoTime() - t0) / 1e9;
            long frames = b[0] - a[0], bytes = b[1] - a[1], made = b[2] - a[2], missed = b[3] - a[3];
            System.out.printf("%.1f s: %d frames received (%.1f frames/s, %.1f MB/s), camera made %d "
                    + "(%.1f frames/s), %d not sent to this monitor (coalesced to the newest)%n", dt, frames,
                    frames / dt, bytes / dt / 1e6, made, made / dt, missed);
            c.monitor.stop();
        }
        System.exit(0);
    }
}
