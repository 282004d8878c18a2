package org.jioc.areadetector;

import java.util.Objects;

/**
 * One NDAttribute of a frame (NDAttribute.h): name, description, where the value came from (source, e.g. a PV
 * name or a driver parameter), its type and value. Immutable, like the NDArray that carries it.
 */
public record NDAttribute(String name, String description, String source, Type type, Object value) {
    /** NDAttrDataType_t plus the source kinds jioc fills in. */
    public enum Type { Int8, UInt8, Int16, UInt16, Int32, UInt32, Int64, UInt64, Float32, Float64, String }

    public NDAttribute {
        Objects.requireNonNull(name, "attribute name");
        Objects.requireNonNull(type, "attribute type");
        description = description == null ? "" : description;
        source = source == null ? "" : source;
        boolean ok = type == Type.String ? value instanceof String : value instanceof Number;
        if (!ok) throw new IllegalArgumentException("attribute " + name + ": value " + value + " is not " + type);
    }

    public static NDAttribute ofInt(String name, String description, String source, int v) {
        return new NDAttribute(name, description, source, Type.Int32, v);
    }

    public static NDAttribute ofDouble(String name, String description, String source, double v) {
        return new NDAttribute(name, description, source, Type.Float64, v);
    }

    public static NDAttribute ofString(String name, String description, String source, String v) {
        return new NDAttribute(name, description, source, Type.String, v);
    }
}
