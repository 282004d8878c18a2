package org.jioc.areadetector.hdf5;

import java.nio.ByteBuffer;

import io.jhdf.filter.Filter;
import io.jhdf.filter.Lz4Filter;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;

/**
 * The HDF5 LZ4 filter (id 32004, H5Z-LZ4 as in the HDF Group's registered plugin that areaDetector and h5py's
 * hdf5plugin use) for writing with jHDF. Framing, all big-endian: 8-byte uncompressed size, 4-byte block size, then per
 * block a 4-byte compressed length and the LZ4 block; a block that does not shrink is stored raw with length = its
 * size (the plugin's rule, which its decoder recognises). Decoding is jHDF's own {@link Lz4Filter}.
 */
public final class Lz4H5Filter implements Filter {
    public static final int ID = 32004;
    /** H5Z-LZ4's default block size (1 GiB) caps a block; a frame chunk is normally one block. */
    static final int MAX_BLOCK = 1 << 30;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private final Lz4Filter decoder = new Lz4Filter();

    @Override
    public int getId() { return ID; }

    @Override
    public String getName() { return "lz4"; }

    @Override
    public byte[] decode(byte[] encodedData, int[] filterData) { return decoder.decode(encodedData, filterData); }

    @Override
    public byte[] encode(byte[] data, int[] filterData) {
        int blockSize = Math.max(1, Math.min(data.length, MAX_BLOCK));
        int blocks = data.length == 0 ? 0 : (data.length + blockSize - 1) / blockSize;
        int bound = 12;
        for (int b = 0; b < blocks; b++) {
            bound += 4 + COMPRESSOR.maxCompressedLength(Math.min(blockSize, data.length - b * blockSize));
        }
        ByteBuffer out = ByteBuffer.allocate(bound);
        out.putLong(data.length).putInt(blockSize);
        byte[] scratch = new byte[COMPRESSOR.maxCompressedLength(blockSize)];
        for (int b = 0; b < blocks; b++) {
            int off = b * blockSize;
            int len = Math.min(blockSize, data.length - off);
            int n = COMPRESSOR.compress(data, off, len, scratch, 0, scratch.length);
            if (n >= len) {
                out.putInt(len).put(data, off, len);
            } else {
                out.putInt(n).put(scratch, 0, n);
            }
        }
        byte[] result = new byte[out.position()];
        System.arraycopy(out.array(), 0, result, 0, result.length);
        return result;
    }
}
