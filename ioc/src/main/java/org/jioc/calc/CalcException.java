package org.jioc.calc;

/**
 * A calc expression could not be compiled. The message names the problem, the
 * 0-based character position where it was detected and the expression text.
 */
public final class CalcException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int position;

    CalcException(String problem, int position, String source) {
        super(problem + " at position " + position + " in '" + source + "'");
        this.position = position;
    }

    /** 0-based index into the expression where the problem was found (its length for "at end"). */
    public int position() {
        return position;
    }
}
