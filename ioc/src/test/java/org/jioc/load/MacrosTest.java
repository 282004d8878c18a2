package org.jioc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MacrosTest {

    private static Map<String, String> defs(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    static Stream<Arguments> definitions() {
        return Stream.of(
                Arguments.of("A=1,B=2", defs("A", "1", "B", "2")),
                Arguments.of(" A = 1 , B= two words ", defs("A", "1", "B", "two words")),
                Arguments.of("A=1,B=$(A)x", defs("A", "1", "B", "$(A)x")),
                Arguments.of("C=\"q,u\"", defs("C", "\"q,u\"")),
                Arguments.of("C='a=b,c'", defs("C", "'a=b,c'")),
                Arguments.of("E=a\\,b", defs("E", "a\\,b")),
                Arguments.of("\"N M\"=1", defs("N M", "1")),
                Arguments.of("A=", defs("A", "")),
                Arguments.of("A", defs("A", null)),
                Arguments.of("A=1,,B=2,", defs("A", "1", "B", "2")),
                Arguments.of("A=1,A=2", defs("A", "2")),
                Arguments.of("", defs()),
                Arguments.of("P=$(X=a,b)", defs("P", "$(X=a", "b)", null)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("definitions")
    void parsesDefinitions(String text, Map<String, String> expected) {
        assertEquals(expected, Macros.parseDefinitions(text));
    }

    @Test
    void parseDefinitionsRejectsUnterminatedQuoteAndEmptyName() {
        assertThrows(IllegalArgumentException.class, () -> Macros.parseDefinitions("A=\"abc"));
        assertThrows(IllegalArgumentException.class, () -> Macros.parseDefinitions("=1"));
    }

    static Stream<Arguments> expansions() {
        return Stream.of(
                Arguments.of("$(P)b", "P=a", "ab"),
                Arguments.of("${P}b", "P=a", "ab"),
                Arguments.of("$(P)$(P)", "P=x", "xx"),
                Arguments.of("no macros $ here $x", "", "no macros $ here $x"),
                Arguments.of("$(A$(B))", "B=1,A1=nested", "nested"),
                Arguments.of("$(A=dflt)", "", "dflt"),
                Arguments.of("$(A=dflt)", "A=set", "set"),
                Arguments.of("$(A=)", "", ""),
                Arguments.of("$(A=$(B)x)", "B=b", "bx"),
                Arguments.of("$(A=$(B=deep))", "", "deep"),
                Arguments.of("$(A=$(UNDEF))", "A=1", "1"),
                Arguments.of("${A=x}", "", "x"),
                Arguments.of("$(B)", "A=1,B=$(A)x", "1x"),
                Arguments.of("$(C)", "C=\"q,u\"", "q,u"),
                Arguments.of("$(C)", "C='$(A)'", "$(A)"),
                Arguments.of("$(E)", "E=a\\,b", "a,b"),
                Arguments.of("\"$(P)\"", "P=v", "\"v\""),
                Arguments.of("'$(P)' $(P)", "P=v", "'$(P)' v"),
                Arguments.of("\\$(P) $(P)", "P=v", "\\$(P) v"),
                Arguments.of("a\\nb", "", "a\\nb"),
                Arguments.of("$(X,Y=2)", "X=$(Y)", "2"),
                Arguments.of("$(X=$(Y),Y=3)", "", "3"),
                Arguments.of("$(P):$(R=ai)", "P=IOC", "IOC:ai"));
    }

    @ParameterizedTest(name = "[{index}] {0} with {1}")
    @MethodSource("expansions")
    void expandsLikeMacLib(String text, String defs, String expected) throws MacroException {
        assertEquals(expected, Macros.expand(text, Macros.parseDefinitions(defs)));
    }

    @Test
    void undefinedMacroIsNamed() {
        UndefinedMacroException e = assertThrows(UndefinedMacroException.class,
                () -> Macros.expand("x $(P) $(Q)", Map.of("P", "1")));
        assertEquals("Q", e.macroName());
        assertEquals("macro Q is undefined", e.getMessage());
    }

    @Test
    void undefinedInsideValueIsReported() {
        UndefinedMacroException e = assertThrows(UndefinedMacroException.class,
                () -> Macros.expand("$(A)", Map.of("A", "$(B)")));
        assertEquals("B", e.macroName());
    }

    @Test
    void recursionIsAnError() {
        MacroException e = assertThrows(MacroException.class,
                () -> Macros.expand("$(A)", Map.of("A", "x$(B)", "B", "$(A)")));
        assertEquals("macro A is recursive", e.getMessage());
    }

    @Test
    void unterminatedReferenceIsAnError() {
        MacroException e = assertThrows(MacroException.class, () -> Macros.expand("a $(P", Map.of("P", "1")));
        assertEquals("unterminated macro reference $(P", e.getMessage());
    }

    @Test
    void lookupFunctionServesEnvironmentStyleUse() throws MacroException {
        Map<String, String> env = new HashMap<>();
        env.put("TOP", "/opt/ioc");
        assertEquals("/opt/ioc/db/x.db", Macros.expand("${TOP}/db/x.db", env::get));
    }
}
