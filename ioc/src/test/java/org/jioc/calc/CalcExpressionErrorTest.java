package org.jioc.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Expressions that must not compile, with where and why. */
class CalcExpressionErrorTest {

    static Stream<Arguments> badExpressions() {
        return Stream.of(
            // expression, maxInputs, expected position, fragment of the message
            Arguments.of("", 12, 0, "Empty expression"),
            Arguments.of("   ", 12, 3, "operand missing"),
            // malformed literals
            Arguments.of("0x0.1", 12, 3, "unexpected '.'"),
            Arguments.of("0x", 12, 0, "hex literal"),
            Arguments.of("0x100000000", 12, 0, "exceeds 32 bits"),
            Arguments.of("1e999", 12, 0, "out of range"),
            Arguments.of(".", 12, 0, "numeric literal"),
            Arguments.of("1.5.3", 12, 3, "unexpected '.'"),
            Arguments.of("2E", 12, 1, "unexpected 'E'"),
            // missing operands
            Arguments.of("1*", 12, 2, "operand missing"),
            Arguments.of("*1", 12, 0, "Operand expected before '*'"),
            Arguments.of("A+*B", 12, 2, "Operand expected before '*'"),
            Arguments.of("-", 12, 1, "operand missing"),
            Arguments.of("SIN", 12, 3, "operand missing"),
            Arguments.of("MIN", 12, 3, "operand missing"),
            Arguments.of("MIN()", 12, 4, "Operand expected before ')'"),
            Arguments.of("MIN(A,)", 12, 6, "Operand expected before ')'"),
            Arguments.of("MIN(A,B,)", 12, 8, "Operand expected before ')'"),
            Arguments.of("MAX()", 12, 4, "Operand expected"),
            Arguments.of("MAX(A,)", 12, 6, "Operand expected"),
            Arguments.of("()", 12, 1, "Operand expected before ')'"),
            // unknown identifiers / trailing garbage
            Arguments.of("FOO", 12, 0, "Unknown identifier 'FOO'"),
            Arguments.of("A+X", 12, 2, "Unknown identifier 'X'"),
            Arguments.of("@", 12, 0, "unexpected '@'"),
            Arguments.of("A B", 12, 2, "unexpected 'B'"),
            Arguments.of("AB", 12, 0, "Unknown identifier 'AB'"),
            Arguments.of("1 2", 12, 2, "unexpected '2'"),
            Arguments.of("PIE", 12, 0, "Unknown identifier 'PIE'"),
            Arguments.of("SIN(A) + COSX", 12, 9, "Unknown identifier 'COSX'"),
            Arguments.of("A$", 12, 1, "unexpected '$'"),
            // inputs beyond maxInputs
            Arguments.of("M", 12, 0, "Input M is out of range, inputs are A-L"),
            Arguments.of("A+U", 12, 2, "Input U is out of range"),
            Arguments.of("M:=1;A", 12, 0, "Input M is out of range"),
            Arguments.of("C", 2, 0, "inputs are A-B"),
            Arguments.of("V", 21, 0, "Unknown identifier 'V'"),
            // parentheses
            Arguments.of("(1", 12, 2, "opened at position 0 is still open"),
            Arguments.of("((A+B)", 12, 6, "opened at position 0"),
            Arguments.of("MAX(1,2", 12, 7, "opened at position 3"),
            Arguments.of("1)", 12, 1, "Close parenthesis without matching open"),
            Arguments.of("(A))", 12, 3, "Close parenthesis without matching open"),
            Arguments.of(")", 12, 0, "Operand expected before ')'"),
            Arguments.of("(A;B)", 12, 2, "still open at ';'"),
            // commas
            Arguments.of("1,2", 12, 1, "Comma without enclosing function parentheses"),
            Arguments.of("(1,2)", 12, 2, "Comma outside a function's argument list"),
            Arguments.of("SIN(1,2)", 12, 5, "Comma outside"),
            Arguments.of("ATAN2(1)", 12, 0, "ATAN2 takes exactly 2 arguments, got 1"),
            Arguments.of("FMOD(1,2,3)", 12, 0, "FMOD takes exactly 2 arguments, got 3"),
            Arguments.of("ATAN2 1", 12, 6, "needs its arguments in parentheses"),
            // conditionals
            Arguments.of("1?", 12, 2, "operand missing"),
            Arguments.of("1?1", 12, 3, "'?' at position 1 has no matching ':'"),
            Arguments.of("(1?2)", 12, 4, "has no matching ':'"),
            Arguments.of("1?2;3", 12, 3, "has no matching ':'"),
            Arguments.of(":1", 12, 0, "Operand expected before ':'"),
            Arguments.of("1:2", 12, 1, "':' without matching '?'"),
            Arguments.of("1?2:3:4", 12, 5, "':' without matching '?'"),
            // assignments
            Arguments.of("1:=2", 12, 1, "Bad assignment target"),
            Arguments.of("VAL:=2", 12, 3, "Bad assignment target"),
            Arguments.of("A+B:=2", 12, 3, "Bad assignment target"),
            Arguments.of("A:=B:=2;A", 12, 4, "Bad assignment target"),
            Arguments.of("1?A:=2:3", 12, 3, "Bad assignment target"),
            Arguments.of("A:=", 12, 3, "operand missing"),
            // statements and results
            Arguments.of("A:=1", 12, 4, "No result"),
            Arguments.of("A:=1;B:=2", 12, 9, "No result"),
            Arguments.of("1;2", 12, 2, "Too many results"),
            Arguments.of("A;B:=1;C", 12, 7, "Too many results"),
            Arguments.of("A;", 12, 2, "operand missing"),
            Arguments.of(";A", 12, 0, "Operand expected before ';'"),
            Arguments.of("A;;B", 12, 2, "Operand expected before ';'"));
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @MethodSource("badExpressions")
    void rejects(String expr, int maxInputs, int position, String fragment) {
        CalcException e = assertThrows(CalcException.class, () -> CalcExpression.compile(expr, maxInputs));
        assertTrue(e.getMessage().contains(fragment), () -> "message was: " + e.getMessage());
        assertTrue(e.getMessage().endsWith(" in '" + expr + "'"), () -> "message was: " + e.getMessage());
        assertEquals(position, e.position(), () -> "message was: " + e.getMessage());
    }

    @Test
    void messageNamesPositionAndExpression() {
        CalcException e = assertThrows(CalcException.class, () -> CalcExpression.compile("A+*B", 12));
        assertEquals("Operand expected before '*' at position 2 in 'A+*B'", e.getMessage());
    }

    @Test
    void nullExpressionIsRejected() {
        CalcException e = assertThrows(CalcException.class, () -> CalcExpression.compile(null, 12));
        assertEquals(0, e.position());
    }

    @Test
    void runtimeStackLimitIsEnforcedLikeBase() throws CalcException {
        // base's evaluation stack has 80 entries: 79 pending values fit, 80 do not
        String ok = "MAX(" + "1,".repeat(78) + "1)";
        assertEquals(1.0, CalcExpression.compile(ok, 12).evaluate(new double[12], 0));
        String tooMany = "MAX(" + "1,".repeat(79) + "1)";
        CalcException e = assertThrows(CalcException.class, () -> CalcExpression.compile(tooMany, 12));
        assertTrue(e.getMessage().contains("too complex"), e.getMessage());
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String deep = "(".repeat(5000) + "1" + ")".repeat(5000);
        CalcException e = assertThrows(CalcException.class, () -> CalcExpression.compile(deep, 12));
        assertTrue(e.getMessage().contains("nested too deeply"), e.getMessage());
        String unary = "-".repeat(5000) + "1";
        assertThrows(CalcException.class, () -> CalcExpression.compile(unary, 12));
    }

    @Test
    void maxInputsOutsideOneToTwentyOneIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> CalcExpression.compile("A", 0));
        assertThrows(IllegalArgumentException.class, () -> CalcExpression.compile("A", 22));
    }
}
