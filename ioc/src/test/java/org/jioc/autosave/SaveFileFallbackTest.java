package org.jioc.autosave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A truncated or corrupt .sav is rejected with one clear log line and the backup is restored instead. */
class SaveFileFallbackTest {
    @TempDir
    Path dir;

    static final String GOOD = "# save/restore V5.11\tAutomatically generated - DO NOT MODIFY - 250101-120000\n"
            + "a 1.5\nw @array@ { \"1\" \"2\"\n  \"3\" }\n<END>\n";
    static final String NEWER = GOOD.replace("a 1.5", "a 2.5");
    static final String DB = "record(ao, \"a\") { field(PINI, \"YES\") field(PREC, \"1\") }\n"
            + "record(waveform, \"w\") { field(NELM, \"4\") }\n";

    private String reason(String text) {
        return assertThrows(BadSaveFileException.class,
                () -> SaveFileParser.parse(dir.resolve("x"), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                        Map.of())).getMessage();
    }

    @Test
    void whatCountsAsBad() {
        assertEquals("is truncated (it does not end with <END>)", reason(NEWER.substring(0, NEWER.length() / 2)));
        assertEquals("is truncated (it does not end with <END>)", reason(NEWER.replace("<END>\n", "")));
        assertEquals("is empty", reason(""));
        assertEquals("contains garbage (NUL bytes at line 2)", reason(NEWER.replace("a 2.5", "a \0\0\0")));
        assertEquals("contains garbage (line 2 is not 'PVNAME value': '%$#@! 2.5')",
                reason(NEWER.replace("a 2.5", "%$#@! 2.5")));
        assertEquals("contains garbage (the array of w at line 3 is not closed with '}')",
                reason(NEWER.replace("\"3\" }", "\"3\"")));
        // comments, "!" lines and CRLF line ends are fine
        String ok = "# x\r\n! 1 channel(s) not connected\r\n#gone Not Connected\r\na 1\r\n<END>\r\n";
        assertEquals(1, assertDoesNotThrow(ok).entries().size());
    }

    private SaveFile assertDoesNotThrow(String text) {
        try {
            return SaveFileParser.parse(dir.resolve("x"), text.getBytes(), Map.of());
        } catch (BadSaveFileException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private TestIoc boot() throws Exception {
        TestIoc.write(dir, "t.db", DB);
        return new TestIoc(dir).run("dbLoadRecords t.db", "set_savefile_path saves",
                "set_pass0_restoreFile x.sav", "set_pass1_restoreFile x.sav", "iocInit");
    }

    @Test
    void truncatedSavFallsBackToSavBWithOneClearLine() throws Exception {
        Path saves = Files.createDirectories(dir.resolve("saves"));
        Files.writeString(saves.resolve("x.savB"), GOOD);
        Files.writeString(saves.resolve("x.sav"), NEWER.substring(0, NEWER.length() - 12));
        try (TestIoc ioc = boot()) {
            assertEquals("1.5", ioc.get("a"));                    // from the backup, not half of the newer file
            assertEquals(List.of(new SavedValue.Array(List.of("1", "2", "3"))).get(0), ioc.saved("w"));
            List<String> lines = ioc.log().stream().filter(l -> l.contains("x.sav ")).toList();
            assertEquals(1, lines.size(), ioc.log().toString());     // once, though restored in both passes
            assertEquals("WARNING: autosave: " + saves.resolve("x.sav") + " is truncated (it does not end with"
                    + " <END>); restoring from the backup " + saves.resolve("x.savB") + " instead", lines.get(0));
            assertEquals("NO_ALARM", ioc.get("a.SEVR"));
        }
        assertTrue(Files.list(saves).anyMatch(p -> p.getFileName().toString().startsWith("x.sav_RBAD_")),
                "a copy of the bad file is kept");
    }

    @Test
    void garbageInSavFallsBackToo() throws Exception {
        Path saves = Files.createDirectories(dir.resolve("saves"));
        Files.writeString(saves.resolve("x.savB"), GOOD);
        Files.writeString(saves.resolve("x.sav"), NEWER.replace("a 2.5", "a 2\0\0\0\0"));
        try (TestIoc ioc = boot()) {
            assertEquals("1.5", ioc.get("a"));
            assertTrue(ioc.log().contains("WARNING: autosave: " + saves.resolve("x.sav")
                    + " contains garbage (NUL bytes at line 2); restoring from the backup " + saves.resolve("x.savB")
                    + " instead"), ioc.log().toString());
        }
    }

    @Test
    void bothBadMeansNothingRestoredAndSaysSo() throws Exception {
        Path saves = Files.createDirectories(dir.resolve("saves"));
        Files.writeString(saves.resolve("x.savB"), GOOD.substring(0, 30));
        Files.writeString(saves.resolve("x.sav"), NEWER.substring(0, 40));
        try (TestIoc ioc = boot()) {
            assertEquals("0.0", ioc.get("a"));
            String want = "WARNING: autosave: " + saves.resolve("x.sav") + " is truncated (it does not end with <END>); "
                    + saves.resolve("x.savB") + " is truncated (it does not end with <END>); no usable save file:"
                    + " nothing restored for x.sav";
            assertTrue(ioc.log().contains(want), ioc.log().toString());
            assertEquals("INVALID", ioc.get("a.SEVR"), "never defined: PINI leaves it in UDF alarm");
        }
    }

    @Test
    void newestGoodSequenceFileIsTheLastResort() throws Exception {
        Path saves = Files.createDirectories(dir.resolve("saves"));
        Files.writeString(saves.resolve("x.sav"), "garbage");
        Files.writeString(saves.resolve("x.sav0"), GOOD.replace("a 1.5", "a 3.5"));
        Files.setLastModifiedTime(saves.resolve("x.sav0"), java.nio.file.attribute.FileTime.fromMillis(1000));
        Files.writeString(saves.resolve("x.sav1"), GOOD.replace("a 1.5", "a 4.5"));
        try (TestIoc ioc = boot()) {
            assertEquals("4.5", ioc.get("a"));
            String log = String.join("\n", ioc.log());
            assertTrue(log.contains("does not exist; restoring from the sequence file " + saves.resolve("x.sav1")
                    + " instead") || log.contains("restoring from the sequence file " + saves.resolve("x.sav1")), log);
        }
    }

    @Test
    void firstBootWithoutFilesIsQuiet() throws Exception {
        try (TestIoc ioc = boot()) {
            assertTrue(ioc.log().stream().noneMatch(l -> l.startsWith("WARNING")), ioc.log().toString());
        }
    }
}
