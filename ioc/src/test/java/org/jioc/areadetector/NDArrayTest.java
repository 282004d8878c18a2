package org.jioc.areadetector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteOrder;
import java.util.List;

import org.junit.jupiter.api.Test;

class NDArrayTest {
    @Test
    void dataTypeStringsAndIndicesAreAreaDetectors() {
        String[] want = {"Int8", "UInt8", "Int16", "UInt16", "Int32", "UInt32", "Int64", "UInt64", "Float32", "Float64"};
        for (int i = 0; i < want.length; i++) assertEquals(want[i], NDDataType.of(i).name());
        assertThrows(IllegalArgumentException.class, () -> NDDataType.of(10));
        assertEquals(2, NDDataType.UInt16.bytes);
        assertEquals(short[].class, NDDataType.UInt16.arrayClass());
    }

    @Test
    void unsignedPixelsReadAsUnsigned() {
        NDArray a = NDArray.now(7, NDDataType.UInt16, NDColorMode.Mono, new int[] {2, 1},
                new short[] {(short) 65535, 3}, List.of());
        assertEquals(65535.0, a.get(0));
        assertEquals(3.0, a.get(1));
        NDArray b = NDArray.now(1, NDDataType.UInt8, NDColorMode.Mono, new int[] {1}, new byte[] {(byte) 200}, List.of());
        assertEquals(200.0, b.get(0));
        NDArray c = NDArray.now(1, NDDataType.UInt64, NDColorMode.Mono, new int[] {1}, new long[] {-1L}, List.of());
        assertEquals(18446744073709551615.0, c.get(0));
    }

    @Test
    void dimsSizesAndBytes() {
        NDArray a = NDArray.now(3, NDDataType.Float32, NDColorMode.Mono, new int[] {4, 3}, new float[12], List.of());
        assertEquals(4, a.dim(0));
        assertEquals(3, a.dim(1));
        assertEquals(0, a.dim(2));
        assertEquals(2, a.ndims());
        assertEquals(48, a.sizeBytes());
        var bb = a.toByteBuffer();
        assertEquals(48, bb.remaining());
        assertEquals(ByteOrder.LITTLE_ENDIAN, bb.order());
    }

    @Test
    void littleEndianBytes() {
        NDArray a = NDArray.now(1, NDDataType.Int16, NDColorMode.Mono, new int[] {1}, new short[] {0x0102}, List.of());
        var bb = a.toByteBuffer();
        assertEquals(2, bb.get(0));
        assertEquals(1, bb.get(1));
    }

    @Test
    void refusesInconsistentFrames() {
        assertThrows(IllegalArgumentException.class, () -> NDArray.now(1, NDDataType.UInt16, NDColorMode.Mono,
                new int[] {2, 2}, new short[3], List.of()));
        assertThrows(IllegalArgumentException.class, () -> NDArray.now(1, NDDataType.UInt16, NDColorMode.Mono,
                new int[] {2}, new byte[2], List.of()));
        assertThrows(IllegalArgumentException.class, () -> NDArray.now(1, NDDataType.UInt8, NDColorMode.Mono,
                new int[] {0}, new byte[0], List.of()));
        assertThrows(IllegalArgumentException.class, () -> new NDAttribute("x", "", "", NDAttribute.Type.Int32, "text"));
    }

    @Test
    void timestampIsEpicsEpoch() {
        NDArray a = new NDArray(5, 1000, 500_000_000, NDDataType.UInt8, NDColorMode.Mono, new int[] {1}, new byte[1],
                List.of(NDAttribute.ofInt("NDArrayUniqueId", "", "DRIVER", 5)));
        assertEquals(1000.5, a.timeStamp(), 1e-9);
        assertEquals(5, a.attribute("NDArrayUniqueId").value());
        long posixNow = System.currentTimeMillis() / 1000;
        NDArray b = NDArray.now(1, NDDataType.UInt8, NDColorMode.Mono, new int[] {1}, new byte[1], List.of());
        assertEquals(posixNow - 631152000L, b.epicsTsSec(), 2);
    }
}
