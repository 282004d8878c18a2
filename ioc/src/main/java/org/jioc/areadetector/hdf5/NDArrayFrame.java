package org.jioc.areadetector.hdf5;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jioc.areadetector.NDArray;
import org.jioc.areadetector.NDAttribute;
import org.jioc.areadetector.NDDataType;

/**
 * An NDArray as the spool stores it: the pixels as little-endian bytes (copied once), the areaDetector dims, ids and
 * time stamps, and the NDAttributes as Long, Double or String values. Attributes named like the four standard
 * datasets (NDArrayUniqueId, ...) are left out: the file writes those from the frame itself.
 */
public final class NDArrayFrame implements SpoolFrame {
    private static final Set<String> STANDARD = Set.of(Hdf5FrameFile.STANDARD);

    private final NDArray array;
    private final ByteBuffer data;
    private final List<FrameAttribute> attributes;

    /** IllegalArgumentException for a frame the HDF5 layout cannot hold (rank above 3). */
    public NDArrayFrame(NDArray a) {
        if (a.ndims() > 3) throw new IllegalArgumentException("frame " + a.uniqueId() + " has " + a.ndims() + " dims; HDF5 files take 1 to 3");
        this.array = a;
        this.data = a.toByteBuffer();
        List<FrameAttribute> list = new ArrayList<>();
        for (NDAttribute at : a.attributes().values()) {
            if (STANDARD.contains(at.name()) || at.name().isEmpty() || at.name().indexOf('/') >= 0) continue;
            list.add(switch (at.type()) {
                case String -> FrameAttribute.of(at.name(), (String) at.value());
                case Float32, Float64 -> FrameAttribute.of(at.name(), ((Number) at.value()).doubleValue());
                default -> FrameAttribute.of(at.name(), ((Number) at.value()).longValue());
            });
        }
        this.attributes = List.copyOf(list);
    }

    @Override
    public int[] dims() { return array.dims(); }

    @Override
    public NDDataType dataType() { return array.dataType(); }

    @Override
    public ByteBuffer data() { return data.duplicate(); }

    @Override
    public int uniqueId() { return array.uniqueId(); }

    @Override
    public double timeStamp() { return array.timeStamp(); }

    @Override
    public long epicsTsSec() { return array.epicsTsSec(); }

    @Override
    public int epicsTsNsec() { return array.epicsTsNsec(); }

    @Override
    public List<FrameAttribute> attributes() { return attributes; }
}
