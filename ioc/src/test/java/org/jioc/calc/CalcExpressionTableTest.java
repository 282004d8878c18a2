package org.jioc.calc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expression → result table, with inputs A..L = 1..12 (M..U = 13..21) and
 * VAL = 42. Cases follow the meaning of epics-base's epicsCalcTest.
 */
class CalcExpressionTableTest {

    static final double INF = Double.POSITIVE_INFINITY;
    static final double NAN = Double.NaN;
    static final double VAL = 42.0;

    static double[] inputs(int n) {
        double[] args = new double[n];
        for (int i = 0; i < n; i++) {
            args[i] = i + 1;
        }
        return args;
    }

    private static final List<Arguments> ROWS = new ArrayList<>();

    private static void row(String expr, double expected) {
        ROWS.add(Arguments.of(expr, expected));
    }

    private static int b(boolean v) {
        return v ? 1 : 0;
    }

    static Stream<Arguments> table() {
        ROWS.clear();
        // ---- literals
        row("0", 0);
        row("9", 9);
        row(".1", 0.1);
        row("0.1", 0.1);
        row("1.5e3", 1500);
        row("2E-2", 0.02);
        row("1.", 1);
        row("0X0", 0);
        row("0x10", 16);
        row("0x1F", 31);
        row("0x7fffffff", 2147483647.0);
        row("0x80000000", -2147483648.0);
        row("0xffffffff", -1);
        row("Inf", INF);
        row("Infinity", INF);
        row("inf", INF);
        row("NaN", NAN);
        row("  7  ", 7);
        // ---- operands and constants
        row("a", 1);
        row("A", 1);
        row("b", 2);
        row("F", 6);
        row("l", 12);
        row("VAL", VAL);
        row("val+1", VAL + 1);
        row("PI", Math.PI);
        row("D2R", Math.PI / 180);
        row("R2D", 180 / Math.PI);
        row("90*D2R", Math.PI / 2);
        row("S2R", Math.PI / 648000);
        row("R2S", 648000 / Math.PI);
        // ---- unary minus / plus / not
        row("-1", -1);
        row("-Inf", -INF);
        row("- -1", 1);
        row("-0x80000000", 2147483648.0);
        row("+3", 3);
        row("-+-2", 2);
        row("(1)", 1);
        row("!0", 1);
        row("!1", 0);
        row("!!0", 0);
        row("!NaN", 0);
        row("!-2", 0);
        row("~5", -6);
        row("~~5", 5);
        row("NOT 5", -6);
        row("not(0)", -1);
        // ---- functions
        row("ABS(1.0)", 1);
        row("ABS(-1.)", 1);
        row("abs -3", 3);
        row("ACOS(1.)", 0);
        row("ASIN(0.5)", Math.asin(0.5));
        row("ATAN(0.5)", Math.atan(0.5));
        row("ATAN2(1., 2.)", Math.atan2(2., 1.));
        row("ATAN2(-1, 0)", Math.PI);         // base swaps: ATAN2(x, y) = atan2(y, x)
        row("CEIL(0.5)", 1);
        row("CEIL(-0.5)", -0.0);
        row("COS(0.5)", Math.cos(0.5));
        row("COSH(0.5)", Math.cosh(0.5));
        row("EXP(1.)", Math.E);
        row("FLOOR(1.5)", 1);
        row("FLOOR(-1.5)", -2);
        row("FMOD(7.5, 2)", 1.5);
        row("FMOD(-7.5, 2)", -1.5);
        row("FMOD(1, 0)", NAN);
        row("LN(5.)", Math.log(5));
        row("LOG(5.)", Math.log10(5));
        row("LOG(1000)", 3);
        row("LOGE(2.)", Math.log(2));
        row("LOG(0)", -INF);
        row("LN(-1)", NAN);
        row("NINT(0.4)", 0);
        row("NINT(0.5)", 1);
        row("NINT(0.6)", 1);
        row("NINT(-0.4)", 0);
        row("NINT(-0.5)", -1);
        row("NINT(-0.6)", -1);
        row("SIN(0.5)", Math.sin(0.5));
        row("SINH(0.5)", Math.sinh(0.5));
        row("SQR(10.)", Math.sqrt(10));
        row("SQRT(16.)", 4);
        row("SQRT(-1)", NAN);
        row("TAN(0.5)", Math.tan(0.5));
        row("TANH(0.5)", Math.tanh(0.5));
        row("sin(pi/2)", 1);
        row("SINA", Math.sin(1));        // no word boundaries, as in base: SIN A
        row("SIN(A)**2", Math.pow(Math.sin(1), 2));
        row("ABS(-2)^2", 4);
        // FINITE / ISINF / ISNAN
        row("FINITE(0.)", 1);
        row("FINITE(Inf)", 0);
        row("FINITE(-Inf)", 0);
        row("FINITE(NaN)", 0);
        row("FINITE(0,1,2)", 1);
        row("FINITE(0,1,NaN)", 0);
        row("FINITE(0,Inf,2)", 0);
        row("FINITE(-Inf,1,2)", 0);
        row("ISINF(0.)", 0);
        row("ISINF(Inf)", 1);
        row("ISINF(-Inf)", 1);
        row("ISINF(NaN)", 0);
        row("ISNAN(0.)", 0);
        row("ISNAN(Inf)", 0);
        row("ISNAN(NaN)", 1);
        row("ISNAN(0,1,2)", 0);
        row("ISNAN(0,NaN,2)", 1);
        row("ISNAN(NaN,1,2)", 1);
        row("ISNAN(0,1,-Inf)", 0);
        row("ISNAN(1/0*0)", 1);
        // MAX / MIN (variadic, NaN wins)
        row("MAX(-99)", -99);
        row("MAX 4", 4);
        row("MAX(1., 2.)", 2);
        row("MAX(1., Inf)", INF);
        row("MAX(1., -Inf)", 1);
        row("MAX(1., NaN)", NAN);
        row("MAX(NaN, 1.)", NAN);
        row("MAX(3., 1., 2.)", 3);
        row("MAX(1., NaN, 2.)", NAN);
        row("MAX(1,2,3,4,5,6,7,8,9,10,11,12)", 12);
        row("MAX(5,4,3,2,1,0,-1,-2,-3,-4,-5,-6)", 5);
        row("MAX(-1,1,0)", 1);
        row("MIN(99)", 99);
        row("MIN(1., 2.)", 1);
        row("MIN(1., -Inf)", -INF);
        row("MIN(1., NaN)", NAN);
        row("MIN(NaN, 1.)", NAN);
        row("MIN(3., 2., 1.)", 1);
        row("MIN(1., 2., 3., NaN)", NAN);
        row("MIN(1,-1,0)", -1);
        row("MAX(MIN(0,2),MAX(0),MIN(3,2,1))", 1);
        row("MAX(A,B,C)+1", 4);
        row("min(a, b) * 10", 10);
        // ---- binary operators: arithmetic
        row("0 + 1", 1);
        row("Inf + -Inf", NAN);
        row("NaN + 0", NAN);
        row("0 - 1 - 2", -3);
        row("Inf - Inf", NAN);
        row("2 * 2", 4);
        row("0 * Inf", NAN);
        row("-Inf * -Inf", INF);
        row("2.0 / 3.0", 2.0 / 3.0);
        row("1.0 / 2.0 / 3.0", 1.0 / 6.0);
        row("1 / 0", INF);
        row("-1 / 0", -INF);
        row("0 / 0", NAN);
        row("Inf / Inf", NAN);
        row("7 % 4", 3);
        row("-7 % 4", -3);
        row("7 % -4", 3);
        row("63 % 16 % 6", 3);
        row("7.9 % 4.9", 3);             // integer operands: 7 % 4
        row("1 % 0", NAN);
        row("1 % 0.5", NAN);             // divisor truncates to 0
        row("2 ** 0.2", Math.pow(2, 0.2));
        row("2 ** -0.2", Math.pow(2, -0.2));
        row("-0.2 ** 2", 0.04);
        row("-0.2 ** -2", 25);
        row("2 ** 2 ** 3", 64);          // left-associative
        row("2 ^ 2 ^ 3", 64);
        row("(-0.2) ^ 2", 0.04);
        row("-2 ** 2", 4);               // unary binds tighter than power
        row("-2 ^ 2", 4);
        row("1 ^ NaN", 1);               // C pow
        row("(-1) ^ Inf", 1);
        row("(-8) ^ (1/3)", NAN);
        // ---- comparisons
        row("0 != 1", 1);
        row("0 != 0", 0);
        row("1 != 0 != 2", 1);
        row("NaN != NaN", 1);
        row("0 # 1", 1);
        row("0 # 0", 0);
        row("1 # 0 # 2", 1);
        row("0 < 1", 1);
        row("1 < 0", 0);
        row("2 < 0 < 2", 1);
        row("NaN < 0", 0);
        row("-Inf < Inf", 1);
        row("0 <= 0", 1);
        row("3 <= 2 <= 3", 1);
        row("NaN <= NaN", 0);
        row("0 = 1", 0);
        row("0 = 0", 1);
        row("2 = 2 = 1", 1);
        row("0 == 0", 1);
        row("2 == 2 == 1", 1);
        row("NaN == NaN", 0);
        row("Inf == Inf", 1);
        row("1 > 0", 1);
        row("2 > 0 > 2", 0);
        row("Inf > NaN", 0);
        row("0 >= 1", 0);
        row("3 >= 2 >= 3", 0);
        row("-Inf >= -Inf", 1);
        // ---- >? and <? (synApps max/min operators)
        row("3 >? 5", 5);
        row("3 <? 5", 3);
        row("1 >? NaN", NAN);
        row("2 | 4 >? 3", 6);            // looser than comparison, tighter than |
        row("1 + 2 >? 4 - 3", 3);
        // ---- logical
        row("0 && 0", 0);
        row("0 && 1", 0);
        row("1 && 0", 0);
        row("2 && 3", 1);
        row("NaN && 1", 1);
        row("0 || 0", 0);
        row("0 || 1", 1);
        row("1 || 0", 1);
        row("1 || 1", 1);
        // ---- bitwise and shifts
        row("7 & 4", 4);
        row("7 AND 4", 4);
        row("1 | 8", 9);
        row("1 OR 8", 9);
        row("3 XOR 9", 10);
        row("3 xor 9", 10);
        row("3 AND -2", 2);
        row("5.9 | 0", 5);
        row("1 << 2", 4);
        row("1 << 3 << 2", 32);
        row("1 << 33", 2);               // shift count masked to 5 bits
        row("8 >> 1", 4);
        row("64 >> 2 >> 1", 8);
        row("-16 >> 2", -4);
        row("8 >>> 1", 4);
        row("64 >>> 2 >>> 1", 8);
        row("-1 >>> 28", 15);
        row("-1 >>> 0", 4294967295.0);   // logical shift result is unsigned
        row("NaN | 0", 0);
        row("5000000000 | 0", 705032704);  // uint32 conversion keeps the low 32 bits
        // ---- precedence and associativity (base's relative priorities)
        row("1 | 3 XOR 1", (1 | 3) ^ 1);
        row("1 XOR 3 | 1", (1 ^ 3) | 1);
        row("3 | 1 & 2", 3 | (1 & 2));
        row("2 | 4 > 3", 2 | b(4 > 3));
        row("2 OR 4 > 3", 2 | b(4 > 3));
        row("2 XOR 3 >= 0", 2 ^ b(3 >= 0));
        row("2 | 1 - 3", 2 | (1 - 3));
        row("2 | 4 / 2", 2 | (4 / 2));
        row("1 | 2 ** 3", 1 | 8);
        row("3 << 2 & 10", (3 << 2) & 10);
        row("18 & 6 << 2", (18 & 6) << 2);
        row("36 >> 2 & 10", (36 >> 2) & 10);
        row("36 >>> 2 & 10", (36 >>> 2) & 10);
        row("18 & 20 >> 2", (18 & 20) >> 2);
        row("3 & 4 == 4", 3 & b(4 == 4));
        row("3 AND 4 == 4", 3 & b(4 == 4));
        row("1 << 2 != 4", 1 << b(2 != 4));
        row("16 >> 2 != 4", 16 >> b(2 != 4));
        row("0 < 1 ? 2 : 3", 2);
        row("1 <= 0 ? 2 : 3", 3);
        row("0 + -1", -1);
        row("0 - -1", 1);
        row("10 + 10 * 2", 30);
        row("20 + 20 / 2", 30);
        row("-1 + 1", 0);
        row("-1 - 2", -3);
        row("1 && 0 || 1", 1);
        row("0 || 1 && 0", 0);           // && binds tighter than ||
        row("2 * 3 % 4", 2);             // (2*3)%4
        row("2 + 3 * 4 ^ 2", 50);
        row("(1 | 2) ** 3", 27);
        row("1+(1|2)**3", 28);
        row("1+(1?(1<2):(1>2))*2", 3);
        row("((((A))))", 1);
        row("A+B*C-D/E", 1 + 6 - 0.8);
        // ---- conditionals
        row("0 ? 1 : 2", 2);
        row("1 ? 1 : 2", 1);
        row("Inf ? 1 : 2", 1);
        row("NaN ? 1 : 2", 1);
        row("0 ? 0 ? 2 : 3 : 4", 4);
        row("0 ? 1 ? 2 : 3 : 4", 4);
        row("1 ? 0 ? 2 : 3 : 4", 3);
        row("1 ? 1 ? 2 : 3 : 4", 2);
        row("0 ? 2 : 0 ? 3 : 4", 4);
        row("0 ? 2 : 1 ? 3 : 4", 3);
        row("1 ? 2 : 0 ? 3 : 4", 2);
        row("1 ? 2 : 1 ? 3 : 4", 2);
        row("0 ? 1 : 2 | 4", 6);
        row("1 ? 2 | 4 : 1", 6);
        row("0 ? 1 : 2 & 3", 2);
        row("0 ? 2 : 3 >= 1", 1);
        row("1 ? 0 == 1 : 2", 0);
        row("0 ? 1 : 2 + 4", 6);
        row("1 ? 2 * 4 : 1", 8);
        row("0 ? 1 : 2 ** 3", 8);
        row("1 ? 2 ** 3 : 1", 8);
        row("A > B ? A : B", 2);
        row("(A < B ? 10 : 20) + 1", 11);
        row("-1 ? 5 : 6", 5);
        // ---- assignments and ';'
        row("a := 0; a", 0);
        row("c := 0; c", 0);
        row("l := 0; l", 0);
        row("a; a := 0", 1);
        row("l; l := 0", 12);
        row("A := A + 1; A", 2);
        row("A := 5; B := A * 2; A + B", 15);
        row("B := A; A := B; A", 1);
        row("A := 1 ? 7 : 8; A", 7);
        row("a:=2;b:=3;a**b", 8);
        row(" A := 3 ; VAL + A ", VAL + 3);
        return ROWS.stream();
    }

