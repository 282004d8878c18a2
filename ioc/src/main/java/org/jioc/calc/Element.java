package org.jioc.calc;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** One named entry of the operand or operator table. */
final class Element {

    enum Kind {
        // operand position
        LETTER, VAL, CONSTANT, RANDOM, SPECIAL_LITERAL, OPEN_PAREN, PREFIX, FUNCTION2, VARARG,
        // operator position
        BINARY, CLOSE_PAREN, COMMA, QUESTION, COLON, ASSIGN, SEMICOLON
    }

    final String name;
    final Kind kind;
    /** Binding strength of a binary operator; higher binds tighter. */
    final int precedence;
    /** Input index for LETTER. */
    final int index;
    /** Value of a CONSTANT. */
    final double value;
    /** PREFIX operation (null for unary plus). */
    final DoubleUnaryOperator unary;
    /** BINARY or FUNCTION2 operation. */
    final DoubleBinaryOperator binary;
    /** VARARG function kind. */
    final Nodes.VarArgKind varArg;

    private Element(String name, Kind kind, int precedence, int index, double value,
                    DoubleUnaryOperator unary, DoubleBinaryOperator binary, Nodes.VarArgKind varArg) {
        this.name = name;
        this.kind = kind;
        this.precedence = precedence;
        this.index = index;
        this.value = value;
        this.unary = unary;
        this.binary = binary;
        this.varArg = varArg;
    }

    static Element of(String name, Kind kind) {
        return new Element(name, kind, 0, -1, 0, null, null, null);
    }

    static Element letter(int index) {
        return new Element(String.valueOf((char) ('A' + index)), Kind.LETTER, 0, index, 0, null, null, null);
    }

    static Element constant(String name, double value) {
        return new Element(name, Kind.CONSTANT, 0, -1, value, null, null, null);
    }

    static Element prefix(String name, DoubleUnaryOperator op) {
        return new Element(name, Kind.PREFIX, 0, -1, 0, op, null, null);
    }

    static Element function2(String name, DoubleBinaryOperator op) {
        return new Element(name, Kind.FUNCTION2, 0, -1, 0, null, op, null);
    }

    static Element varArg(String name, Nodes.VarArgKind kind) {
        return new Element(name, Kind.VARARG, 0, -1, 0, null, null, kind);
    }

    static Element binary(String name, int precedence, DoubleBinaryOperator op) {
        return new Element(name, Kind.BINARY, precedence, -1, 0, null, op, null);
    }

    @Override
    public String toString() {
        return name;
    }
}
