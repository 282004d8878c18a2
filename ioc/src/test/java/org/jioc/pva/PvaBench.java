package org.jioc.pva;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.factory.ConvertFactory;
import org.epics.pvdata.pv.PVDouble;
import org.epics.pvdata.pv.PVScalar;
import org.epics.pvdata.pv.PVScalarArray;
import org.epics.pvdata.pv.PVShortArray;
import org.epics.pvdata.pv.PVStructure;

/**
 * The PVA benchmark (scripts/bench-pva): the CA benchmark's workload (scripts/bench/ca_bench.py) measured with
 * pvAccessJava, a client that shares no code with the server. Starts a jioc process from ioc/target/jioc.jar on free
 * loopback ports and ends it by its own process handle. Prints numbers only; not a test.
 *
 * <p>Usage: {@code PvaBench <jioc home> [--seconds S] [--clients N]}
 */
public final class PvaBench {
    static final int N_TICK = 1000;
    static final int BIG = 1_000_000;
    static final int PIPELINE = 16;

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        double seconds = 5;
        int clients = 10;
        for (int i = 1; i + 1 < args.length; i += 2) {
            if (args[i].equals("--seconds")) seconds = Double.parseDouble(args[i + 1]);
            else if (args[i].equals("--clients")) clients = Integer.parseInt(args[i + 1]);
            else throw new IllegalArgumentException("unknown option " + args[i]);
        }
        Path dir = Files.createTempDirectory("jioc-pva-bench-");
        int udp = freeUdpPort();
        phase("starting jioc");
        Process ioc = startIoc(home, writeIoc(dir), dir.resolve("ioc.log"), udp);
        List<String> lines = new ArrayList<>();
        try (PvaTestClient c = new PvaTestClient(udp)) {
            phase("gets");
            double sync = getsSync(c, seconds);
            double piped = getsPipelined(c, seconds);
            phase("puts");
            double[] puts = putsSync(c, seconds);
            phase("monitors");
            double monitors = monitors(udp, clients, seconds * 2);
            phase("1M get");
            double[] bigGet = bigGet(c, 10);
            phase("1M put");
            double[] bigPut = bigPut(c, 5);
            phase("done");
            lines.add(row("PVA gets/s, one channel, synchronous", "%12.0f", sync));
            lines.add(row("PVA gets/s, one channel, " + PIPELINE + " gets in flight", "%12.0f", piped));
            lines.add(row("PVA puts/s, one channel, synchronous", "%12.0f", puts[0]));
            lines.add(String.format(Locale.ROOT, "%-60s %8.0f / %.0f", "  puts sent / records processed by them",
                    puts[1], puts[2]));
            lines.add(row(String.format("monitor updates/s, %d PVs @10 Hz to %d clients (expect %d)", N_TICK,
                    clients, N_TICK * 10 * clients), "%12.0f", monitors));
            lines.add(String.format(Locale.ROOT, "%-60s %7.1f / %.1f", "get of 1M-element SHORT waveform, ms (min / mean)",
                    bigGet[0], bigGet[1]));
            lines.add(String.format(Locale.ROOT, "%-60s %7.1f / %.1f", "put of 1M-element SHORT waveform, ms (min / mean)",
                    bigPut[0], bigPut[1]));
        } finally {
            ioc.destroy();
            if (!ioc.waitFor(10, TimeUnit.SECONDS)) ioc.destroyForcibly();
        }
        for (String l : lines) System.out.println(l);
    }

    private static final long T0 = System.nanoTime();

    /** Progress on stderr, so a slow phase shows. */
    static void phase(String what) {
        System.err.printf(Locale.ROOT, "[%6.1f s] %s%n", (System.nanoTime() - T0) / 1e9, what);
    }

    static String row(String label, String fmt, double v) {
        return String.format(Locale.ROOT, "%-60s " + fmt, label, v);
    }

    static Path writeIoc(Path dir) throws IOException {
        StringBuilder db = new StringBuilder();
        db.append("record(ao, \"bench:ao\") { field(PREC, \"3\") field(FLNK, \"bench:puts\") }\n");
        db.append("record(calc, \"bench:puts\") { field(CALC, \"A+1\") field(INPA, \"bench:puts NPP\") }\n");
        db.append("record(waveform, \"bench:short1M\") { field(FTVL, \"SHORT\") field(NELM, \"" + BIG + "\") }\n");
        for (int i = 0; i < N_TICK; i++) {
            db.append("record(calc, \"bench:tick").append(i).append("\") { field(SCAN, \".1 second\") ")
                    .append("field(CALC, \"A+1\") field(INPA, \"bench:tick").append(i).append(" NPP\") }\n");
        }
        Files.writeString(dir.resolve("bench.db"), db);
        Path st = dir.resolve("st.cmd");
        Files.writeString(st, "dbLoadRecords(\"bench.db\")\niocInit\n");
        return st;
    }

    static Process startIoc(Path home, Path st, Path log, int udp) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx8g", "-Djioc.home=" + home, "-jar",
                home.resolve("ioc/target/jioc.jar").toString(), "--headless", st.toString());
        pb.environment().put("EPICS_PVA_SERVER_PORT", Integer.toString(freeTcpPort()));
        pb.environment().put("EPICS_PVAS_BROADCAST_PORT", Integer.toString(udp));
        pb.environment().put("EPICS_PVAS_INTF_ADDR_LIST", "127.0.0.1");
        pb.environment().put("EPICS_CA_SERVER_PORT", Integer.toString(freeUdpPort()));
        pb.environment().put("EPICS_CAS_INTF_ADDR_LIST", "127.0.0.1");
        pb.directory(st.getParent().toFile());
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException("jioc exited:\n" + Files.readString(log));
            if (Files.readString(log, StandardCharsets.UTF_8).contains("iocRun: All initialization complete")) return p;
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("jioc did not start:\n" + Files.readString(log));
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    // -------------------------------------------------------------------------------------------------------------

    static double getsSync(PvaTestClient c, double seconds) throws Exception {
        PvaTestClient.Getter g = c.getter(c.connect("bench:ao"));
        long n = 0;
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            g.get();
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** PIPELINE get operations on one channel, each re-issued as soon as it completes. */
    static double getsPipelined(PvaTestClient c, double seconds) throws Exception {
        Channel ch = c.connect("bench:ao");
        AtomicLong done = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        List<PvaTestClient.Getter> getters = new ArrayList<>();
        for (int i = 0; i < PIPELINE; i++) {
            PvaTestClient.Getter g = c.getter(ch);
            g.onDone = () -> {
                done.incrementAndGet();
                if (running.get()) g.start();
            };
            getters.add(g);
        }
        long t0 = System.nanoTime();
        for (PvaTestClient.Getter g : getters) g.start();
        Thread.sleep((long) (seconds * 1000));
        long n = done.get();
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        running.set(false);
        Thread.sleep(200);
        return rate;
    }

    /** Synchronous puts to an ao that forward-links a counter; returns rate, puts sent, records processed. */
    static double[] putsSync(PvaTestClient c, double seconds) throws Exception {
        Channel puts = c.connect("bench:puts");
        double before = value(c, puts);
        PvaTestClient.Putter p = c.putter(c.connect("bench:ao"));
        long n = 0;
        long t0 = System.nanoTime(), end = t0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
            final double v = n;
            if (!p.put(d -> d.getSubField(PVDouble.class, "value").put(v), "value").isSuccess())
                throw new IllegalStateException("put failed");
            n++;
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        return new double[] {rate, n, value(c, puts) - before};
    }

    static double value(PvaTestClient c, Channel ch) throws Exception {
        return ConvertFactory.getConvert().toDouble((PVScalar) c.get(ch).getSubField("value"));
    }

    /** clients client contexts (one TCP connection each), each monitoring all N_TICK ticking records. */
    static double monitors(int udp, int clients, double seconds) throws Exception {
        List<PvaTestClient> contexts = new ArrayList<>();
        List<PvaTestClient.Subscription> subs = new ArrayList<>();
        try {
            for (int k = 0; k < clients; k++) {
                PvaTestClient c = new PvaTestClient(udp);
                contexts.add(c);
                List<String> names = new ArrayList<>();
                for (int i = 0; i < N_TICK; i++) names.add("bench:tick" + i);
                List<Channel> chans = c.connectAll(names);
                phase("client " + k + " connected");
                for (Channel ch : chans) subs.add(c.monitor(ch, true));
                phase("client " + k + " subscribed");
            }
            Thread.sleep(2000);
            long start = total(subs);
            long t0 = System.nanoTime();
            Thread.sleep((long) (seconds * 1000));
            long n = total(subs) - start;
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            for (PvaTestClient c : contexts) c.close();
        }
    }

    static long total(List<PvaTestClient.Subscription> subs) {
        long n = 0;
        for (PvaTestClient.Subscription s : subs) n += s.count();
        return n;
    }

    static short[] bigValues() {
        short[] v = new short[BIG];
        for (int i = 0; i < BIG; i++) v[i] = (short) (i % 30000);
        return v;
    }

    /** Get time of the 1M-element SHORT waveform: min and mean over repeats, ms (after one warm-up get). */
    static double[] bigGet(PvaTestClient c, int repeats) throws Exception {
        Channel ch = c.connect("bench:short1M");
        short[] v = bigValues();
        c.putValue(ch, d -> d.getSubField(PVShortArray.class, "value").put(0, BIG, v, 0));
        PvaTestClient.Getter g = c.getter(ch);
        g.get();
        double min = Double.MAX_VALUE, sum = 0;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            PVStructure s = g.get();
            double ms = (System.nanoTime() - t0) / 1e6;
            if (((PVScalarArray) s.getSubField("value")).getLength() != BIG) throw new IllegalStateException("length");
            min = Math.min(min, ms);
            sum += ms;
        }
        return new double[] {min, sum / repeats};
    }

    /** Put time of the 1M-element SHORT waveform (put acknowledged), after one warm-up put. */
    static double[] bigPut(PvaTestClient c, int repeats) throws Exception {
        PvaTestClient.Putter p = c.putter(c.connect("bench:short1M"));
        short[] v = bigValues();
        p.put(d -> d.getSubField(PVShortArray.class, "value").put(0, BIG, v, 0), "value");
        double min = Double.MAX_VALUE, sum = 0;
        for (int i = 0; i < repeats; i++) {
            long t0 = System.nanoTime();
            if (!p.put(d -> d.getSubField(PVShortArray.class, "value").put(0, BIG, v, 0), "value").isSuccess())
                throw new IllegalStateException("put failed");
            double ms = (System.nanoTime() - t0) / 1e6;
            min = Math.min(min, ms);
            sum += ms;
        }
        return new double[] {min, sum / repeats};
    }
}
