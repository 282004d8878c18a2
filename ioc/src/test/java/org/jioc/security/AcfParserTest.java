package org.jioc.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.jioc.security.AcfConfig.Asg;
import org.jioc.security.AcfConfig.Rule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AcfParserTest {
    /** Resolves nothing but two test names, so tests do not depend on DNS. */
    static final HostResolver FAKE = h -> switch (h) {
        case "console1" -> Set.of("10.0.0.1");
        case "console2.example" -> Set.of("10.0.0.2", "10.0.0.3");
        default -> Set.of();
    };

    private static AcfConfig parse(String text) throws AcfException {
        return AcfParser.parse("test.acf", text, null, FAKE);
    }

    private static String error(String text) {
        return assertThrows(AcfException.class, () -> parse(text)).getMessage();
    }

    @Test
    void everyConstruct() throws Exception {
        AcfConfig c = parse(String.join("\n",
                "# operators and their consoles",
                "UAG(ops) {alice, \"bob smith\", carol}   # quoted names may hold spaces",
                "UAG(nobody)",
                "HAG(consoles) {Console1, console2.example, 192.168.1.7}",
                "ASG(DEFAULT) {",
                "    RULE(1, READ)",
                "}",
                "ASG(beam) {",
                "    INPA(\"perm:enable\")",
                "    INPB(perm:mode)",
                "    RULE(0, WRITE, TRAPWRITE) {",
                "        UAG(ops, nobody) HAG(consoles)",
                "        CALC(\"A=1 && B<2\")",
                "    }",
                "    RULE(1, RPC, NOTRAPWRITE)",
                "    RULE(1, NONE)",
                "}",
                "ASG(bare)",
                ""));
        assertEquals(List.of("alice", "bob smith", "carol"), c.uags().get("ops").users());
        assertEquals(List.of(), c.uags().get("nobody").users());
        assertEquals(List.of("console1", "console2.example", "192.168.1.7"), c.hags().get("consoles").hosts(),
                "host names are lower-cased");
        assertEquals(Set.of("10.0.0.1", "10.0.0.2", "10.0.0.3", "192.168.1.7"), c.hags().get("consoles").addresses(),
                "names resolved at load, numeric addresses kept");
        assertEquals(List.of("DEFAULT", "bare", "beam"), List.copyOf(c.asgs().keySet()), "groups in name order");
        Asg beam = c.asgs().get("beam");
        assertEquals(2, beam.inputs().size());
        assertEquals(0, beam.inputs().get(0).index());
        assertEquals("perm:enable", beam.inputs().get(0).pv());
        assertEquals("B", beam.inputs().get(1).letter());
        assertEquals("perm:mode", beam.inputs().get(1).pv());
        Rule r0 = beam.rules().get(0);
        assertEquals(0, r0.level());
        assertEquals(Access.WRITE, r0.access());
        assertTrue(r0.trapWrite());
        assertEquals(List.of("ops", "nobody"), r0.uags());
        assertEquals(List.of("consoles"), r0.hags());
        assertEquals("A=1 && B<2", r0.calc().source());
        assertEquals(0b11, r0.inputsUsed());
        Rule r1 = beam.rules().get(1);
        assertEquals(Access.RPC, r1.access());
        assertFalse(r1.trapWrite());
        assertNull(r1.calc());
        assertTrue(r1.uags().isEmpty() && r1.hags().isEmpty());
        assertEquals(Access.NONE, beam.rules().get(2).access());
        assertTrue(c.asgs().get("bare").rules().isEmpty());
        assertEquals(1, c.asgs().get("DEFAULT").rules().size());
    }

    @Test
    void defaultGroupIsAddedWithoutRulesWhenTheFileHasNone() throws Exception {
        AcfConfig c = parse("ASG(other) { RULE(1, WRITE) }");
        Asg def = c.asgs().get(AcfConfig.DEFAULT);
        assertTrue(def.rules().isEmpty() && def.inputs().isEmpty());
        assertEquals("DEFAULT", c.groupFor("not-in-file").name());
        assertEquals("DEFAULT", c.groupFor("").name());
        assertEquals("other", c.groupFor("other").name());
    }

    @Test
    void substitutionsExpandBeforeParsing(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("s.acf");
        Files.writeString(f, "UAG(u) { $(USER1), ${USER2} }\nASG(g) { INPA(\"$(P)enable\") RULE(1,WRITE) { UAG(u) } }\n");
        AcfConfig c = AcfParser.parse(f, "USER1=ann, USER2=ben, P=bl:", FAKE);
        assertEquals(List.of("ann", "ben"), c.uags().get("u").users());
        assertEquals("bl:enable", c.asgs().get("g").inputs().get(0).pv());
        String e = assertThrows(AcfException.class, () -> AcfParser.parse(f, "USER1=ann", FAKE)).getMessage();
        assertEquals(f + ":1: ", e.substring(0, f.toString().length() + 4));
        assertTrue(e.contains("USER2"), e);
    }

    @Test
    void errorsSayFileAndLine() {
        assertEquals("test.acf:2: expected '(' after UAG, found '{'", error("\nUAG {a}"));
        assertEquals("test.acf:3: Duplicate User Access Group named 'x'", error("UAG(x)\n\nUAG(x) {a}"));
        assertEquals("test.acf:1: Duplicate Host Access Group named 'h'", error("HAG(h) {a} HAG(h) {b}"));
        assertEquals("test.acf:2: Duplicate Access Security Group named 'g'", error("ASG(g)\nASG(g)"));
        assertEquals("test.acf:2: No User Access Group named 'ops' defined",
                error("ASG(g) {\n RULE(1, WRITE) { UAG(ops) }\n}"));
        assertEquals("test.acf:2: No Host Access Group named 'cr' defined",
                error("ASG(g) {\n RULE(1, WRITE) { HAG(cr) }\n}"));
        assertEquals("test.acf:1: RULE access must be NONE, READ, WRITE or RPC, found 'WRTE'",
                error("ASG(g) { RULE(1, WRTE) }"));
        assertEquals("test.acf:1: RULE level must be an integer, found 'one'", error("ASG(g) { RULE(one, READ) }"));
        assertEquals("test.acf:1: RULE: LEVEL must be positive: -1", error("ASG(g) { RULE(-1, READ) }"));
        assertEquals("test.acf:1: Log options must be TRAPWRITE or NOTRAPWRITE, found 'LOG'",
                error("ASG(g) { RULE(1, WRITE, LOG) }"));
        assertEquals("test.acf:3: Assignment operator used in CALC expression 'A:=1;A'",
                error("ASG(g) {\n INPA(x)\n RULE(1, WRITE) { CALC(\"A:=1;A\") }\n}"));
        assertTrue(error("ASG(g) {\n RULE(1, WRITE) { CALC(\"A+\") }\n}").startsWith("test.acf:2: "));
        assertTrue(error("ASG(g) {\n RULE(1, WRITE) { CALC(\"A+\") }\n}").endsWith(" in CALC expression 'A+'"));
        assertEquals("test.acf:2: Invalid character '='", error("UAG(a) {x}\nHAG(h) {a=b}"));
        assertEquals("test.acf:1: Newline in quoted string, closing quote missing", error("UAG(\"abc) {x}"));
        assertEquals("test.acf:1: ASG(g) { is not closed", error("ASG(g) {\n RULE(1, READ)\n"));
        assertEquals("test.acf:2: expected INPx or RULE in ASG(g), found 'UAG'", error("ASG(g) {\n UAG(x) }"));
        assertEquals("test.acf:1: expected UAG, HAG or ASG, found 'RULE'", error("RULE(1, READ)"));
        assertEquals("test.acf:1: INPA given twice in ASG(g)", error("ASG(g) { INPA(a) INPA(b) RULE(1,READ) }"));
        assertEquals("test.acf:1: expected a name in UAG(ops) { }, found '}'", error("UAG(ops) { }"));
        assertEquals("test.acf:1: expected INPx or RULE in ASG(g), found 'INPV'", error("ASG(g) { INPV(a) }"));
    }

    @Test
    void unreadableFileIsAnError(@TempDir Path dir) {
        Path missing = dir.resolve("none.acf");
        String e = assertThrows(AcfException.class, () -> AcfParser.parse(missing, null, FAKE)).getMessage();
        assertTrue(e.startsWith(missing + ":0: cannot read access configuration file"), e);
    }
}