    @ParameterizedTest(name = "[{index}] {0} = {1}")
    @MethodSource("table")
    void evaluatesLikeBase(String expr, double expected) throws CalcException {
        double actual = CalcExpression.compile(expr, 12).evaluate(inputs(12), VAL);
        assertClose(expr, expected, actual);
    }

    static void assertClose(String expr, double expected, double actual) {
        if (Double.isNaN(expected)) {
            assertTrue(Double.isNaN(actual), () -> expr + ": expected NaN, got " + actual);
        } else if (Double.isInfinite(expected) || expected == 0.0) {
            assertEquals(expected, actual, 0.0, expr);
        } else {
            assertEquals(expected, actual, 1e-12 * Math.max(1.0, Math.abs(expected)), expr);
        }
    }

    static Stream<Arguments> bitPatterns() {
        return Stream.of(
            // integer literals
            Arguments.of("0xaaaaaaaa AND 0xffff0000", 0xaaaa0000L),
            Arguments.of("0xaaaaaaaa OR 0xffff0000", 0xffffaaaaL),
            Arguments.of("0xaaaaaaaa XOR 0xffff0000", 0x5555aaaaL),
            Arguments.of("~0xaaaaaaaa", 0x55555555L),
            Arguments.of("~~0xaaaaaaaa", 0xaaaaaaaaL),
            Arguments.of("0xaaaaaaaa >> 8", 0xffaaaaaaL),
            Arguments.of("0x55555555 >> 8", 0x00555555L),
            Arguments.of("0xaaaaaaaa >>> 8", 0x00aaaaaaL),
            Arguments.of("0x55555555 >>> 8", 0x00555555L),
            Arguments.of("0xaaaaaaaa << 8", 0xaaaaaa00L),
            Arguments.of("0x55555555 << 8", 0x55555500L),
            // values assigned to inputs first
            Arguments.of("a:=0xaaaaaaaa; b:=0xffff0000; a AND b", 0xaaaa0000L),
            Arguments.of("a:=0xaaaaaaaa; b:=0xffff0000; a OR b", 0xffffaaaaL),
            Arguments.of("a:=0xaaaaaaaa; ~a", 0x55555555L),
            Arguments.of("a:=0xaaaaaaaa; a >> 8", 0xffaaaaaaL),
            Arguments.of("a:=0xaaaaaaaa; a >>> 8", 0x00aaaaaaL),
            Arguments.of("a:=0x55555555; a << 8", 0x55555500L),
            // non-integral doubles beyond int32: negative via int32, positive via uint32
            Arguments.of("-1431655766.1 OR 0", 0xaaaaaaaaL),
            Arguments.of("2863311530.1 OR 0", 0xaaaaaaaaL),
            Arguments.of("0 XOR -1431655766.1", 0xaaaaaaaaL),
            Arguments.of("0 XOR 2863311530.1", 0xaaaaaaaaL),
            Arguments.of("0xffffffff AND 2863311530.1", 0xaaaaaaaaL),
            Arguments.of("~ -1431655766.1", 0x55555555L),
            Arguments.of("~ 2863311530.1", 0x55555555L),
            Arguments.of("-1431655766.1 >> 0", 0xaaaaaaaaL),
            Arguments.of("2863311530.1 >>> 0.1", 0xaaaaaaaaL),
            Arguments.of("2863311530.1 << 0", 0xaaaaaaaaL));
    }

    /** Interpret a result as base's test does: the uint32 pattern of the value. */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("bitPatterns")
    void bitwiseConversionsKeepBit31(String expr, long expectedPattern) throws CalcException {
        double result = CalcExpression.compile(expr, 12).evaluate(inputs(12), 0);
        long pattern = result < 0 ? ((int) result) & 0xFFFF_FFFFL : ((long) result) & 0xFFFF_FFFFL;
        assertEquals(expectedPattern, pattern, () -> expr + " gave " + result);
    }
}
