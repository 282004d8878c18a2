package org.jioc.autosave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Expected strings are what C's printf("%.14g") / ("%.7g") prints for the same binary values. */
class CFormatTest {
    @Test
    void doublesAsPercentPoint14g() {
        assertEquals("0.33333333333333", CFormat.g(1.0 / 3, 14));
        assertEquals("1e+20", CFormat.g(1e20, 14));
        assertEquals("1.2345678901235e+17", CFormat.g(123456789012345678.0, 14));
        assertEquals("0.0001", CFormat.g(0.0001, 14));
        assertEquals("1e-05", CFormat.g(0.00001, 14));
        assertEquals("100", CFormat.g(100.0, 14));
        assertEquals("-0.1", CFormat.g(-0.1, 14));
        assertEquals("10", CFormat.g(9.99999999999995, 14));
        assertEquals("123456.78901235", CFormat.g(123456.78901234567, 14));
        assertEquals("4.9406564584125e-324", CFormat.g(Double.MIN_VALUE, 14));
        assertEquals("nan", CFormat.g(Double.NaN, 14));
        assertEquals("-inf", CFormat.g(Double.NEGATIVE_INFINITY, 14));
        assertEquals("0", CFormat.g(0.0, 14));
    }

    @Test
    void floatsAsPercentPoint7g() {
        assertEquals("3.141593", CFormat.g(3.14159265f, 7));
        assertEquals("0.1", CFormat.g(0.1f, 7));
        assertEquals("1e+10", CFormat.g(1e10f, 7));
        assertEquals("1.234568e+08", CFormat.g(123456789f, 7));
    }

    @Test
    void savedDoublesReadBackExactly() {
        for (double v : new double[] {0.1, 1.0 / 3, 6.02214076e23, -1e-300, 123456.78901234}) {
            double back = CFormat.parseDouble(CFormat.g(v, 17));
            assertEquals(v, back, 0.0);
        }
        assertTrue(Double.isNaN(CFormat.parseDouble("nan")));
        assertEquals(Double.POSITIVE_INFINITY, CFormat.parseDouble("inf"));
        assertEquals(Double.NEGATIVE_INFINITY, CFormat.parseDouble("-Infinity"));
        assertEquals(16.0, CFormat.parseDouble("0x10"));
        assertThrows(NumberFormatException.class, () -> CFormat.parseDouble("1.5x"));
        assertThrows(NumberFormatException.class, () -> CFormat.parseDouble("1d"));
        assertThrows(NumberFormatException.class, () -> CFormat.parseDouble(""));
    }

    @Test
    void escapesRoundTrip() {
        String raw = "tab\t nl\n quote\" apos' back\\ bell\u0007 del\u007f µ";
        String esc = EpicsEscapes.escape(raw);
        assertEquals("tab\\t nl\\n quote\\\" apos\\' back\\\\ bell\\a del\\177 µ", esc);
        assertEquals(raw, EpicsEscapes.unescape(esc));
        assertEquals("A\u0001", EpicsEscapes.unescape("\\x41\\1"));
    }
}
