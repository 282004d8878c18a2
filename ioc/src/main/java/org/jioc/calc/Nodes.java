package org.jioc.calc;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** The concrete expression-tree nodes. */
final class Nodes {
    private Nodes() {
    }

    /** A literal or named constant. */
    static final class Const extends Node {
        private final double value;

        Const(double value) {
            this.value = value;
        }

        @Override
        double eval(double[] args, double val) {
            return value;
        }

        @Override
        int depth() {
            return 1;
        }

        @Override
        void usage(Usage usage) {
        }
    }

    /** Reads input A..U. */
    static final class Fetch extends Node {
        private final int index;

        Fetch(int index) {
            this.index = index;
        }

        @Override
        double eval(double[] args, double val) {
            return args[index];
        }

        @Override
        int depth() {
            return 1;
        }

        @Override
        void usage(Usage usage) {
            usage.fetch(index);
        }
    }

    /** The VAL operand: the record's current value. */
    static final class FetchVal extends Node {
        @Override
        double eval(double[] args, double val) {
            return val;
        }

        @Override
        int depth() {
            return 1;
        }

        @Override
        void usage(Usage usage) {
        }
    }

    /** RNDM: uniformly distributed in [0, 1). */
    static final class Random extends Node {
        @Override
        double eval(double[] args, double val) {
            return ThreadLocalRandom.current().nextDouble();
        }

        @Override
        int depth() {
            return 1;
        }

        @Override
        void usage(Usage usage) {
        }
    }

    /** A prefix operator or one-argument function. */
    static final class Unary extends Node {
        private final DoubleUnaryOperator op;
        private final Node operand;

        Unary(DoubleUnaryOperator op, Node operand) {
            this.op = op;
            this.operand = operand;
        }

        @Override
        double eval(double[] args, double val) {
            return op.applyAsDouble(operand.eval(args, val));
        }

        @Override
        int depth() {
            return operand.depth();
        }

        @Override
        void usage(Usage usage) {
            operand.usage(usage);
        }
    }

    /** A binary operator or two-argument function; both sides are always evaluated, left first. */
    static final class Binary extends Node {
        private final DoubleBinaryOperator op;
        private final Node left;
        private final Node right;

        Binary(DoubleBinaryOperator op, Node left, Node right) {
            this.op = op;
            this.left = left;
            this.right = right;
        }

        @Override
        double eval(double[] args, double val) {
            double l = left.eval(args, val);
            return op.applyAsDouble(l, right.eval(args, val));
        }

        @Override
        int depth() {
            return Math.max(left.depth(), 1 + right.depth());
        }

        @Override
        void usage(Usage usage) {
            left.usage(usage);
            right.usage(usage);
        }
    }

    /** The functions taking any number (at least one) of arguments. */
    enum VarArgKind { MAX, MIN, FINITE, ISNAN }

    /** MAX, MIN, FINITE, ISNAN over one or more arguments. */
    static final class VarArg extends Node {
        private final VarArgKind kind;
        private final Node[] operands;

        VarArg(VarArgKind kind, Node[] operands) {
            this.kind = kind;
            this.operands = operands;
        }

        @Override
        double eval(double[] args, double val) {
            Node[] ops = operands;
            int last = ops.length - 1;
            switch (kind) {
                case MAX: {
                    // calcPerform folds from the last argument back to the first;
                    // operands are side-effect free, so evaluating in that order is exact.
                    double r = ops[last].eval(args, val);
                    for (int i = last - 1; i >= 0; i--) {
                        r = CMath.max2(ops[i].eval(args, val), r);
                    }
                    return r;
                }
                case MIN: {
                    double r = ops[last].eval(args, val);
                    for (int i = last - 1; i >= 0; i--) {
                        r = CMath.min2(ops[i].eval(args, val), r);
                    }
                    return r;
                }
                case FINITE: {
                    boolean all = true;
                    for (Node op : ops) {
                        double v = op.eval(args, val);
                        all &= !Double.isNaN(v) && !Double.isInfinite(v);
                    }
                    return CMath.bool(all);
                }
                case ISNAN: {
                    boolean any = false;
                    for (Node op : ops) {
                        any |= Double.isNaN(op.eval(args, val));
                    }
                    return CMath.bool(any);
                }
                default:
                    throw new AssertionError(kind);
            }
        }

        @Override
        int depth() {
            int d = 0;
            for (int i = 0; i < operands.length; i++) {
                d = Math.max(d, i + operands[i].depth());
            }
            return d;
        }

        @Override
        void usage(Usage usage) {
            for (Node op : operands) {
                op.usage(usage);
            }
        }
    }

    /** cond ? then : otherwise; a NaN condition counts as true, as in C. */
    static final class Conditional extends Node {
        private final Node cond;
        private final Node then;
        private final Node otherwise;

        Conditional(Node cond, Node then, Node otherwise) {
            this.cond = cond;
            this.then = then;
            this.otherwise = otherwise;
        }

        @Override
        double eval(double[] args, double val) {
            return cond.eval(args, val) == 0.0 ? otherwise.eval(args, val) : then.eval(args, val);
        }

        @Override
        int depth() {
            return Math.max(cond.depth(), Math.max(then.depth(), otherwise.depth()));
        }

        @Override
        void usage(Usage usage) {
            cond.usage(usage);
            then.usage(usage);
            otherwise.usage(usage);
        }
    }

    /** An assignment statement {@code X := expr}; it produces no result. */
    static final class Store extends Node {
        private final int index;
        private final Node value;

        Store(int index, Node value) {
            this.index = index;
            this.value = value;
        }

        @Override
        double eval(double[] args, double val) {
            double v = value.eval(args, val);
            args[index] = v;
            return v;
        }

        @Override
        int depth() {
            return value.depth();
        }

        @Override
        void usage(Usage usage) {
            value.usage(usage);
            usage.store(index);
        }
    }

    /** Statements separated by ';': all run in order, exactly one of them yields the result. */
    static final class Sequence extends Node {
        private final Node[] statements;
        private final int resultIndex;

        Sequence(Node[] statements, int resultIndex) {
            this.statements = statements;
            this.resultIndex = resultIndex;
        }

        @Override
        double eval(double[] args, double val) {
            double result = Double.NaN;
            Node[] s = statements;
            for (int i = 0; i < s.length; i++) {
                double v = s[i].eval(args, val);
                if (i == resultIndex) {
                    result = v;
                }
            }
            return result;
        }

        @Override
        int depth() {
            int d = 0;
            for (int i = 0; i < statements.length; i++) {
                int below = i > resultIndex ? 1 : 0;
                d = Math.max(d, below + statements[i].depth());
            }
            return d;
        }

        @Override
        void usage(Usage usage) {
            for (Node s : statements) {
                s.usage(usage);
            }
        }
    }
}
