package org.jioc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SubstitutionsTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(SubstitutionsTest.class.getResource(name).toURI());
    }

    @Test
    void realisticSubstitutionsFile() throws Exception {
        DbModel m = new DbModel();
        new DbLoader(m).loadTemplate(resource("subs/ioc.substitutions"), "P=IOC:");
        assertEquals(List.of("IOC:1", "IOC:2", "IOC:3", "IOC:4", "IOC:on", "OTHER:off"),
                m.records().stream().map(RecordDecl::name).toList());
        assertEquals("Voltage, main", m.record("IOC:1").field("DESC").value());
        assertEquals("{braced}", m.record("IOC:2").field("DESC").value());
        assertEquals("channel 3", m.record("IOC:3").field("DESC").value());
        assertEquals("single mA", m.record("IOC:4").field("DESC").value());
        assertEquals("V", m.record("IOC:1").field("EGU").value());
        assertEquals("mA", m.record("IOC:4").field("EGU").value());
        assertEquals("IOC:raw2 CP", m.record("IOC:2").field("INP").value());
        assertEquals("bo", m.record("OTHER:off").type());
        Path template = resource("subs/channel.template");
        assertEquals(new SourceLocation(template.toString(), 1), m.record("IOC:1").where());
    }

    @Test
    void templateFoundViaIncludePathBeforeOwnDirectory() throws Exception {
        write("lib/t.db", "record(ai, \"lib$(N)\")\n");
        write("app/t.db", "record(ai, \"app$(N)\")\n");
        Path subs = write("app/x.substitutions", "file t.db { {N=1} }\n");
        DbModel viaPath = new DbModel();
        DbLoader loader = new DbLoader(viaPath);
        loader.setIncludePath(List.of(dir.resolve("lib")));
        loader.loadTemplate(subs, null);
        assertEquals("lib1", viaPath.records().iterator().next().name());

        DbModel ownDir = new DbModel();
        DbLoader l2 = new DbLoader(ownDir);
        l2.setIncludePath(List.of(dir.resolve("nowhere")));
        l2.loadTemplate(subs, "");
        assertEquals("app1", ownDir.records().iterator().next().name());
    }

    @Test
    void absoluteTemplateAndMacroInFileName() throws Exception {
        write("t/abs.db", "record(ai, \"$(A)$(B)\")\n");
        Path subs = write("x.substitutions", "global { D = " + dir.resolve("t") + " }\n"
                + "file \"$(D)/abs.db\" { pattern {A B} {a b} {c, d} }\n"
                + "file $(D)/abs.db { {A=e, B=$(A)f} {A=\"g,h\" B=''} }\n");
        DbModel m = new DbModel();
        new DbLoader(m).loadTemplate(subs, "");
        assertEquals(List.of("ab", "cd", "eef", "g,h"), m.records().stream().map(RecordDecl::name).toList());
    }

    @Test
    void passedMacrosAreOverriddenByGlobalsAndInstances() throws Exception {
        write("t.db", "record(ai, \"$(P)$(N)\") { field(DESC, \"$(X)\") }\n");
        Path subs = write("x.substitutions", "file t.db { {N=1} global {X=g} {N=2} {N=3, X=i} }\n");
        DbModel m = new DbModel();
        DbLoader loader = new DbLoader(m);
        loader.setIncludePath(List.of(dir));
        loader.loadTemplate(subs, "P=p:,X=passed");
        assertEquals(List.of("passed", "g", "i"),
                m.records().stream().map(r -> r.field("DESC").value()).toList());
    }

    @Test
    void emptyBlocksAndEmptyInstances() throws Exception {
        write("t.db", "record(ai, \"$(P=dflt)x\")\n");
        Path subs = write("x.substitutions", "file missing.db { }\nfile t.db { {} }\nfile t.db { pattern {} {} }\n");
        DbModel m = new DbModel();
        new DbLoader(m).loadTemplate(subs, "");
        assertEquals(1, m.records().size());
        assertEquals("dfltx", m.records().iterator().next().name());
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("file t.db {\n  pattern {A}\n  {1, 2}\n}\n", "x:3: more values than pattern names (1 names, extra value '2')"),
                Arguments.of("file t.db {\n  {A=1\n", "x:3: expected a macro name or '}' but found end of file"),
                Arguments.of("file t.db {\n  {A 1}\n}\n", "x:2: expected '=' after macro name 'A' but found '1'"),
                Arguments.of("file t.db {\n  {A, B}\n}\n", "x:2: expected '=' after macro name 'A' but found ',' (missing 'pattern' line?)"),
                Arguments.of("\nfile t.db {\n  {A=\"1}\n}\n", "x:3: unterminated string (closing quote missing)"),
                Arguments.of("file t.db {\n  {A=1}\n", "x:3: unexpected end of file, missing '}' to close file \"t.db\" block opened at x:1"),
                Arguments.of("files t.db {}", "x:1: expected 'file' or 'global' but found 'files'"),
                Arguments.of("file {}", "x:1: expected template file name after 'file' but found '{'"),
                Arguments.of("global A=1", "x:1: expected '{' after 'global' but found 'A'"),
                Arguments.of("file t.db {\n pattern {\"A\"}\n}", "x:2: expected a macro name in pattern but found string \"A\""),
                Arguments.of("\nfile nope.db {\n {A=1}\n}", "x:2: can't find template file \"nope.db\" (searched DIR)"),
                Arguments.of("file $(T).db { {A=1} }", "x:1: macro T is undefined"),
                Arguments.of("file t.db { {A=1} ( }", "x:1: invalid character '('"),
                Arguments.of("file t.db {\n  {A=1}\n  {B=2}\n}", "T:2: macro A is undefined (in instance at x:3)"),
                Arguments.of("file t.db {\n  pattern {A}\n  {x}\n  {\"1.2\"}\n}", "T:2: bad character '.' in record name \"y1.2\" (in instance at x:4)"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("errors")
    void reportsFileAndLine(String text, String expected) throws IOException {
        Path template = write("t.db", "record(ai, \"a$(C=)\")\nrecord(ai, \"y$(A)\")\n");
        Path subs = write("x", text);
        DbModel model = new DbModel();
        DbLoadException e = assertThrows(DbLoadException.class, () -> new DbLoader(model).loadTemplate(subs, ""));
        String want = expected.replace("x:", subs + ":").replace("T:", template + ":")
                .replace("DIR", "." + java.io.File.pathSeparator + dir);
        assertEquals(want, e.getMessage());
        assertTrue(model.records().isEmpty(), "failed dbLoadTemplate must not add records");
    }
}
