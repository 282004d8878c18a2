package org.jioc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a database text can be wrong, with the exact "file:line: message". */
class DbErrorsTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("record(ai, x) {\n  field(DESC, \"abc)\n}\n",
                        "t.db:2: unterminated string (closing quote missing)"),
                Arguments.of("record(ai, x) {\n  field(VAL, 1)\n",
                        "t.db:2: unexpected end of file, missing '}' to close record \"x\" opened at t.db:1"),
                Arguments.of("\nrecord(ai, x {\n}", "t.db:2: expected ')' after record name but found '{'"),
                Arguments.of("record(ai x)", "t.db:1: expected ',' after record type but found 'x'"),
                Arguments.of("record ai, x)", "t.db:1: expected '(' after 'record' but found 'ai'"),
                Arguments.of("record(ai, x) {\n\n  field(VAL 1)\n}", "t.db:3: expected ',' after field name but found '1'"),
                Arguments.of("record(ai, x) {\n  field(VAL, 1\n}", "t.db:3: expected ')' after value of field VAL but found '}'"),
                Arguments.of("record(ai, x) { field(VAL, ) }", "t.db:1: expected a value for field VAL but found ')'"),
                Arguments.of("record(ai, x) {\n  field(val, 1)\n}",
                        "t.db:2: invalid field name \"val\" (field names are uppercase letters and digits)"),
                Arguments.of("record(ai, x) {\n  info(, 1)\n}", "t.db:2: expected info name but found ','"),
                Arguments.of("record(ai, x) {\n  alias(a, b)\n}",
                        "t.db:2: alias(record, alias) with two names is a top-level statement; inside a record body use alias(\"name\")"),
                Arguments.of("record(ai, x)\nalias(x)",
                        "t.db:2: alias(\"name\") with one name is only allowed inside a record body; at top level use alias(\"record\", \"alias\")"),
                Arguments.of("\n\nfoo(x)", "t.db:3: unknown statement 'foo', expected record, grecord, alias, include, path or addpath"),
                Arguments.of("recordtype(ai) {}",
                        "t.db:1: 'recordtype' is a database definition (.dbd) statement, not allowed in a record database"),
                Arguments.of("menu(m) {}",
                        "t.db:1: 'menu' is a database definition (.dbd) statement, not allowed in a record database"),
                Arguments.of("device(ai, CONSTANT, devAiSoft, \"Soft Channel\")",
                        "t.db:1: 'device' is a database definition (.dbd) statement, not allowed in a record database"),
                Arguments.of("field(VAL, 1)", "t.db:1: 'field' is only allowed inside a record body"),
                Arguments.of("\"x\"", "t.db:1: unexpected string \"x\", expected record, grecord, alias, include, path or addpath"),
                Arguments.of("record(ai, x) { field(VAL, 1) }\n@", "t.db:2: invalid character '@'"),
                Arguments.of("record(ai, x) {\n  blah(VAL, 1)\n}",
                        "t.db:2: unexpected 'blah' in record body, expected field, info, alias, include or '}'"),
                Arguments.of("record(ai, \"a.b\")", "t.db:1: bad character '.' in record name \"a.b\""),
                Arguments.of("record(ai, \"a b\")", "t.db:1: bad character ' ' in record name \"a b\""),
                Arguments.of("record(ai, \"\")", "t.db:1: record name can't be empty"),
                Arguments.of("record(ai, x) { alias(\"x$\") }", "t.db:1: bad character '$' in alias name \"x$\""),
                Arguments.of("\nrecord(\"*\", nope) { field(VAL, 1) }",
                        "t.db:2: record \"nope\" not found (record type \"*\" only adds to an existing record)"),
                Arguments.of("record(ai, x)\nrecord(ao, x)", "t.db:2: record x already defined with type ai at t.db:1"),
                Arguments.of("alias(nope, a)", "t.db:1: alias \"a\" refers to unknown record \"nope\""),
                Arguments.of("record(ai, x)\nrecord(ai, y) { alias(x) }",
                        "t.db:2: alias \"x\" can't be created: a record of that name exists (t.db:1)"),
                Arguments.of("record(ai, x) { alias(a) }\nalias(x, a)", "t.db:2: alias \"a\" already exists for record \"x\""),
                Arguments.of("record(ai, x) { alias(a) }\nrecord(ai, a)",
                        "t.db:2: record \"a\" can't be declared: it is an alias of \"x\""),
                Arguments.of("record(ai, x) {\n field(INP, {pva: \"y\"\n}", "t.db:3: expected ')' after value of field INP but found end of file"),
                Arguments.of("record(ai, x) {\n field(INP, {pva: [1}\n}", "t.db:2: expected ',' or ']' in JSON array but found '}'"),
                Arguments.of("record(ai, x) { field(INP, {pva \"y\"}) }", "t.db:1: expected ':' after JSON key but found string \"y\""),
                Arguments.of("record(ai, x) { field(INP, [1 2]) }", "t.db:1: expected ',' or ']' in JSON array but found '2'"),
                Arguments.of("record(ai, x)\n\n\nrecord(ai, $(P)y)", "t.db:4: macro P is undefined"),
                Arguments.of("record(ai, x) {\n field(DESC, \"$(A)\")\n}", "t.db:2: macro A is undefined"),
                Arguments.of("record(ai, $(R))", "t.db:1: macro R is recursive"),
                Arguments.of("record(ai, $(P", "t.db:1: unterminated macro reference $(P"),
                Arguments.of("record(ai, x) {\n  include \"nope.db\"\n}", null),
                Arguments.of("path", "t.db:1: expected directory list after 'path' but found end of file"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("errors")
    void reportsFileAndLine(String text, String expected) {
        DbLoadException e = assertThrows(DbLoadException.class,
                () -> DbGrammarTest.load(text, Map.of("R", "$(R)")));
        if (expected == null) {
            assertEquals("t.db:2: can't find include file \"nope.db\" (searched .:"
                    + java.nio.file.Path.of("t.db").toAbsolutePath().getParent() + ")", e.getMessage());
        } else {
            assertEquals(expected, e.getMessage());
        }
        assertEquals(e.where() + ": " + e.detail(), e.getMessage());
    }

    @Test
    void failedLoadLeavesModelUntouched() throws DbLoadException {
        DbModel model = new DbModel();
        DbLoader loader = new DbLoader(model);
        loader.loadRecordsText("record(ai, a) { field(VAL, 1) }\n", "a.db", Map.of());
        DbLoadException e = assertThrows(DbLoadException.class, () -> loader.loadRecordsText("""
                record(ai, a) { field(VAL, 2) field(DESC, "changed") alias(a2) }
                record(ai, b) { field(VAL, 3) }
                alias(b, b2)
                record(ao, a)
                """, "b.db", Map.of()));
        assertEquals("b.db:4: record a already defined with type ai at a.db:1", e.getMessage());
        assertEquals(1, model.records().size());
        assertEquals("1", model.record("a").field("VAL").value());
        assertEquals(1, model.record("a").fields().size());
        assertEquals(0, model.record("a").aliases().size());
        assertEquals(0, model.aliases().size());
        assertEquals(null, model.resolve("a2"));
        // and the loader is still usable afterwards
        loader.loadRecordsText("record(ai, b)", "c.db", Map.of());
        assertEquals(2, model.records().size());
    }
}
