package org.jioc.autosave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The .sav is always either the old or the new complete file; the .savB the one before. */
class SaveFileStoreTest {
    @TempDir
    Path dir;

    private static String file(String tag, int lines) {
        StringBuilder b = new StringBuilder("# save/restore V5.11\tAutomatically generated - DO NOT MODIFY - x\n");
        for (int i = 0; i < lines; i++) b.append("rec").append(i).append(".DESC ").append(tag).append('\n');
        return b.append("<END>\n").toString();
    }

    @Test
    void writeKeepsThePreviousFileAsBackup() throws Exception {
        SaveFileStore s = new SaveFileStore(dir.resolve("x.sav"));
        s.lock();
        s.write(file("one", 3), null);
        assertFalse(Files.exists(dir.resolve("x.savB")));
        s.write(file("two", 3), null);
        assertEquals(file("two", 3), Files.readString(dir.resolve("x.sav")));
        assertEquals(file("one", 3), Files.readString(dir.resolve("x.savB")));
        s.write(file("three", 3), null);
        assertEquals(file("two", 3), Files.readString(dir.resolve("x.savB")));
        assertFalse(Files.exists(dir.resolve("x.sav.tmp")), "no temporary file is left behind");
        s.maybeWriteSequence(3, 10, 0);
        for (String f : new String[] {"x.sav", "x.savB", "x.sav0"}) {   // copies: rewriting one in place (an
            assertEquals(1, Files.getAttribute(dir.resolve(f), "unix:nlink"), f); // editor) leaves the others
        }
        s.close();
    }

    @Test
    void anIncompleteSavNeverReplacesTheBackup() throws Exception {
        SaveFileStore s = new SaveFileStore(dir.resolve("x.sav"));
        s.write(file("good", 2), null);
        s.write(file("newer", 2), null);
        Files.writeString(dir.resolve("x.sav"), "# half a fi");          // what a crashed unsafe writer leaves
        s.write(file("next", 2), null);
        assertEquals(file("next", 2), Files.readString(dir.resolve("x.sav")));
        assertEquals(file("good", 2), Files.readString(dir.resolve("x.savB")), "the good backup is kept");
    }

    @Test
    void aFailedWriteLeavesTheOldFilesUntouched() throws Exception {
        SaveFileStore s = new SaveFileStore(dir.resolve("x.sav"));
        s.write(file("old", 2), null);
        s.write(file("current", 2), null);
        Files.createDirectory(dir.resolve("x.sav.tmp"));                   // the temporary file cannot be created
        assertThrows(IOException.class, () -> s.write(file("lost", 2), null));
        assertEquals(file("current", 2), Files.readString(dir.resolve("x.sav")));
        assertEquals(file("old", 2), Files.readString(dir.resolve("x.savB")));
    }

    @Test
    void readersNeverSeeAPartialFile() throws Exception {
        Path sav = dir.resolve("x.sav");
        SaveFileStore s = new SaveFileStore(sav);
        String a = file("AAAAAAAAAAAAAAAAAAAA", 3000), b = file("BB", 5000);
        s.write(a, null);
        AtomicBoolean stop = new AtomicBoolean();
        List<String> bad = new ArrayList<>();
        int[] reads = {0};
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    String t = Files.readString(sav);
                    reads[0]++;
                    if (!t.equals(a) && !t.equals(b)) bad.add(t.length() + " chars");
                    SaveFileParser.parse(sav, Map.of());
                } catch (NoSuchFileException e) {
                    bad.add("the .sav was missing");
                } catch (Exception e) {
                    bad.add(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 60; i++) s.write(i % 2 == 0 ? b : a, null);
        stop.set(true);
        reader.join();
        assertTrue(bad.isEmpty(), bad.size() + " bad reads of " + reads[0] + ": " + bad.subList(0, Math.min(3, bad.size())));
        assertTrue(reads[0] > 0);
    }

    @Test
    void sequenceFilesCycleAtTheirPeriod() throws Exception {
        SaveFileStore s = new SaveFileStore(dir.resolve("x.sav"));
        s.write(file("a", 1), null);
        s.maybeWriteSequence(2, 10, 0);
        s.write(file("b", 1), null);
        s.maybeWriteSequence(2, 10, 5_000);     // too early: no copy
        s.maybeWriteSequence(2, 10, 10_000);
        s.write(file("c", 1), null);
        s.maybeWriteSequence(2, 10, 20_000);    // wraps to .sav0
        assertEquals(file("c", 1), Files.readString(dir.resolve("x.sav0")));
        assertEquals(file("b", 1), Files.readString(dir.resolve("x.sav1")));
    }

    @Test
    void aSecondWriterOfTheSameFileIsRefused() throws Exception {
        SaveFileStore first = new SaveFileStore(dir.resolve("x.sav"));
        first.lock();
        SaveFileStore second = new SaveFileStore(dir.resolve("x.sav"));
        IOException e = assertThrows(IOException.class, second::lock);
        assertTrue(e.getMessage().contains("is already being saved by another process or save set"), e.getMessage());
        first.close();
        second.lock();
        second.close();
    }
}
