package org.jioc.areadetector.hdf5;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import org.jioc.areadetector.NDDataType;

/** A plain {@link SpoolFrame}: what the spool reader returns and what tests and tools build. */
public record Frame(int[] dims, NDDataType dataType, ByteBuffer data, int uniqueId, double timeStamp, long epicsTsSec,
                    int epicsTsNsec, List<FrameAttribute> attributes) implements SpoolFrame {

    public Frame {
        dims = dims.clone();
        if (dims.length < 1 || dims.length > 3) throw new IllegalArgumentException("frame rank must be 1..3, not " + dims.length);
        for (int d : dims) if (d < 1) throw new IllegalArgumentException("frame dimension " + d + " < 1");
        long bytes = SpoolFrame.elementCount(dims) * dataType.bytes;
        if (data.remaining() != bytes) {
            throw new IllegalArgumentException("frame data has " + data.remaining() + " bytes, dims need " + bytes);
        }
        attributes = List.copyOf(attributes);
    }

    /** A UInt16 frame of {@code width × height} from a row-major {@code short[]}. */
    public static Frame uint16(int width, int height, short[] pixels, int uniqueId, double timeStamp,
                               List<FrameAttribute> attributes) {
        ByteBuffer b = ByteBuffer.allocate(pixels.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(pixels);
        long sec = (long) Math.floor(timeStamp);
        int nsec = (int) Math.round((timeStamp - sec) * 1e9);
        if (nsec >= 1_000_000_000) { sec++; nsec -= 1_000_000_000; }
        return new Frame(new int[]{width, height}, NDDataType.UInt16, b, uniqueId, timeStamp, sec, nsec, attributes);
    }
}
