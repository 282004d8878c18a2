package org.jioc.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ConditionTest {
    private static PvValue num(double v) { return new PvValue(v, Double.toString(v), 0, true); }

    private static PvValue text(String s, double index) { return new PvValue(index, s, 0, true); }

    @Test
    void parsesNumericOperators() {
        Condition c = Condition.parse("S02BM-PSS:StaA:SecureM == 1");
        assertEquals("S02BM-PSS:StaA:SecureM", c.pv());
        assertEquals("S02BM-PSS:StaA:SecureM == 1", c.toString());
        assertTrue(c.test(num(1)));
        assertFalse(c.test(num(0)));
        assertTrue(Condition.parse("x:m1.RBV>=2.5").test(num(2.5)));
        assertFalse(Condition.parse("x:m1.RBV > 2.5").test(num(2.5)));
        assertTrue(Condition.parse("x:m1.RBV < -1").test(num(-2)));
        assertTrue(Condition.parse("x:m1.RBV <= -1").test(num(-1)));
        assertTrue(Condition.parse("x:m1.DMOV != 0").test(num(1)));
    }

    @Test
    void toleranceMeansWithin() {
        Condition c = Condition.parse("x:m1.RBV == 3 +- 0.01");
        assertEquals("x:m1.RBV == 3 +- 0.01", c.toString());
        assertTrue(c.test(num(3.009)));
        assertTrue(c.test(num(2.991)));
        assertFalse(c.test(num(3.02)));
    }

    @Test
    void textValuesCompareTheString() {
        Condition c = Condition.parse("x:Shutter == Closed");
        assertTrue(c.test(text("Closed", 1)));
        assertFalse(c.test(text("Open", 0)));
        Condition quoted = Condition.parse("x:Mode != \"Pink beam\"");
        assertTrue(quoted.test(text("Mono", 0)));
        assertFalse(quoted.test(text("Pink beam", 1)));
    }

    @Test
    void aDisconnectedPvSatisfiesNothing() {
        assertFalse(Condition.parse("x:a != 1").test(PvValue.DISCONNECTED));
        assertFalse(Condition.parse("x:a != Open").test(PvValue.DISCONNECTED));
    }

    @Test
    void badConditionsSayWhatIsWrong() {
        assertEquals("condition 'x:a 1' has no operator (== != > >= < <=)",
                assertThrows(IllegalArgumentException.class, () -> Condition.parse("x:a 1")).getMessage());
        assertEquals("condition 'x:a ==' has no value after ==",
                assertThrows(IllegalArgumentException.class, () -> Condition.parse("x:a ==")).getMessage());
        assertEquals("condition 'x:a > Open': > needs a number",
                assertThrows(IllegalArgumentException.class, () -> Condition.parse("x:a > Open")).getMessage());
        assertEquals("condition 'x:a > 1 +- 2': +- only goes with ==",
                assertThrows(IllegalArgumentException.class, () -> Condition.parse("x:a > 1 +- 2")).getMessage());
        assertEquals("condition 'x:a == 1 +- -2': bad tolerance '-2'",
                assertThrows(IllegalArgumentException.class, () -> Condition.parse("x:a == 1 +- -2")).getMessage());
        assertEquals("condition 'a b == 1': bad PV name 'a b'",
                assertThrows(IllegalArgumentException.class, () -> Condition.parse("a b == 1")).getMessage());
    }

    @Test
    void preconditionFailureNamesReasonAndValue() {
        Precondition p = Precondition.of(Condition.parse("x:StaB == 1"), "hutch B not searched");
        assertEquals(null, p.failure(num(1)));
        assertEquals("hutch B not searched (x:StaB is 0.0, needs x:StaB == 1)", p.failure(num(0)));
        assertEquals("x:StaB is disconnected, needs x:StaB == 1",
                Precondition.of(Condition.parse("x:StaB == 1")).failure(PvValue.DISCONNECTED));
    }
}
