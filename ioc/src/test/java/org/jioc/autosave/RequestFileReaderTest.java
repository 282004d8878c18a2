package org.jioc.autosave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RequestFileReaderTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private List<String> names(String req, String macros, List<Path> path) throws Exception {
        return RequestFileReader.read(req, macros, path).stream().map(RequestEntry::pvName).toList();
    }

    @Test
    void pvLinesCommentsAndNestedIncludesWithMacros() throws Exception {
        write("top.req", "# settings\n$(P)m1.VAL\n\n   $(P)m2   # trailing comment\n"
                + "file motor.req P=$(P),M=m3\n"
                + "file \"motor.req\" \"P=$(P)\" M=m4\n"   // quotes ignored, blank separates definitions
                + "$(P)long.VAL$\n");
        write("lib/motor.req", "$(P)$(M).VAL\n$(P)$(M).DESC\nfile common.req\n");
        write("lib/common.req", "# sees P from the top file and M from its includer\n$(P)$(M)_common\n");
        List<String> got = names("top.req", "P=xxx:", List.of(dir, dir.resolve("lib")));
        assertEquals(List.of("xxx:m1.VAL", "xxx:m2",
                "xxx:m3.VAL", "xxx:m3.DESC", "xxx:m3_common",
                "xxx:m4.VAL", "xxx:m4.DESC", "xxx:m4_common",
                "xxx:long.VAL$"), got);
    }

    @Test
    void entriesKnowTheirFileAndLine() throws Exception {
        write("a.req", "# one\nrec1.VAL\nfile b.req\n");
        write("b.req", "\nrec2\n");
        List<RequestEntry> e = RequestFileReader.read("a.req", "", List.of(dir));
        assertEquals(dir.resolve("a.req") + ":2", e.get(0).where());
        assertEquals(dir.resolve("b.req") + ":2", e.get(1).where());
    }

    @Test
    void searchPathIsTriedInOrder() throws Exception {
        write("first/x.req", "from_first\n");
        write("second/x.req", "from_second\n");
        assertEquals(List.of("from_first"), names("x.req", "", List.of(dir.resolve("first"), dir.resolve("second"))));
        assertEquals(List.of("from_second"), names("x.req", "", List.of(dir.resolve("second"), dir.resolve("first"))));
    }

    @Test
    void macroCanRemoveOrCommentALine() throws Exception {
        write("x.req", "$(C)rec.VAL\n$(E)rec2\n");
        assertEquals(List.of("rec2"), names("x.req", "C=#,E=", List.of(dir)));
    }

    private String error(String req, String macros) {
        return assertThrows(AutosaveFileException.class,
                () -> RequestFileReader.read(req, macros, List.of(dir))).getMessage();
    }

    @Test
    void missingIncludeIsAnErrorAtItsLine() throws Exception {
        write("a.req", "rec1\n# x\nfile nothere.req P=1\n");
        String m = error("a.req", "");
        assertTrue(m.startsWith(dir.resolve("a.req") + ":3: request file 'nothere.req' not found"), m);
    }

    @Test
    void badLinesAreErrorsWithFileAndLine() throws Exception {
        write("bad.req", "rec1\n%weird\n");
        assertEquals(dir.resolve("bad.req") + ":2: '%weird' is not a PV name", error("bad.req", ""));
        write("two.req", "rec1 rec2\n");
        assertEquals(dir.resolve("two.req") + ":1: one PV per line: unexpected 'rec2' after rec1",
                error("two.req", ""));
        write("undef.req", "\n\n$(P)rec\n");
        assertEquals(dir.resolve("undef.req") + ":3: macro $(P) is not defined", error("undef.req", ""));
        write("inc.req", "file\n");
        assertEquals(dir.resolve("inc.req") + ":1: 'file' needs a request file name", error("inc.req", ""));
    }

    @Test
    void errorsInsideAnIncludeNameTheIncludedFile() throws Exception {
        write("outer.req", "ok1\nfile inner.req X=1\n");
        write("inner.req", "ok2\n$(Y)bad\n");
        assertEquals(dir.resolve("inner.req") + ":2: macro $(Y) is not defined", error("outer.req", ""));
    }

    @Test
    void includeLoopsAndMissingTopFileAreErrors() throws Exception {
        write("loop1.req", "file loop2.req\n");
        write("loop2.req", "file loop1.req\n");
        assertTrue(error("loop1.req", "").contains("includes itself"), error("loop1.req", ""));
        assertTrue(error("none.req", "").startsWith("none.req: request file not found (searched " + dir),
                error("none.req", ""));
    }
}
