package org.jioc.calc;

/**
 * Numeric helpers that reproduce the C conversions and library behaviour
 * calcPerform relies on, as compiled on x86-64 (the usual IOC host).
 */
final class CMath {
    private CMath() {
    }

    /** Unsigned 32-bit mask. */
    private static final long U32 = 0xFFFF_FFFFL;
    /** 2^31 and 2^63 as doubles. */
    private static final double TWO_31 = 2147483648.0;
    private static final double TWO_63 = 9.223372036854775808E18;

    /**
     * A plain C cast {@code (epicsInt32) d}: cvttsd2si yields INT_MIN for NaN
     * and for values outside the int32 range. Java's cast already saturates
     * negative overflow to MIN_VALUE; only NaN and positive overflow differ.
     */
    static int toInt32(double d) {
        if (d != d || d >= TWO_31) {
            return Integer.MIN_VALUE;
        }
        return (int) d;
    }

    /**
     * calcPerform's d2i(): negative values go through int32, others through
     * uint32 (so 0x80000000..0xFFFFFFFF keep their bit pattern). A uint32 cast
     * on x86-64 converts through int64 and keeps the low 32 bits; NaN and
     * values of 2^63 or more give the int64 "indefinite" value, whose low
     * 32 bits are zero.
     */
    static int d2i(double d) {
        if (d < 0) {
            return (int) d;
        }
        if (!(d < TWO_63)) {
            return 0;
        }
        return (int) (long) d;
    }

    static double bool(boolean b) {
        return b ? 1.0 : 0.0;
    }

    static double bitOr(double a, double b) {
        return d2i(a) | d2i(b);
    }

    static double bitAnd(double a, double b) {
        return d2i(a) & d2i(b);
    }

    static double bitXor(double a, double b) {
        return d2i(a) ^ d2i(b);
    }

    static double bitNot(double a) {
        return ~d2i(a);
    }

    static double shiftLeft(double a, double b) {
        return d2i(a) << (d2i(b) & 31);
    }

    static double shiftRightArith(double a, double b) {
        return d2i(a) >> (d2i(b) & 31);
    }

    /** Logical shift of the unsigned pattern; the result is non-negative. */
    static double shiftRightLogic(double a, double b) {
        return (d2i(a) >>> (d2i(b) & 31)) & U32;
    }

    /** Integer modulo; a zero divisor gives NaN. */
    static double modulo(double a, double b) {
        int divisor = toInt32(b);
        if (divisor == 0) {
            return Double.NaN;
        }
        return toInt32(a) % divisor;
    }

    /** C99 pow(): differs from Math.pow for base 1 and for base -1 with an infinite exponent. */
    static double pow(double x, double y) {
        if (x == 1.0) {
            return 1.0;
        }
        if (x == -1.0 && Double.isInfinite(y)) {
            return 1.0;
        }
        return Math.pow(x, y);
    }

    /** Round half away from zero, then truncate to int32 like base's NINT. */
    static double nint(double x) {
        return toInt32(x >= 0 ? x + 0.5 : x - 0.5);
    }

    /** One step of calcPerform's MAX: keeps b if a &lt; b or b is NaN. */
    static double max2(double a, double b) {
        return (a < b || b != b) ? b : a;
    }

    /** One step of calcPerform's MIN: keeps b if a &gt; b or b is NaN. */
    static double min2(double a, double b) {
        return (a > b || b != b) ? b : a;
    }

    static double notLogical(double a) {
        return bool(a == 0.0);
    }

    static double isInf(double a) {
        return bool(Double.isInfinite(a));
    }
}
