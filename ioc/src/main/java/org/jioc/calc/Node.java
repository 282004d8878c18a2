package org.jioc.calc;

/** One element of a compiled expression tree. Evaluation allocates nothing. */
abstract class Node {

    /** Evaluate with the inputs (A=0) and the record's current VAL. */
    abstract double eval(double[] args, double val);

    /**
     * Runtime stack depth base's postfix (RPN) code would need for this
     * sub-expression; used to reproduce the CALCPERFORM_STACK limit.
     */
    abstract int depth();

    /** Visit fetches and stores in the order the postfix code would run them. */
    abstract void usage(Usage usage);
}
