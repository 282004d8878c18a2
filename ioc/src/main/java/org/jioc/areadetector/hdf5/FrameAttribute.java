package org.jioc.areadetector.hdf5;

import java.util.Objects;

/**
 * One NDAttribute of a frame: a name and a value that is a Long (any integer type), a Double (any float type) or a
 * String. Each attribute becomes the 1-D dataset {@code /entry/instrument/NDAttributes/<name>} with one element per
 * frame.
 */
public record FrameAttribute(String name, Object value) {
    public FrameAttribute {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.indexOf('/') >= 0) throw new IllegalArgumentException("bad attribute name '" + name + "'");
        if (!(value instanceof Long || value instanceof Double || value instanceof String)) {
            throw new IllegalArgumentException("attribute " + name + ": value must be Long, Double or String, not "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
    }

    public static FrameAttribute of(String name, long v) { return new FrameAttribute(name, v); }

    public static FrameAttribute of(String name, double v) { return new FrameAttribute(name, v); }

    public static FrameAttribute of(String name, String v) { return new FrameAttribute(name, v); }
}
