package org.jioc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DbGrammarTest {

    static DbModel load(String text) throws DbLoadException {
        return load(text, Map.of());
    }

    static DbModel load(String text, Map<String, String> macros) throws DbLoadException {
        DbModel model = new DbModel();
        new DbLoader(model).loadRecordsText(text, "t.db", macros);
        return model;
    }

    static String fieldsOf(RecordDecl r) {
        return r.fields().stream().map(f -> f.name() + "=" + f.value()).collect(Collectors.joining(";"));
    }

    @Test
    void recordWithQuotedAndBareValues() throws DbLoadException {
        DbModel m = load("""
                record(ai, "IOC:temp") {
                    field(DESC, "Temperature")
                    field(SCAN, "1 second")
                    field(PREC, 2)
                    field(EGU, degC)
                    field(HOPR, -1.5e3)
                }
                """);
        RecordDecl r = m.record("IOC:temp");
        assertEquals("ai", r.type());
        assertEquals("IOC:temp", r.name());
        assertEquals(new SourceLocation("t.db", 1), r.where());
        assertEquals("DESC=Temperature;SCAN=1 second;PREC=2;EGU=degC;HOPR=-1.5e3", fieldsOf(r));
        assertEquals(new SourceLocation("t.db", 4), r.field("PREC").where());
    }

    @Test
    void grecordEmptyBodyAndBodyless() throws DbLoadException {
        DbModel m = load("grecord(ao, a) {}\nrecord(bo, b)\nrecord(calc,\n  \"c\"\n)\n{\n}\nrecord(ai,d)record(ai,e){}");
        assertEquals(List.of("a:ao", "b:bo", "c:calc", "d:ai", "e:ai"),
                m.records().stream().map(r -> r.name() + ":" + r.type()).toList());
        assertEquals(new SourceLocation("t.db", 3), m.record("c").where());
        assertTrue(m.record("b").fields().isEmpty());
    }

    @Test
    void commentsPercentLinesAndWhitespace() throws DbLoadException {
        DbModel m = load("""
                # a comment with $(UNDEFINED) macro and "quote
                %#include "epicsTypes.h"
                \trecord ( ai , x )   # trailing comment
                {  field ( DESC , "has # inside" ) # another
                   field(VAL,1)}
                """);
        assertEquals("DESC=has # inside;VAL=1", fieldsOf(m.record("x")));
    }

    static Stream<Arguments> escapes() {
        return Stream.of(
                Arguments.of("a\\\"b", "a\"b"),
                Arguments.of("tab\\there", "tab\there"),
                Arguments.of("nl\\n", "nl\n"),
                Arguments.of("back\\\\slash", "back\\slash"),
                Arguments.of("oct\\101", "octA"),
                Arguments.of("hex\\x41", "hexA"),
                Arguments.of("q\\'", "q'"),
                Arguments.of("other\\$", "other$"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("escapes")
    void escapesInQuotedValues(String written, String expected) throws DbLoadException {
        DbModel m = load("record(stringin, s) { field(VAL, \"" + written + "\") info(i, \"" + written + "\") }");
        assertEquals(expected, m.record("s").field("VAL").value());
        assertEquals(expected, m.record("s").info().get("i"));
    }

    @Test
    void infoAndAliasesInsideRecord() throws DbLoadException {
        DbModel m = load("""
                record(ai, r) {
                    alias("r:alias1")
                    info(autosaveFields, "VAL EGU")
                    info(Q:group, {"grp":{"x":{+channel:"VAL"}}})
                    alias(r:alias2)
                    info(autosaveFields, "PREC")
                }
                """);
        RecordDecl r = m.record("r");
        assertEquals(List.of("r:alias1", "r:alias2"), r.aliases());
        assertEquals(List.of("autosaveFields", "Q:group"), List.copyOf(r.info().keySet()));
        assertEquals("PREC", r.info().get("autosaveFields"));
        assertEquals("{\"grp\":{\"x\":{\"+channel\":\"VAL\"}}}", r.info().get("Q:group"));
        assertEquals(r, m.resolve("r:alias2"));
        assertEquals("r", m.aliasTarget("r:alias1"));
    }

    @Test
    void topLevelAlias() throws DbLoadException {
        DbModel m = load("record(ai, r)\nalias(\"r\", \"r2\")\nalias(r2, r3)\n");
        assertEquals(List.of(new AliasDecl("r", "r2", new SourceLocation("t.db", 2)),
                new AliasDecl("r2", "r3", new SourceLocation("t.db", 3))), m.aliases());
        assertEquals("r", m.resolve("r3").name());
        assertNull(m.record("r3"));
    }

    static Stream<Arguments> jsonValues() {
        return Stream.of(
                Arguments.of("{const: 3.14}", "{\"const\":3.14}"),
                Arguments.of("{ \"pva\" : { \"pv\" : \"X:Y\", \"proc\" : true } }",
                        "{\"pva\":{\"pv\":\"X:Y\",\"proc\":true}}"),
                Arguments.of("[1, 2, 3]", "[1,2,3]"),
                Arguments.of("[\"a\",]", "[\"a\",]"),
                Arguments.of("{calc: {expr:\"A+1\", args:[1, null, false, 0x1F]},}",
                        "{\"calc\":{\"expr\":\"A+1\",\"args\":[1,null,false,0x1F]}}"),
                Arguments.of("{}", "{}"),
                Arguments.of("[\n 1,\n 2\n]", "[1,2]"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("jsonValues")
    void jsonLinkValues(String written, String expected) throws DbLoadException {
        DbModel m = load("record(ai, j) { field(INP, " + written + ") }");
        assertEquals(expected, m.record("j").field("INP").value());
    }

    @Test
    void keywordsAreAcceptedAsNames() throws DbLoadException {
        DbModel m = load("record(ai, field) { field(DESC, record) }\nrecord(ai, \"include\")");
        assertEquals("record", m.record("field").field("DESC").value());
        assertNotNull(m.record("include"));
    }

    @Test
    void macrosInWholeText() throws DbLoadException {
        DbModel m = load("""
                record($(T=ai), "$(P)$(R)") {
                    field(DESC, "$(D=default desc)")
                    field(INP, "$(P)b.VAL PP MS")
                    field($(F), 1)
                }
                """, Map.of("P", "IOC:", "R", "a", "F", "HOPR"));
        RecordDecl r = m.record("IOC:a");
        assertEquals("ai", r.type());
        assertEquals("DESC=default desc;INP=IOC:b.VAL PP MS;HOPR=1", fieldsOf(r));
    }

    @Test
    void macroValueWithNewlineKeepsLineNumbers() {
        DbLoadException e = org.junit.jupiter.api.Assertions.assertThrows(DbLoadException.class,
                () -> load("record(ai, x) { field(DESC, $(V)) }\nrecord(ai, y) {\n  junk\n}\n",
                        Map.of("V", "\"a\"\n\n\n")));
        assertEquals("t.db:3: unexpected 'junk' in record body, expected field, info, alias, include or '}'",
                e.getMessage());
    }
}
