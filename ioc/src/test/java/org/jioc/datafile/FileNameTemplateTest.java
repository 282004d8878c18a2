package org.jioc.datafile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileNameTemplateTest {
    @TempDir Path tmp;

    @Test
    void areaDetectorTemplate() {
        FileNameTemplate t = new FileNameTemplate("/data/2bm", "scan", "%s%s_%3.3d.h5", 7, true);
        assertEquals("/data/2bm/", t.filePath());
        assertEquals("/data/2bm/scan_007.h5", t.fullFileName());
        t.setFileNumber(1234);
        assertEquals("/data/2bm/scan_1234.h5", t.fullFileName());
        t.setFileTemplate("%s%s.dat");
        assertEquals("/data/2bm/scan.dat", t.fullFileName());
        t.setFileTemplate("%s/%-6s|%5d");
        assertEquals("/data/2bm//scan  | 1234", t.fullFileName());
    }

    @Test
    void cFormatDetails() {
        assertEquals("a_b_00042%", CFormat.format("%s_%s_%5.5d%%", "a", "b", 42));
        assertEquals("ab_   42", CFormat.format("%.1s%s_%5d", "ax", "b", 42));
        assertEquals("-0042", CFormat.format("%s%s%05d", "", "", -42));
    }

    @Test
    void badTemplatesAreRefusedWhenSet() {
        FileNameTemplate t = new FileNameTemplate();
        assertEquals("FileTemplate '%d%s' %d where the path (a string) is expected",
                assertThrows(DataFileException.class, () -> t.setFileTemplate("%d%s")).getMessage());
        assertEquals("FileTemplate '%s%s_%f' conversion %f is not %s or %d",
                assertThrows(DataFileException.class, () -> t.setFileTemplate("%s%s_%f")).getMessage());
        assertEquals("FileTemplate '%s%s%s' %s where the file number (an integer) is expected",
                assertThrows(DataFileException.class, () -> t.setFileTemplate("%s%s%s")).getMessage());
        assertEquals("FileTemplate '%s%s%d%d' has more than three conversions (path, name, number)",
                assertThrows(DataFileException.class, () -> t.setFileTemplate("%s%s%d%d")).getMessage());
        assertEquals("%s%s_%3.3d.h5", t.fileTemplate(), "a refused template leaves the old one");
        assertThrows(DataFileException.class, () -> t.setFileName("a/b"));
        assertThrows(DataFileException.class, () -> t.setFileNumber(-1));
    }

    @Test
    void claimCreatesDirectoriesAndIncrements() {
        FileNameTemplate t = new FileNameTemplate(tmp.resolve("a/b").toString(), "run", "%s%s_%3.3d.h5", 1, true);
        Path first = t.claim();
        assertEquals(tmp.resolve("a/b/run_001.h5"), first);
        assertTrue(Files.isDirectory(tmp.resolve("a/b")));
        assertEquals(tmp.resolve("a/b/run_002.h5"), t.claim());
        t.setAutoIncrement(false);
        assertEquals(tmp.resolve("a/b/run_003.h5"), t.claim());
        assertEquals(tmp.resolve("a/b/run_003.h5"), t.claim());
        assertEquals(3, t.fileNumber());
    }

    @Test
    void unwritablePathIsRefusedClearly() throws Exception {
        Path file = Files.writeString(tmp.resolve("plain.txt"), "x");
        FileNameTemplate t = new FileNameTemplate(file.resolve("sub").toString(), "run", "%s%s_%3.3d.h5", 1, true);
        DataFileException e = assertThrows(DataFileException.class, t::claim);
        assertTrue(e.getMessage().startsWith("cannot create data directory " + file.resolve("sub")), e.getMessage());
        assertEquals(1, t.fileNumber(), "a refused claim does not consume a number");
        FileNameTemplate empty = new FileNameTemplate();
        assertEquals("FilePath is empty: set a directory for data files",
                assertThrows(DataFileException.class, empty::claim).getMessage());
    }
}
