package org.jioc.areadetector.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.jioc.areadetector.NDDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolRoundTripTest {
    @TempDir Path dir;

    private Path spool(int frames, boolean seal) {
        Path p = dir.resolve("a.spool");
        try (SpoolWriter w = SpoolWriter.create(p, SpoolTestFrames.target(dir, Compression.NONE, 0), 2, 1000)) {
            for (int i = 1; i <= frames; i++) w.append(SpoolTestFrames.frame(i, 16, 8));
            assertEquals(frames - frames % 2, w.synced(), "synced every 2 frames");
            if (seal) w.seal();
        }
        return p;
    }

    @Test
    void framesComeBackAsWritten() {
        Path p = spool(5, true);
        try (SpoolReader r = SpoolReader.open(p)) {
            assertTrue(r.sealed());
            assertEquals("", r.stopReason());
            assertEquals(5, r.frames().size());
            assertEquals("cap", r.target().fileName());
            for (int i = 0; i < 5; i++) {
                SpoolReader.Entry e = r.frames().get(i);
                Frame f = r.frame(e);
                Frame want = SpoolTestFrames.frame(i + 1, 16, 8);
                assertEquals(want.uniqueId(), f.uniqueId());
                assertEquals(want.timeStamp(), f.timeStamp());
                assertEquals(want.epicsTsSec(), f.epicsTsSec());
                assertEquals(want.epicsTsNsec(), f.epicsTsNsec());
                assertEquals(NDDataType.UInt16, f.dataType());
                assertArrayEquals(new int[]{16, 8}, f.dims());
                assertEquals(want.attributes(), f.attributes());
                assertEquals(want.data(), f.data());
            }
        }
    }

    @Test
    void tornTailIsDroppedAndEarlierFramesKept() throws IOException {
        Path p = spool(5, false);
        long size = Files.size(p);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(size - 100); // cut inside the last frame's data
        }
        try (SpoolReader r = SpoolReader.open(p)) {
            assertFalse(r.sealed());
            assertEquals(4, r.frames().size());
            assertTrue(r.stopReason().startsWith("torn record"), r.stopReason());
            assertEquals(List.of(1, 2, 3, 4), r.frames().stream().map(SpoolReader.Entry::uniqueId).toList());
        }
    }

    @Test
    void checksumRejectsACorruptedFrameAndEverythingAfterIt() throws IOException {
        Path p = spool(5, true);
        long third;
        try (SpoolReader r = SpoolReader.open(p)) {
            third = r.frames().get(2).dataOffset();
        }
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, third + 10);
            b.put(0, (byte) (b.get(0) ^ 0x01));
            b.rewind();
            ch.write(b, third + 10);
        }
        try (SpoolReader r = SpoolReader.open(p)) {
            assertEquals(2, r.frames().size());
            assertFalse(r.sealed(), "the seal after a bad record is not trusted");
            assertTrue(r.stopReason().startsWith("checksum mismatch"), r.stopReason());
        }
    }

    @Test
    void notASpoolIsAClearError() throws IOException {
        Path p = dir.resolve("x.spool");
        Files.writeString(p, "hello world, not a spool");
        CaptureSpoolException e = org.junit.jupiter.api.Assertions.assertThrows(CaptureSpoolException.class, () -> SpoolReader.open(p));
        assertTrue(e.getMessage().contains(p + ":0: not a jioc capture spool"), e.getMessage());
    }

    @Test
    void timeIntervalSyncsWithoutWaitingForTheFrameCount() {
        Path p = dir.resolve("b.spool");
        try (SpoolWriter w = SpoolWriter.create(p, SpoolTestFrames.target(dir, Compression.NONE, 0), 1000, 0)) {
            w.append(SpoolTestFrames.frame(1, 4, 4));
            assertEquals(1, w.synced());
        }
    }

    @Test
    void aSpoolCutInsideItsHeaderIsEmptyAndRecoveryRemovesIt() throws IOException {
        Path p = spool(0, false);
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
            ch.truncate(20);
        }
        org.junit.jupiter.api.Assertions.assertThrows(EmptySpoolException.class, () -> SpoolReader.open(p));
        List<SpoolRecovery.Outcome> out = SpoolRecovery.recover(dir, new SpoolFinaliser());
        assertEquals(1, out.size());
        assertEquals(null, out.get(0).error());
        assertFalse(Files.exists(p));
    }
}
