package org.jioc.calc;

/**
 * Character-level reading of an expression: whitespace, table lookups and
 * numeric literals. Keeps the current position; knows nothing of grammar.
 */
final class Lexer {
    final String src;
    int pos;

    Lexer(String src) {
        this.src = src;
    }

    CalcException error(String problem, int at) {
        return new CalcException(problem, at, src);
    }

    /** Skips C isspace() characters; returns the new position. */
    int skipSpace() {
        while (pos < src.length() && isSpace(src.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    boolean atEnd() {
        return skipSpace() >= src.length();
    }

    /** The character at the current position, after whitespace (0 at end). */
    char peekChar() {
        return atEnd() ? 0 : src.charAt(pos);
    }

    /** The operand-table element at the current position (after whitespace), or null. */
    Element peekOperand() {
        skipSpace();
        return Grammar.match(Grammar.OPERANDS, src, pos);
    }

    /** The operator-table element at the current position (after whitespace), or null. */
    Element peekOperator() {
        skipSpace();
        return Grammar.match(Grammar.OPERATORS, src, pos);
    }

    /** Moves past an element just returned by a peek. */
    void consume(Element e) {
        pos += e.name.length();
    }

    boolean atNumber() {
        char c = peekChar();
        return (c >= '0' && c <= '9') || c == '.';
    }

    /**
     * Reads a numeric literal at the current position: hex {@code 0x...}
     * (an unsigned 32-bit pattern, read as a signed int32 like base), a
     * decimal as strtod reads it, or Inf/Infinity/NaN.
     */
    double readNumber() throws CalcException {
        skipSpace();
        int start = pos;
        if (src.regionMatches(true, pos, "0x", 0, 2)) {
            return readHex(start);
        }
        if (src.regionMatches(true, pos, "INFINITY", 0, 8)) {
            pos += 8;
            return Double.POSITIVE_INFINITY;
        }
        if (src.regionMatches(true, pos, "INF", 0, 3)) {
            pos += 3;
            return Double.POSITIVE_INFINITY;
        }
        if (src.regionMatches(true, pos, "NAN", 0, 3)) {
            pos += 3;
            return Double.NaN;
        }
        int p = pos;
        int digits = 0;
        while (p < src.length() && isDigit(src.charAt(p))) {
            p++;
            digits++;
        }
        if (p < src.length() && src.charAt(p) == '.') {
            p++;
            while (p < src.length() && isDigit(src.charAt(p))) {
                p++;
                digits++;
            }
        }
        if (digits == 0) {
            throw error("Badly formed numeric literal", start);
        }
        if (p < src.length() && (src.charAt(p) == 'e' || src.charAt(p) == 'E')) {
            int q = p + 1;
            if (q < src.length() && (src.charAt(q) == '+' || src.charAt(q) == '-')) {
                q++;
            }
            if (q < src.length() && isDigit(src.charAt(q))) {
                while (q < src.length() && isDigit(src.charAt(q))) {
                    q++;
                }
                p = q;
            }
        }
        double value = Double.parseDouble(src.substring(start, p));
        if (Double.isInfinite(value)) {
            throw error("Numeric literal out of range", start);
        }
        pos = p;
        return value;
    }

    private double readHex(int start) throws CalcException {
        int p = start + 2;
        long value = 0;
        int digits = 0;
        while (p < src.length() && Character.digit(src.charAt(p), 16) >= 0 && src.charAt(p) < 128) {
            value = (value << 4) | Character.digit(src.charAt(p), 16);
            if (value > 0xFFFF_FFFFL) {
                throw error("Hex literal exceeds 32 bits", start);
            }
            p++;
            digits++;
        }
        if (digits == 0) {
            throw error("Badly formed hex literal", start);
        }
        pos = p;
        return (int) value;
    }

    /** A short description of the text at {@code at} for error messages. */
    String describe(int at) {
        if (at >= src.length()) {
            return "end of expression";
        }
        char c = src.charAt(at);
        if (Character.isLetter(c)) {
            int end = at;
            while (end < src.length() && (Character.isLetterOrDigit(src.charAt(end)) || src.charAt(end) == '_')) {
                end++;
            }
            return "'" + src.substring(at, end) + "'";
        }
        return "'" + c + "'";
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
