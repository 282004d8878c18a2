package org.jioc.areadetector.hdf5;

import java.nio.ByteBuffer;
import java.util.List;

import org.jioc.areadetector.NDDataType;

/**
 * The frame the capture spool stores: the part of an NDArray an HDF5 file needs. The areaDetector plugin layer adapts
 * its NDArray to this (see docs/hdf5-capture.md).
 *
 * <ul>
 * <li>{@link #dims()} in areaDetector order: {@code dims[0]} is the fastest-varying axis (X), {@code dims[1]} Y; the
 * HDF5 dataset is {@code (N, dims[rank-1], ..., dims[0])}. Rank 1 to 3.</li>
 * <li>{@link #data()}: the elements as raw little-endian bytes, {@code remaining()} = product(dims) × type size. The
 * spool reads it from its position without moving that position.</li>
 * <li>{@link #uniqueId()}, {@link #timeStamp()} (seconds, EPICS epoch, NDArray.timeStamp) and the EPICS time stamp
 * {@link #epicsTsSec()}/{@link #epicsTsNsec()}; {@link #attributes()} the NDAttributes.</li>
 * </ul>
 */
public interface SpoolFrame {
    int[] dims();

    NDDataType dataType();

    ByteBuffer data();

    int uniqueId();

    double timeStamp();

    long epicsTsSec();

    int epicsTsNsec();

    List<FrameAttribute> attributes();

    static long elementCount(int[] dims) {
        long n = 1;
        for (int d : dims) n = Math.multiplyExact(n, (long) d);
        return n;
    }
}
