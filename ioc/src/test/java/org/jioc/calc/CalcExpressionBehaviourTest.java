package org.jioc.calc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Input usage masks, assignments, VAL, 21 inputs, RNDM and the no-allocation property. */
class CalcExpressionBehaviourTest {
    private static final int A = 1, B = 2, C = 4, D = 8, E = 16, F = 32, G = 64, H = 128;
    private static final int I = 256, J = 512, K = 1024, L = 2048;

    static Stream<Arguments> usage() {
        return Stream.of(
            Arguments.of("a", A, 0),
            Arguments.of("B", B, 0),
            Arguments.of("L", L, 0),
            Arguments.of("VAL+PI+RNDM", 0, 0),
            Arguments.of("A+B+C+D+E+F+G+H+I+J+K+L", A | B | C | D | E | F | G | H | I | J | K | L, 0),
            Arguments.of("0.1;A:=0", 0, A),
            Arguments.of("11.1;L:=0", 0, L),
            Arguments.of("12.1;A:=0;B:=A;C:=B;D:=C", 0, A | B | C | D),
            // a store hides later reads of the same input; reads before it count
            Arguments.of("13.1;B:=A;A:=B;C:=D;D:=C", A | D, A | B | C | D),
            Arguments.of("A:=A+1;A", A, A),
            Arguments.of("C ? D : E", C | D | E, 0),
            Arguments.of("MAX(F,G,H)", F | G | H, 0),
            Arguments.of("ATAN2(I,J) + FMOD(K,L)", I | J | K | L, 0));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("usage")
    void inputUsageMatchesCalcArgUsage(String expr, int read, int assigned) throws CalcException {
        CalcExpression calc = CalcExpression.compile(expr, 12);
        assertEquals(read, calc.inputsRead(), "read");
        assertEquals(assigned, calc.inputsAssigned(), "assigned");
    }

    @Test
    void assignmentsWriteIntoArgsInStatementOrder() throws CalcException {
        double[] args = CalcExpressionTableTest.inputs(12);
        CalcExpression calc = CalcExpression.compile("B := A * 10; A := B + 1; C := VAL; A + B + C", 12);
        double result = calc.evaluate(args, 100);
        assertEquals(10, args[1]);
        assertEquals(11, args[0]);
        assertEquals(100, args[2]);
        assertEquals(121, result);
        // a second evaluation sees the stored values
        assertEquals(11 * 10 + 111 + 100, calc.evaluate(args, 100));
    }

    @Test
    void resultStatementMayComeFirst() throws CalcException {
        double[] args = {5, 0, 0};
        CalcExpression calc = CalcExpression.compile("A * 2; A := 0; B := 7", 3);
        assertEquals(10, calc.evaluate(args, 0));
        assertArrayEquals(new double[] {0, 7, 0}, args);
    }

    @Test
    void valIsThePreviousValue() throws CalcException {
        CalcExpression counter = CalcExpression.compile("VAL >= 3 ? 0 : VAL + 1", 12);
        double val = 0;
        double[] args = new double[12];
        double[] seen = new double[6];
        for (int i = 0; i < seen.length; i++) {
            val = counter.evaluate(args, val);
            seen[i] = val;
        }
        assertArrayEquals(new double[] {1, 2, 3, 0, 1, 2}, seen);
        assertTrue(Double.isNaN(CalcExpression.compile("VAL", 12).evaluate(args, Double.NaN)));
    }

    @Test
    void twentyOneInputsAreAtoU() throws CalcException {
        double[] args = CalcExpressionTableTest.inputs(21);
        assertEquals(13, CalcExpression.compile("M", 21).evaluate(args, 0));
        assertEquals(21, CalcExpression.compile("U", 21).evaluate(args, 0));
        assertEquals(13 + 14 + 15 + 16 + 17 + 18 + 19 + 20 + 21,
            CalcExpression.compile("M+N+O+P+Q+R+S+T+U", 21).evaluate(args, 0));
        // longer names still win over the extra letters
        assertEquals(Math.max(13, 14), CalcExpression.compile("MAX(M,N)", 21).evaluate(args, 0));
        assertEquals(Math.sqrt(19), CalcExpression.compile("SQRT S", 21).evaluate(args, 0), 1e-15);
        assertEquals(Math.PI * 16, CalcExpression.compile("PI*P", 21).evaluate(args, 0), 1e-12);
        assertEquals(180 / Math.PI, CalcExpression.compile("R2D", 21).evaluate(args, 0), 1e-12);
        assertEquals(Math.tan(20), CalcExpression.compile("TAN T", 21).evaluate(args, 0), 1e-12);
        assertEquals(1, CalcExpression.compile("ISNAN(N/0*0)", 21).evaluate(args, 0));
        CalcExpression store = CalcExpression.compile("U := T + 1; U", 21);
        assertEquals(21, store.evaluate(args, 0));
        assertEquals(1 << 19, store.inputsRead());
        assertEquals(1 << 20, store.inputsAssigned());
    }

    @Test
    void argsShorterThanTheInputsUsedAreRejected() throws CalcException {
        CalcExpression calc = CalcExpression.compile("A + D", 12);
        assertThrows(IllegalArgumentException.class, () -> calc.evaluate(new double[3], 0));
        assertEquals(0, calc.evaluate(new double[4], 0));
    }

    @Test
    void randomIsWithinZeroToOneAndVaries() throws CalcException {
        CalcExpression calc = CalcExpression.compile("RNDM", 12);
        double[] args = new double[12];
        double min = 1, max = 0;
        for (int i = 0; i < 1000; i++) {
            double r = calc.evaluate(args, 0);
            assertTrue(r >= 0 && r <= 1, "rndm gave " + r);
            min = Math.min(min, r);
            max = Math.max(max, r);
        }
        assertTrue(max - min > 0.5, "rndm does not vary");
    }

    @Test
    void sourceIsKeptVerbatim() throws CalcException {
        CalcExpression calc = CalcExpression.compile(" a + b ", 12);
        assertEquals(" a + b ", calc.source());
        assertEquals(" a + b ", calc.toString());
    }

    @Test
    void evaluationDoesNotAllocate() throws CalcException {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported());
        mx.setThreadAllocatedMemoryEnabled(true);

        CalcExpression calc = CalcExpression.compile(
            "A := A + 1; B := MAX(A, C, D) ; (A > 5 ? SIN(A) : COS(B)) + (A AND 0xff) + FINITE(A, B) + RNDM + VAL", 12);
        double[] args = CalcExpressionTableTest.inputs(12);
        double sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += calc.evaluate(args, i);
        }
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 1_000_000; i++) {
            sink += calc.evaluate(args, i);
        }
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(!Double.isNaN(sink));
        // a boxed double per evaluation would be >= 16 MB here; allow for measurement noise
        assertTrue(allocated < 64 * 1024, "evaluate allocated " + allocated + " bytes over 1e6 calls");
    }
}
