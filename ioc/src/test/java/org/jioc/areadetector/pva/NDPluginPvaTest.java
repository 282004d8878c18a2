package org.jioc.areadetector.pva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.factory.ConvertFactory;
import org.epics.pvdata.pv.Convert;
import org.epics.pvdata.pv.PVBoolean;
import org.epics.pvdata.pv.PVField;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVLong;
import org.epics.pvdata.pv.PVScalar;
import org.epics.pvdata.pv.PVScalarArray;
import org.epics.pvdata.pv.PVString;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.PVStructureArray;
import org.epics.pvdata.pv.PVUnion;
import org.epics.pvdata.pv.ScalarType;
import org.epics.pvdata.pv.Structure;
import org.epics.pvdata.pv.Union;
import org.jioc.Ioc;
import org.jioc.areadetector.AreaDetectorService;
import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDArrayDriver;
import org.jioc.areadetector.NDAttribute;
import org.jioc.areadetector.NDColorMode;
import org.jioc.areadetector.NDDataType;
import org.jioc.ca.CaServer;
import org.jioc.pva.PvaService;
import org.jioc.pva.PvaTestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * NDPluginPva over the wire, read by pvAccessJava (a client that shares no code with the server): the NTNDArray
 * layout field by field against normativeTypesCPP's NTNDArray and ADCore's converter, every data type's pixels bit
 * for bit, 1-D/2-D/RGB frames, attributes, gets of the latest frame, and channel names that clash.
 */
class NDPluginPvaTest {
    static final String CHANNEL = "test:Pva1:Image";
    private static final Convert CONVERT = ConvertFactory.getConvert();

    /** A producer port the test sends frames from. */
    static final class Source extends NDArrayDriver {
        Source(String name) { super(name); }

        void send(NDArray a) { publish(a); }
    }

