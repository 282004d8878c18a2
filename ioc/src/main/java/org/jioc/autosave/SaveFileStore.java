package org.jioc.autosave;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Where one save set's files live and how they are replaced: the new text goes to a temporary file in the same
 * directory, is forced to disk, the current .sav (when it is complete) becomes the .savB, and the temporary file
 * is renamed over the .sav atomically; then the directory is forced. At every moment the .sav is either the old or
 * the new complete file, and the .savB the one before. Sequence copies (.sav0, .sav1, ...) are taken from a
 * complete .sav at most every sequence period.
 *
 * <p>Only the save thread writes, and a lock on "NAME.sav.lock" keeps a second process (another IOC given the
 * same directory) from writing the same file.
 */
final class SaveFileStore implements AutoCloseable {
    private final Path sav;
    private final Path dir;
    private final String name;
    private FileChannel lockChannel;
    private FileLock lock;
    private int nextSeq;
    private long nextSeqMillis;

    SaveFileStore(Path savFile) {
        this.sav = savFile.toAbsolutePath().normalize();
        this.dir = sav.getParent();
        this.name = sav.getFileName().toString();
    }

    Path path() { return sav; }

    Path backup() { return dir.resolve(name + "B"); }

    Path sequence(int k) { return dir.resolve(name + k); }

    /** Take the file for this process; fails when another process (or set) already writes it. */
    void lock() throws IOException {
        Path lockFile = dir.resolve(name + ".lock");
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null;
        }
        if (l == null) {
            ch.close();
            throw new IOException(sav + " is already being saved by another process or save set (" + lockFile
                    + " is locked); two IOCs must not share a save file");
        }
        lockChannel = ch;
        lock = l;
    }

    /** Replace the .sav with text (see the class comment); false-free: throws when the new file is not in place. */
    void write(String text, Set<PosixFilePermission> permissions) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path tmp = dir.resolve(name + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
            if (ch.size() != bytes.length) {
                throw new IOException(tmp + ": wrote " + bytes.length + " bytes but the file has " + ch.size());
            }
        }
        if (permissions != null) Files.setPosixFilePermissions(tmp, permissions);
        if (isComplete(sav)) replaceWithCopy(sav, backup());
        Files.move(tmp, sav, StandardCopyOption.ATOMIC_MOVE);
        forceDirectory();
    }

    /** Copy the .sav to the next sequence file when the sequence period has passed (numFiles 0: never). */
    void maybeWriteSequence(int numFiles, int periodSeconds, long nowMillis) throws IOException {
        if (numFiles <= 0 || nowMillis < nextSeqMillis || !isComplete(sav)) return;
        int k = nextSeq % numFiles;
        replaceWithCopy(sav, sequence(k));
        forceDirectory();
        nextSeq = k + 1;
        nextSeqMillis = nowMillis + periodSeconds * 1000L;
    }

    /**
     * target becomes a copy of source, atomically: copied to a temporary name, forced, renamed. A copy, not a hard
     * link: a tool that rewrites the .sav in place (an editor, a C autosave) must not change the backups with it.
     */
    private void replaceWithCopy(Path source, Path target) throws IOException {
        Path tmp = dir.resolve(target.getFileName() + ".tmp");
        Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The renames are durable only once the directory entry is on disk. Not every file system allows this. */
    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // e.g. a file system without directory fsync: the data files themselves are forced already
        }
    }

    /** Whether a file ends with the <END> line (what autosave checks before it overwrites a backup). */
    static boolean isComplete(Path p) {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            long size = ch.size();
            int n = (int) Math.min(size, 16);
            ByteBuffer buf = ByteBuffer.allocate(n);
            ch.read(buf, size - n);
            String tail = new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1).stripTrailing();
            return tail.endsWith("\n" + SaveFileFormat.END) || tail.equals(SaveFileFormat.END);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        try {
            if (lock != null) lock.release();
            if (lockChannel != null) lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
        lock = null;
        lockChannel = null;
    }
}
