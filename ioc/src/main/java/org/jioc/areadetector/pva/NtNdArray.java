package org.jioc.areadetector.pva;

import java.util.ArrayList;
import java.util.List;

import org.epics.pva.data.PVABool;
import org.epics.pva.data.PVABoolArray;
import org.epics.pva.data.PVAByte;
import org.epics.pva.data.PVAByteArray;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVADoubleArray;
import org.epics.pva.data.PVAFloat;
import org.epics.pva.data.PVAFloatArray;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVAIntArray;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVALongArray;
import org.epics.pva.data.PVAShort;
import org.epics.pva.data.PVAShortArray;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.PVAStructureArray;
import org.epics.pva.data.PVAUnion;
import org.epics.pva.data.PVAny;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDAttribute;
import org.jioc.areadetector.NDDataType;
import org.jioc.db.EpicsTime;

/**
 * NDArray → {@code epics:nt/NTNDArray:1.0}, laid out as normativeTypesCPP's NTNDArrayBuilder (with descriptor, alarm,
 * timeStamp and display, as ADCore's NDPluginPva makes it) and filled as ADCore's ntndArrayConverter fills it:
 *
 * <pre>
 * epics:nt/NTNDArray:1.0
 *     union value             booleanValue[] byteValue[] shortValue[] intValue[] longValue[] ubyteValue[]
 *                             ushortValue[] uintValue[] ulongValue[] floatValue[] doubleValue[]
 *     codec_t codec           string name ("" = uncompressed), any parameters (int: the pvData ScalarType code)
 *     long compressedSize     long uncompressedSize      (bytes; equal for an uncompressed frame)
 *     dimension_t[] dimension int size, int offset, int fullSize, int binning, boolean reverse   ([0] = X)
 *     int uniqueId
 *     time_t dataTimeStamp    NDArray.timeStamp
 *     epics:nt/NTAttribute:1.0[] attribute   string name, any value, string descriptor, int sourceType,
 *                             string source
 *     string descriptor       alarm_t alarm       time_t timeStamp (NDArray.epicsTS)
 *     display_t display       double limitLow, double limitHigh, string description, string format, string units
 * </pre>
 *
 * The type never changes with the frame's data type or dims (those live in the union and the dimension array), so
 * one channel serves every frame. The pixel array is shared with the NDArray, which is immutable once published.
 */
public final class NtNdArray {
    private NtNdArray() { }

    public static final String TYPE = "epics:nt/NTNDArray:1.0";
    public static final String ATTRIBUTE_TYPE = "epics:nt/NTAttribute:1.0";
    /** NDAttrSource_t NDAttrSourceDriver: jioc's attributes are made by the driver that made the frame. */
    static final int SOURCE_DRIVER = 0;
    /** The union member of each data type, by NDDataType ordinal (pvData's scalar type names + "Value"). */
    private static final int[] MEMBER = {1, 5, 2, 6, 3, 7, 4, 8, 9, 10};
    /** pvData ScalarType codes (pvByte 1 ... pvDouble 10), as ntndArrayConverter puts into codec.parameters. */
    private static final int[] SCALAR_TYPE = {1, 5, 2, 6, 3, 7, 4, 8, 9, 10};

    private static final PVAStructure DIMENSION = dimension(0);
    private static final PVAStructure ATTRIBUTE = new PVAStructure("", ATTRIBUTE_TYPE, new PVAString("name"),
            new PVAny("value"), new PVAString("descriptor"), new PVAInt("sourceType"), new PVAString("source"));

    /** The structure before the first frame: no value selected, no dims, no attributes. */
    public static PVAStructure empty() {
        return structure(value(-1, null), "", 0, 0, new PVAStructure[0], 0, 0, 0, new PVAStructure[0], 0, 0, null);
    }

    /** The frame as an NTNDArray (timeStamp = dataTimeStamp's second/nanosecond parts of the frame's EPICS time). */
    public static PVAStructure of(NDArray a) {
        NDDataType t = a.dataType();
        int member = MEMBER[t.ordinal()];
        int[] dims = a.dims();
        PVAStructure[] dimension = new PVAStructure[dims.length];
        for (int i = 0; i < dims.length; i++) dimension[i] = dimension(dims[i]);
        List<PVAStructure> attrs = new ArrayList<>();
        for (NDAttribute at : a.attributes().values()) attrs.add(attribute(at));
        if (a.attribute("ColorMode") == null) {
            // ADCore's drivers attach ColorMode to every frame; viewers (ImageJ, CSS, Phoebus) read it from here
            attrs.add(attribute(NDAttribute.ofInt("ColorMode", "Color mode", "", a.colorMode().ordinal())));
        }
        long bytes = a.sizeBytes();
        double ts = a.timeStamp();
        long sec = (long) Math.floor(ts);
        int dataNs = (int) ((ts - sec) * 1e9);
        return structure(value(member, a.data()), "", bytes, bytes, dimension, a.uniqueId(),
                posix(sec), dataNs, attrs.toArray(new PVAStructure[0]),
                posix(a.epicsTsSec()), a.epicsTsNsec(), SCALAR_TYPE[t.ordinal()]);
    }

