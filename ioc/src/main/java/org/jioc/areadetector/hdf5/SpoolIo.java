package org.jioc.areadetector.hdf5;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** fsync of a directory, so a created or renamed file's directory entry is durable (Linux allows opening one). */
final class SpoolIo {
    private SpoolIo() {}

    static void syncDirectory(Path dir) {
        if (dir == null) return;
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not every platform can open a directory; the file data itself was forced
        }
    }
}
