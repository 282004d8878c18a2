package org.jioc.areadetector.pva;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVScalarArray;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.PVStructureArray;
import org.epics.pvdata.pv.PVUnion;
import org.epics.pvdata.pv.StructureArrayData;
import org.jioc.pva.PvaTestClient;

/**
 * A command-line NTNDArray monitor on pvAccessJava (for tests/python/test_ad_pva.py, which compares what it decodes
 * with the CA waveform): subscribes to a channel, prints READY once the monitor has its first value, then writes
 * each frame with uniqueId ≥ fromId, until it has count of them, as {@code <uniqueId>.bin} (the union's pixels,
 * little-endian) plus one line in {@code frames.txt}: {@code uniqueId member dim0,dim1,...}.
 *
 * <pre>java -cp ... org.jioc.areadetector.pva.NtNdArrayRecorder udpPort channel fromId count outDir [seconds]</pre>
 *
 * Exit status 0 when count frames were recorded, 2 on timeout.
 */
public final class NtNdArrayRecorder {
    private NtNdArrayRecorder() { }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: NtNdArrayRecorder udpPort channel fromId count outDir [seconds]");
            System.exit(1);
        }
        int udp = Integer.parseInt(args[0]);
        int fromId = Integer.parseInt(args[2]), count = Integer.parseInt(args[3]);
        Path out = Path.of(args[4]);
        double seconds = args.length > 5 ? Double.parseDouble(args[5]) : 60;
        Files.createDirectories(out);
        List<String> index = new ArrayList<>();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        try (PvaTestClient client = new PvaTestClient(udp)) {
            Channel ch = client.connect(args[1]);
            PvaTestClient.Subscription sub = client.monitor(ch);
            if (sub.next(10) == null) throw new AssertionError("no first monitor value from " + args[1]);
            System.out.println("READY");
            System.out.flush();
            while (index.size() < count && System.nanoTime() < deadline) {
                PvaTestClient.Update u = sub.next(0.2);
                if (u == null) continue;
                PVStructure v = u.data();
                int id = v.getSubField(PVInt.class, "uniqueId").get();
                if (id < fromId) continue;
                PVUnion value = v.getSubField(PVUnion.class, "value");
                Files.write(out.resolve(id + ".bin"), littleEndian((PVScalarArray) value.get()));
                index.add(id + " " + value.getSelectedFieldName() + " " + dims(v));
            }
            sub.stop();
        }
        try (PrintStream p = new PrintStream(out.resolve("frames.txt").toFile())) {
            for (String line : index) p.println(line);
        }
        System.exit(index.size() == count ? 0 : 2);
    }

    private static String dims(PVStructure v) {
        PVStructureArray d = v.getSubField(PVStructureArray.class, "dimension");
        StructureArrayData data = new StructureArrayData();
        d.get(0, d.getLength(), data);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < d.getLength(); i++) {
            if (i > 0) sb.append(',');
            sb.append(data.data[i].getSubField(PVInt.class, "size").get());
        }
        return sb.toString();
    }

    /** The pixels as little-endian bytes of their own width (numpy reads them with the matching dtype). */
    private static byte[] littleEndian(PVScalarArray a) {
        Object px = NDPluginPvaTest.pixels(a);
        int n = java.lang.reflect.Array.getLength(px);
        ByteBuffer b;
        if (px instanceof byte[]) return (byte[]) px;
        if (px instanceof short[]) (b = buffer(n * 2)).asShortBuffer().put((short[]) px);
        else if (px instanceof int[]) (b = buffer(n * 4)).asIntBuffer().put((int[]) px);
        else if (px instanceof long[]) (b = buffer(n * 8)).asLongBuffer().put((long[]) px);
        else if (px instanceof float[]) (b = buffer(n * 4)).asFloatBuffer().put((float[]) px);
        else (b = buffer(n * 8)).asDoubleBuffer().put((double[]) px);
        return b.array();
    }

    private static ByteBuffer buffer(int bytes) { return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN); }
}