    static Ioc ioc;
    static Source source;
    static NDPluginPva plugin;
    static PvaTestClient client;
    static Channel channel;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Map<String, String> env = new HashMap<>();
        int udp = CaServer.freePort();
        env.put("EPICS_PVA_SERVER_PORT", Integer.toString(CaServer.freePort()));
        env.put("EPICS_PVAS_BROADCAST_PORT", Integer.toString(udp));
        env.put("EPICS_PVAS_INTF_ADDR_LIST", "127.0.0.1");
        ioc = new Ioc(env);
        PvaService pva = new PvaService(ioc.accessSecurity());
        AreaDetectorService ad = new AreaDetectorService(ioc.devices());
        ioc.addService(pva);
        ioc.addService(ad);
        Path db = dir.resolve("rec.db");
        Files.writeString(db, "record(ai, \"test:rec\") { }\n");
        ioc.loadRecords(db, "");
        source = new Source("SRC");
        ad.addPort(source);
        // blocking: each frame is published on the sender's thread, before send() returns
        plugin = new NDPluginPva("PVA1", ad.ports(), 2, true, "SRC", 0, CHANNEL, pva.ownedChannels());
        ad.addPort(plugin);
        ioc.iocInit();
        plugin.writeInt32(plugin.param("ENABLE_CALLBACKS"), 1);
        client = new PvaTestClient(udp);
        channel = client.connect(CHANNEL);
    }

    @AfterAll
    static void stop() {
        if (client != null) client.close();
        if (ioc != null) ioc.stop();
    }

    private static List<String> names(Structure s) { return Arrays.asList(s.getFieldNames()); }

    @Test
    void layoutIsTheNormativeNtndArray() throws Exception {
        PVStructure v = client.get(channel);
        Structure s = v.getStructure();
        assertEquals("epics:nt/NTNDArray:1.0", s.getID());
        assertEquals(List.of("value", "codec", "compressedSize", "uncompressedSize", "dimension", "uniqueId",
                "dataTimeStamp", "attribute", "descriptor", "alarm", "timeStamp", "display"), names(s));
        Union u = (Union) s.getField("value");
        assertEquals(List.of("booleanValue", "byteValue", "shortValue", "intValue", "longValue", "ubyteValue",
                "ushortValue", "uintValue", "ulongValue", "floatValue", "doubleValue"), Arrays.asList(u.getFieldNames()));
        assertFalse(u.isVariant());
        Structure codec = (Structure) s.getField("codec");
        assertEquals("codec_t", codec.getID());
        assertEquals(List.of("name", "parameters"), names(codec));
        assertTrue(((Union) codec.getField("parameters")).isVariant());
        assertEquals(ScalarType.pvLong, ((org.epics.pvdata.pv.Scalar) s.getField("compressedSize")).getScalarType());
        Structure dim = ((org.epics.pvdata.pv.StructureArray) s.getField("dimension")).getStructure();
        assertEquals("dimension_t", dim.getID());
        assertEquals(List.of("size", "offset", "fullSize", "binning", "reverse"), names(dim));
        Structure attr = ((org.epics.pvdata.pv.StructureArray) s.getField("attribute")).getStructure();
        assertEquals("epics:nt/NTAttribute:1.0", attr.getID());
        assertEquals(List.of("name", "value", "descriptor", "sourceType", "source"), names(attr));
        assertTrue(((Union) attr.getField("value")).isVariant());
        assertEquals("time_t", ((Structure) s.getField("dataTimeStamp")).getID());
        assertEquals(List.of("secondsPastEpoch", "nanoseconds", "userTag"),
                names((Structure) s.getField("timeStamp")));
        assertEquals(List.of("severity", "status", "message"), names((Structure) s.getField("alarm")));
        assertEquals(List.of("limitLow", "limitHigh", "description", "format", "units"),
                names((Structure) s.getField("display")));
    }

    /** A frame of type t whose pixels use the type's whole range (sign bits, the largest unsigned values). */
    static NDArray frame(int id, NDDataType t, NDColorMode mode, int[] dims, List<NDAttribute> attrs) {
        int n = 1;
        for (int d : dims) n *= d;
        Object data = t.allocate(n);
        for (int i = 0; i < n; i++) {
            long v = (i * 7919L + id) * (i % 2 == 0 ? 1 : -1);
            switch (t) {
                case Int8: case UInt8: ((byte[]) data)[i] = (byte) v; break;
                case Int16: case UInt16: ((short[]) data)[i] = (short) (v * 131); break;
                case Int32: case UInt32: ((int[]) data)[i] = (int) (v * 65537 * 131); break;
                case Int64: case UInt64: ((long[]) data)[i] = v * 0x1_0000_0001L * 1_000_003L; break;
                case Float32: ((float[]) data)[i] = v * 0.37f; break;
                default: ((double[]) data)[i] = v * 1.0e-7; break;
            }
        }
        return NDArray.now(id, t, mode, dims, data, attrs);
    }

    private static final String[] MEMBER = {"byteValue", "ubyteValue", "shortValue", "ushortValue", "intValue",
            "uintValue", "longValue", "ulongValue", "floatValue", "doubleValue"};

    /** The pixels a client decoded, as a Java array of the type's width (unsigned values bit for bit). */
    static Object pixels(PVScalarArray a) {
        int n = a.getLength();
        switch (a.getScalarArray().getElementType()) {
            case pvByte: case pvUByte: { byte[] b = new byte[n]; CONVERT.toByteArray(a, 0, n, b, 0); return b; }
            case pvShort: case pvUShort: { short[] b = new short[n]; CONVERT.toShortArray(a, 0, n, b, 0); return b; }
            case pvInt: case pvUInt: { int[] b = new int[n]; CONVERT.toIntArray(a, 0, n, b, 0); return b; }
            case pvLong: case pvULong: { long[] b = new long[n]; CONVERT.toLongArray(a, 0, n, b, 0); return b; }
            case pvFloat: { float[] b = new float[n]; CONVERT.toFloatArray(a, 0, n, b, 0); return b; }
            default: { double[] b = new double[n]; CONVERT.toDoubleArray(a, 0, n, b, 0); return b; }
        }
    }

    private static void assertSamePixels(Object want, Object got) {
        assertEquals(want.getClass(), got.getClass());
        switch (want.getClass().getSimpleName()) {
            case "byte[]": assertArrayEquals((byte[]) want, (byte[]) got); break;
            case "short[]": assertArrayEquals((short[]) want, (short[]) got); break;
            case "int[]": assertArrayEquals((int[]) want, (int[]) got); break;
            case "long[]": assertArrayEquals((long[]) want, (long[]) got); break;
            case "float[]": assertArrayEquals((float[]) want, (float[]) got); break;
            default: assertArrayEquals((double[]) want, (double[]) got); break;
        }
    }

    /** Send a frame and return the first monitor update that carries it. */
    private static PVStructure sendAndReceive(NDArray a) throws Exception {
        PvaTestClient.Subscription sub = client.monitor(channel);
        try {
            source.send(a);
            for (;;) {
                PvaTestClient.Update u = sub.next(10);
                assertNotNull(u, "no monitor update with uniqueId " + a.uniqueId());
                if (u.data().getSubField(PVInt.class, "uniqueId").get() == a.uniqueId()) return u.data();
            }
        } finally {
            sub.stop();
        }
    }

    @ParameterizedTest
    @EnumSource(NDDataType.class)
    void everyDataTypeArrivesBitForBit(NDDataType t) throws Exception {
        int id = 100 + t.ordinal();
        NDArray a = frame(id, t, NDColorMode.Mono, new int[] {7, 5}, List.of());
        PVStructure v = sendAndReceive(a);
        PVUnion value = v.getSubField(PVUnion.class, "value");
        assertEquals(MEMBER[t.ordinal()], value.getSelectedFieldName());
        assertSamePixels(a.data(), pixels((PVScalarArray) value.get()));
        assertEquals(35L * t.bytes, v.getSubField(PVLong.class, "uncompressedSize").get());
        assertEquals(35L * t.bytes, v.getSubField(PVLong.class, "compressedSize").get());
        assertEquals("", v.getSubField(PVString.class, "codec.name").get());
        // ntndArrayConverter: codec.parameters = the pvData ScalarType code of the uncompressed type
        PVField param = v.getSubField(PVUnion.class, "codec.parameters").get();
        assertEquals(((PVScalarArray) value.get()).getScalarArray().getElementType().ordinal(),
                ((PVInt) param).get());
    }

    private static int[] dims(PVStructure v) {
        PVStructureArray d = v.getSubField(PVStructureArray.class, "dimension");
        int[] out = new int[d.getLength()];
        org.epics.pvdata.pv.StructureArrayData data = new org.epics.pvdata.pv.StructureArrayData();
        d.get(0, out.length, data);
        for (int i = 0; i < out.length; i++) {
            PVStructure e = data.data[i];
            out[i] = e.getSubField(PVInt.class, "size").get();
            assertEquals(out[i], e.getSubField(PVInt.class, "fullSize").get());
            assertEquals(0, e.getSubField(PVInt.class, "offset").get());
            assertEquals(1, e.getSubField(PVInt.class, "binning").get());
            assertFalse(e.getSubField(PVBoolean.class, "reverse").get());
        }
        return out;
    }

    /** name → [value, descriptor, source, sourceType] of each attribute. */
    private static Map<String, List<Object>> attributes(PVStructure v) {
        PVStructureArray a = v.getSubField(PVStructureArray.class, "attribute");
        org.epics.pvdata.pv.StructureArrayData data = new org.epics.pvdata.pv.StructureArrayData();
        a.get(0, a.getLength(), data);
        Map<String, List<Object>> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < a.getLength(); i++) {
            PVStructure e = data.data[i];
            PVField val = e.getSubField(PVUnion.class, "value").get();
            Object value = val instanceof PVString ? ((PVString) val).get()
                    : List.of(((PVScalar) val).getScalar().getScalarType(), CONVERT.toDouble((PVScalar) val));
            out.put(e.getSubField(PVString.class, "name").get(), List.of(value,
                    e.getSubField(PVString.class, "descriptor").get(), e.getSubField(PVString.class, "source").get(),
                    e.getSubField(PVInt.class, "sourceType").get()));
        }
        return out;
    }

    @Test
    void oneTwoAndThreeDimensionalColourFrames() throws Exception {
        assertArrayEquals(new int[] {11}, dims(sendAndReceive(frame(201, NDDataType.UInt8, NDColorMode.Mono,
                new int[] {11}, List.of()))));
        PVStructure mono = sendAndReceive(frame(202, NDDataType.UInt16, NDColorMode.Mono, new int[] {6, 4}, List.of()));
        assertArrayEquals(new int[] {6, 4}, dims(mono));
        assertEquals(List.of(List.of(ScalarType.pvInt, 0.0), "Color mode", "", 0), attributes(mono).get("ColorMode"));
        NDArray rgb = frame(203, NDDataType.UInt8, NDColorMode.RGB1, new int[] {3, 5, 4}, List.of());
        PVStructure v = sendAndReceive(rgb);
        assertArrayEquals(new int[] {3, 5, 4}, dims(v));
        assertEquals(List.of(ScalarType.pvInt, 2.0), attributes(v).get("ColorMode").get(0));
        assertSamePixels(rgb.data(), pixels((PVScalarArray) v.getSubField(PVUnion.class, "value").get()));
    }

    @Test
    void attributesKeepNameTypeValueDescriptionAndSource() throws Exception {
        List<NDAttribute> attrs = List.of(NDAttribute.ofInt("NDArrayUniqueId", "Unique ID", "DRIVER", 301),
                NDAttribute.ofString("SimMode", "Simulation mode", "SIM_MODE", "Peaks"),
                NDAttribute.ofDouble("Energy", "Beam energy", "2bma:EnergyRBV", 24.9),
                new NDAttribute("Gain8", "", "", NDAttribute.Type.UInt8, 200),
                new NDAttribute("ColorMode", "Color mode", "", NDAttribute.Type.Int32, 0));
        PVStructure v = sendAndReceive(frame(301, NDDataType.Int16, NDColorMode.Mono, new int[] {2, 2}, attrs));
        Map<String, List<Object>> got = attributes(v);
        assertEquals(List.of("NDArrayUniqueId", "SimMode", "Energy", "Gain8", "ColorMode"), new ArrayList<>(got.keySet()));
        assertEquals(List.of(List.of(ScalarType.pvInt, 301.0), "Unique ID", "DRIVER", 0), got.get("NDArrayUniqueId"));
        assertEquals(List.of("Peaks", "Simulation mode", "SIM_MODE", 0), got.get("SimMode"));
        assertEquals(List.of(List.of(ScalarType.pvDouble, 24.9), "Beam energy", "2bma:EnergyRBV", 0), got.get("Energy"));
        assertEquals(List.of(ScalarType.pvUByte, 200.0), got.get("Gain8").get(0));
    }

    @Test
    void timeStampsAreTheFramesInPosixTime() throws Exception {
        NDArray a = frame(401, NDDataType.UInt8, NDColorMode.Mono, new int[] {2}, List.of());
        PVStructure v = sendAndReceive(a);
        long posix = a.epicsTsSec() + 631152000L;
        assertEquals(posix, v.getSubField(PVLong.class, "timeStamp.secondsPastEpoch").get());
        assertEquals(a.epicsTsNsec(), v.getSubField(PVInt.class, "timeStamp.nanoseconds").get());
        assertEquals(posix, v.getSubField(PVLong.class, "dataTimeStamp.secondsPastEpoch").get());
        assertEquals(a.epicsTsNsec() / 1000.0, v.getSubField(PVInt.class, "dataTimeStamp.nanoseconds").get() / 1000.0, 1);
    }

    @Test
    void getAndANewMonitorStartWithTheLatestFrame() throws Exception {
        NDArray a = frame(501, NDDataType.Int32, NDColorMode.Mono, new int[] {4, 3}, List.of());
        source.send(frame(500, NDDataType.Int32, NDColorMode.Mono, new int[] {4, 3}, List.of()));
        source.send(a);
        PVStructure got = client.get(channel);
        assertEquals(501, got.getSubField(PVInt.class, "uniqueId").get());
        assertSamePixels(a.data(), pixels((PVScalarArray) got.getSubField(PVUnion.class, "value").get()));
        PvaTestClient.Subscription sub = client.monitor(channel);
        try {
            PvaTestClient.Update first = sub.next(10);
            assertNotNull(first);
            assertEquals(501, first.data().getSubField(PVInt.class, "uniqueId").get());
        } finally {
            sub.stop();
        }
    }

    @Test
    void everyFrameReachesAMonitorThatKeepsUp() throws Exception {
        PvaTestClient.Subscription sub = client.monitor(channel);
        try {
            List<Integer> seen = new ArrayList<>();
            for (int id = 601; id <= 620; id++) {
                source.send(frame(id, NDDataType.UInt16, NDColorMode.Mono, new int[] {8, 8}, List.of()));
                for (;;) { // wait for this frame before sending the next one
                    PvaTestClient.Update u = sub.next(10);
                    assertNotNull(u, "frame " + id + " never arrived");
                    int got = u.data().getSubField(PVInt.class, "uniqueId").get();
                    if (got >= 601) seen.add(got);
                    if (got == id) break;
                }
            }
            List<Integer> want = new ArrayList<>();
            for (int id = 601; id <= 620; id++) want.add(id);
            assertEquals(want, seen);
        } finally {
            sub.stop();
        }
    }

    @Test
    void introspectionAsPvinfoAsksIt() throws Exception {
        java.util.concurrent.CompletableFuture<org.epics.pvdata.pv.Field> type = new java.util.concurrent.CompletableFuture<>();
        channel.getField(new org.epics.pvaccess.client.GetFieldRequester() {
            @Override
            public String getRequesterName() { return "pvinfo"; }

            @Override
            public void message(String message, org.epics.pvdata.pv.MessageType t) { }

            @Override
            public void getDone(org.epics.pvdata.pv.Status status, org.epics.pvdata.pv.Field field) {
                if (status.isSuccess()) type.complete(field);
                else type.completeExceptionally(new AssertionError(status.getMessage()));
            }
        }, "");
        Structure s = (Structure) type.get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("epics:nt/NTNDArray:1.0", s.getID());
        assertEquals(client.get(channel).getStructure(), s);
    }

    @Test
    void pvNameRbvAndTypeAreTheChannels() {
        assertEquals(CHANNEL, plugin.getString(plugin.param("PV_NAME")));
        assertEquals("NDPluginPva", plugin.getString(plugin.param("PLUGIN_TYPE")));
        assertEquals("epics:nt/NTNDArray:1.0", plugin.channel().typeId());
    }

    @Test
    void aChannelNameCanBeServedOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new NDPluginPva("PVA2",
                new org.jioc.areadetector.asyn.PortRegistry(), 2, true, "SRC", 0, CHANNEL,
                ioc.service(PvaService.class).ownedChannels()));
        assertTrue(e.getMessage().contains("already served by NDPluginPva PVA1"), e.getMessage());
        IllegalArgumentException r = assertThrows(IllegalArgumentException.class, () -> new NDPluginPva("PVA3",
                new org.jioc.areadetector.asyn.PortRegistry(), 2, true, "SRC", 0, "test:rec.DESC",
                ioc.service(PvaService.class).ownedChannels()));
        assertTrue(r.getMessage().contains("is the name of a record field"), r.getMessage());
        assertNull(ioc.service(PvaService.class).ownedChannels().get("test:rec.DESC"));
    }
}
