package org.jioc.areadetector.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Random;

import io.jhdf.filter.DeflatePipelineFilter;
import io.jhdf.filter.FilterManager;
import io.jhdf.filter.Lz4Filter;
import org.junit.jupiter.api.Test;

class Lz4H5FilterTest {
    @Test
    void compressibleDataRoundTripsThroughJhdfsDecoder() {
        byte[] data = new byte[1 << 20];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i / 4096);
        byte[] enc = new Lz4H5Filter().encode(data, new int[0]);
        assertTrue(enc.length < data.length / 10, "compressed " + enc.length);
        ByteBuffer h = ByteBuffer.wrap(enc);
        assertEquals(data.length, h.getLong(0), "8-byte big-endian original size");
        assertEquals(data.length, h.getInt(8), "block size");
        assertArrayEquals(data, new Lz4Filter().decode(enc, new int[0]));
    }

    @Test
    void incompressibleBlockIsStoredRawAndStillDecodes() {
        byte[] data = new byte[10000];
        new Random(1).nextBytes(data);
        byte[] enc = new Lz4H5Filter().encode(data, new int[0]);
        assertEquals(12 + 4 + data.length, enc.length);
        assertEquals(data.length, ByteBuffer.wrap(enc).getInt(12));
        assertArrayEquals(data, new Lz4Filter().decode(enc, new int[0]));
    }

    @Test
    void jhdfKnowsTheIdsWeWrite() {
        assertEquals(Compression.LZ4.filterId, new Lz4Filter().getId());
        assertEquals(Compression.ZLIB.filterId, new DeflatePipelineFilter().getId());
        assertEquals(32004, Compression.LZ4.filterId);
        assertEquals("LZ4", Compression.values()[2].adName);
        assertEquals(6, Compression.LZ4.adIndex);
        assertEquals(3, Compression.ZLIB.adIndex);
    }

    @Test
    void zlibEncoderRoundTrips() {
        byte[] data = new byte[70000];
        for (int i = 0; i < data.length; i++) data[i] = (byte) (i % 251);
        DeflatePipelineFilter f = new DeflatePipelineFilter();
        byte[] enc = f.encode(data, new int[]{4});
        assertTrue(enc.length < data.length / 4);
        assertArrayEquals(data, f.decode(enc, new int[]{4}));
    }
}
