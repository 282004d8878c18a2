package org.jioc.calc;

/**
 * A compiled EPICS calc expression (the language of base's postfix.c and
 * calcPerform.c, used by the calc and calcout records' CALC/OCAL fields).
 * Compile once; {@link #evaluate} then runs without allocating. Instances are
 * immutable and may be evaluated from several threads (each with its own args).
 */
public final class CalcExpression {
    /** Inputs of the calc and calcout records: A..L. */
    public static final int CALC_INPUTS = 12;
    /** The most inputs supported: A..U. */
    public static final int MAX_INPUTS = Grammar.MAX_LETTERS;

    private final String source;
    private final Node root;
    private final int inputsRead;
    private final int inputsAssigned;
    private final int argsNeeded;

    private CalcExpression(String source, Node root) {
        this.source = source;
        this.root = root;
        Usage usage = new Usage();
        root.usage(usage);
        this.inputsRead = usage.read;
        this.inputsAssigned = usage.stored;
        this.argsNeeded = 32 - Integer.numberOfLeadingZeros(usage.touched);
    }

    /**
     * Compile; maxInputs is 12 (A–L, calc/calcout) or 21 (A–U, e.g. transform/sseq-like users).
     *
     * @throws CalcException if the expression is empty or malformed
     * @throws IllegalArgumentException if maxInputs is not in 1..21
     */
    public static CalcExpression compile(String expression, int maxInputs) throws CalcException {
        if (maxInputs < 1 || maxInputs > MAX_INPUTS) {
            throw new IllegalArgumentException("maxInputs must be 1.." + MAX_INPUTS + ", got " + maxInputs);
        }
        if (expression == null) {
            throw new CalcException("Empty expression", 0, "");
        }
        return new CalcExpression(expression, new Parser(expression, maxInputs).parse());
    }

    /**
     * Evaluate with inputs args[0..maxInputs-1] (A=0, B=1, ...). Assignments (A:=expr)
     * write into args. previousVal is what the operand VAL means (the record's current
     * VAL). Returns the result (NaN allowed).
     *
     * @throws IllegalArgumentException if args is too short for the inputs the expression uses
     */
    public double evaluate(double[] args, double previousVal) {
        if (args.length < argsNeeded) {
            throw new IllegalArgumentException("expression '" + source + "' uses " + argsNeeded
                    + " inputs, args has " + args.length);
        }
        return root.eval(args, previousVal);
    }

    /** Bit mask of inputs the expression reads before assigning them (bit 0 = A), as calcArgUsage. */
    public int inputsRead() {
        return inputsRead;
    }

    /** Bit mask of inputs the expression assigns (bit 0 = A). */
    public int inputsAssigned() {
        return inputsAssigned;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