    private static PVAStructure structure(PVAUnion value, String codecName, long compressed, long uncompressed,
                                          PVAStructure[] dims, int uniqueId, long dataSec, int dataNs,
                                          PVAStructure[] attributes, long sec, int ns, Integer scalarType) {
        return new PVAStructure("", TYPE,
                value,
                new PVAStructure("codec", "codec_t", new PVAString("name", codecName),
                        new PVAny("parameters", scalarType == null ? null : new PVAInt("", scalarType))),
                new PVALong("compressedSize", false, compressed),
                new PVALong("uncompressedSize", false, uncompressed),
                new PVAStructureArray("dimension", DIMENSION, dims),
                new PVAInt("uniqueId", uniqueId),
                time("dataTimeStamp", dataSec, dataNs),
                new PVAStructureArray("attribute", ATTRIBUTE, attributes),
                new PVAString("descriptor", ""),
                new PVAStructure("alarm", "alarm_t", new PVAInt("severity", 0), new PVAInt("status", 0),
                        new PVAString("message", "")),
                time("timeStamp", sec, ns),
                new PVAStructure("display", "display_t", new PVADouble("limitLow", 0), new PVADouble("limitHigh", 0),
                        new PVAString("description", ""), new PVAString("format", ""), new PVAString("units", "")));
    }

    /** EPICS-epoch seconds (NDArray) to POSIX seconds (pvAccess). */
    private static long posix(long epicsSec) { return epicsSec - EpicsTime.posixToEpics(0); }

    private static PVAStructure time(String name, long sec, int ns) {
        return new PVAStructure(name, "time_t", new PVALong("secondsPastEpoch", false, sec),
                new PVAInt("nanoseconds", ns), new PVAInt("userTag", 0));
    }

    /** The value union with member selected holding data (the NDArray's own array, not copied), or none (-1). */
    private static PVAUnion value(int selected, Object data) {
        List<PVAData> m = new ArrayList<>(11);
        m.add(new PVABoolArray("booleanValue"));
        m.add(new PVAByteArray("byteValue", false, selected == 1 ? (byte[]) data : new byte[0]));
        m.add(new PVAShortArray("shortValue", false, selected == 2 ? (short[]) data : new short[0]));
        m.add(new PVAIntArray("intValue", false, selected == 3 ? (int[]) data : new int[0]));
        m.add(new PVALongArray("longValue", false, selected == 4 ? (long[]) data : new long[0]));
        m.add(new PVAByteArray("ubyteValue", true, selected == 5 ? (byte[]) data : new byte[0]));
        m.add(new PVAShortArray("ushortValue", true, selected == 6 ? (short[]) data : new short[0]));
        m.add(new PVAIntArray("uintValue", true, selected == 7 ? (int[]) data : new int[0]));
        m.add(new PVALongArray("ulongValue", true, selected == 8 ? (long[]) data : new long[0]));
        m.add(new PVAFloatArray("floatValue", selected == 9 ? (float[]) data : new float[0]));
        m.add(new PVADoubleArray("doubleValue", selected == 10 ? (double[]) data : new double[0]));
        return new PVAUnion("value", "union", selected, m);
    }

    private static PVAStructure dimension(int size) {
        return new PVAStructure("", "dimension_t", new PVAInt("size", size), new PVAInt("offset", 0),
                new PVAInt("fullSize", size), new PVAInt("binning", 1), new PVABool("reverse", false));
    }

    private static PVAStructure attribute(NDAttribute a) {
        return new PVAStructure("", ATTRIBUTE_TYPE, new PVAString("name", a.name()),
                new PVAny("value", attributeValue(a)), new PVAString("descriptor", a.description()),
                new PVAInt("sourceType", SOURCE_DRIVER), new PVAString("source", a.source()));
    }

    /** The attribute's value as the pvData scalar of its NDAttrDataType, as ntndArrayConverter stores it. */
    private static PVAData attributeValue(NDAttribute a) {
        Object v = a.value();
        switch (a.type()) {
            case Int8: return new PVAByte("value", false, ((Number) v).byteValue());
            case UInt8: return new PVAByte("value", true, ((Number) v).byteValue());
            case Int16: return new PVAShort("value", false, ((Number) v).shortValue());
            case UInt16: return new PVAShort("value", true, ((Number) v).shortValue());
            case Int32: return new PVAInt("value", false, ((Number) v).intValue());
            case UInt32: return new PVAInt("value", true, ((Number) v).intValue());
            case Int64: return new PVALong("value", false, ((Number) v).longValue());
            case UInt64: return new PVALong("value", true, ((Number) v).longValue());
            case Float32: return new PVAFloat("value", ((Number) v).floatValue());
            case Float64: return new PVADouble("value", ((Number) v).doubleValue());
            default: return new PVAString("value", (String) v);
        }
    }
}
