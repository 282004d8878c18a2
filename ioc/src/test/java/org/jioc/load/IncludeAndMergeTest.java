package org.jioc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IncludeAndMergeTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    @Test
    void includeSeesSameMacrosAndReportsItsOwnLines() throws IOException, DbLoadException {
        write("inc/common.db", "\nrecord(ao, \"$(P)common\") {\n  field(DESC, \"$(D)\")\n}\n");
        Path top = write("top.db", "path \"" + dir.resolve("inc") + "\"\ninclude \"common.db\"\nrecord(ai, \"$(P)top\")\n");
        DbModel m = new DbModel();
        new DbLoader(m).loadRecords(top, "P=X:,D=from top");
        assertEquals("from top", m.record("X:common").field("DESC").value());
        assertEquals(new SourceLocation(dir.resolve("inc/common.db").toString(), 2), m.record("X:common").where());
        assertEquals(new SourceLocation(top.toString(), 3), m.record("X:top").where());
        assertEquals(List.of("X:common", "X:top"), m.records().stream().map(RecordDecl::name).toList());
    }

    @Test
    void undefinedMacroInIncludedFilePointsThere() throws IOException {
        write("inc/bad.db", "record(ai, a)\n\nrecord(ai, \"$(NOPE)\")\n");
        Path top = write("top.db", "addpath \"" + dir.resolve("inc") + "\"\n\ninclude \"bad.db\"\n");
        DbLoadException e = assertThrows(DbLoadException.class,
                () -> new DbLoader(new DbModel()).loadRecords(top, ""));
        assertEquals(dir.resolve("inc/bad.db") + ":3: macro NOPE is undefined", e.getMessage());
    }

    @Test
    void includeInsideRecordBodyAndSyntaxErrorThere() throws IOException, DbLoadException {
        write("fields.dbi", "field(EGU, \"V\")\nfield(PREC, 3)\n");
        write("broken.dbi", "field(EGU, \"V\")\nfield(PREC 3)\n");
        Path top = write("top.db", "record(ai, r) {\n  include \"fields.dbi\"\n  field(HOPR, 10)\n}\n"
                + "record(ai, s) {\n  include \"broken.dbi\"\n}\n");
        DbLoader loader = new DbLoader(new DbModel());
        loader.setIncludePath(List.of(dir));
        DbLoadException e = assertThrows(DbLoadException.class, () -> loader.loadRecords(top, ""));
        assertEquals(dir.resolve("broken.dbi") + ":2: expected ',' after field name but found '3'", e.getMessage());

        DbModel m = new DbModel();
        DbLoader ok = new DbLoader(m);
        ok.setIncludePath(dir.toString());
        ok.loadRecordsText("record(ai, r) {\n  include \"fields.dbi\"\n  field(HOPR, 10)\n}\n", "top.db", Map.of());
        assertEquals(List.of("EGU", "PREC", "HOPR"),
                m.record("r").fields().stream().map(FieldDecl::name).toList());
        assertEquals(new SourceLocation(dir.resolve("fields.dbi").toString(), 2), m.record("r").field("PREC").where());
    }

    @Test
    void pathReplacesAndAddpathAppends() throws IOException, DbLoadException {
        write("a/x.db", "record(ai, fromA)\n");
        write("b/x.db", "record(ai, fromB)\n");
        write("b/y.db", "record(ai, yFromB)\n");
        DbModel m = new DbModel();
        DbLoader loader = new DbLoader(m);
        loader.setIncludePath(List.of(dir.resolve("a")));
        loader.loadRecordsText("include \"x.db\"\npath \"" + dir.resolve("b") + "\"\ninclude \"x.db\"\n"
                + "path \"" + dir.resolve("a") + "\"\naddpath \"" + dir.resolve("b") + "\"\ninclude \"y.db\"\n",
                "t.db", Map.of());
        assertEquals(List.of("fromA", "fromB", "yFromB"), m.records().stream().map(RecordDecl::name).toList());
        // a path statement only lasts for its own load
        assertEquals(List.of(dir.resolve("a")), loader.includePath());
        DbLoadException e = assertThrows(DbLoadException.class,
                () -> loader.loadRecordsText("\ninclude \"y.db\"", "u.db", Map.of()));
        assertEquals("u.db:2: can't find include file \"y.db\" (searched " + dir.resolve("a") + ":"
                + Path.of("u.db").toAbsolutePath().getParent() + ")", e.getMessage());
    }

    @Test
    void pathListWithSeveralDirectories() throws IOException, DbLoadException {
        write("b/z.db", "record(ai, z)\n");
        DbModel m = new DbModel();
        new DbLoader(m).loadRecordsText("path \"" + dir.resolve("a") + ":" + dir.resolve("b") + "\"\ninclude z.db\n",
                "t.db", Map.of());
        assertEquals(1, m.records().size());
    }

    @Test
    void selfIncludeIsStopped() throws IOException {
        Path self = write("self.db", "record(ai, r)\ninclude \"self.db\"\n");
        DbLoader loader = new DbLoader(new DbModel());
        loader.setIncludePath(List.of(dir));
        DbLoadException e = assertThrows(DbLoadException.class, () -> loader.loadRecords(self, ""));
        assertEquals(self + ":2: includes nested more than 32 deep (does \"self.db\" include itself?)",
                e.getMessage());
    }

    @Test
    void loadRecordsFindsBareNameAlongPathAndReportsMissingFile() throws IOException, DbLoadException {
        write("db/found.db", "record(ai, f)\n");
        DbModel m = new DbModel();
        DbLoader loader = new DbLoader(m);
        loader.setIncludePath(List.of(dir.resolve("db")));
        loader.loadRecords(Path.of("found.db"), (String) null);
        assertEquals("f", m.records().iterator().next().name());
        DbLoadException e = assertThrows(DbLoadException.class, () -> loader.loadRecords(Path.of("missing.db"), ""));
        assertEquals("missing.db:0: can't open file (searched " + dir.resolve("db") + ")", e.getMessage());
        DbLoadException bad = assertThrows(DbLoadException.class,
                () -> loader.loadRecords(Path.of("found.db"), "A=\"x"));
        assertEquals("found.db:0: unterminated quote in macro definitions \"\"x\"", bad.getMessage());
    }

    @Test
    void mergingAcrossLoads() throws DbLoadException {
        DbModel m = new DbModel();
        DbLoader loader = new DbLoader(m);
        loader.loadRecordsText("record(ai, r) {\n  field(DESC, \"first\")\n  field(VAL, 1)\n  info(a, \"1\")\n}\n"
                + "record(ai, other)\n", "a.db", Map.of());
        loader.loadRecordsText("\nrecord(ai, r) {\n  field(VAL, 2)\n  field(EGU, V)\n  info(a, \"2\")\n}\n"
                + "record(\"*\", other) { field(DESC, star) }\n", "b.db", Map.of());
        RecordDecl r = m.record("r");
        assertEquals("DESC=first;VAL=2;EGU=V", DbGrammarTest.fieldsOf(r));
        assertEquals(new SourceLocation("a.db", 1), r.where());
        assertEquals(new SourceLocation("b.db", 3), r.field("VAL").where());
        assertEquals(new SourceLocation("a.db", 2), r.field("DESC").where());
        assertEquals(Map.of("a", "2"), r.info());
        assertEquals("ai", m.record("other").type());
        assertEquals("star", m.record("other").field("DESC").value());
        assertEquals(List.of("r", "other"), m.records().stream().map(RecordDecl::name).toList());

        DbLoadException e = assertThrows(DbLoadException.class,
                () -> loader.loadRecordsText("\n\nrecord(ao, r)", "c.db", Map.of()));
        assertEquals("c.db:3: record r already defined with type ai at a.db:1", e.getMessage());
    }

    @Test
    void sameFieldTwiceInOneRecordLastWins() throws DbLoadException {
        DbModel m = DbGrammarTest.load("record(ai, r) {\n field(VAL, 1)\n field(DESC, d)\n field(VAL, 2)\n}");
        assertEquals("VAL=2;DESC=d", DbGrammarTest.fieldsOf(m.record("r")));
        assertEquals(4, m.record("r").field("VAL").where().line());
    }
}
