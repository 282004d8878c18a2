package org.jioc.calc;

import java.util.ArrayList;
import java.util.List;

import org.jioc.calc.Element.Kind;

/**
 * Recursive-descent (precedence-climbing) translation of an infix calc
 * expression into a {@link Node} tree, following base's postfix.c rules:
 * <ul>
 * <li>statements separated by ';'; each is either {@code X := expr} or an
 *     expression, and exactly one statement must be an expression (the result);</li>
 * <li>{@code c ? a : b} binds loosest and nests to the right;</li>
 * <li>binary operators are all left-associative, from loosest:
 *     {@code | || OR XOR}, {@code & && AND << >> >>>}, {@code >? <?} (synApps),
 *     comparisons, {@code + -}, {@code * / %}, {@code ^ **};</li>
 * <li>prefix operators and functions bind tighter than any binary operator
 *     (so {@code -2^2} is 4); a one-argument function applies to the next
 *     operand with or without parentheses.</li>
 * </ul>
 */
final class Parser {
    /** Base's CALCPERFORM_STACK: the runtime stack depth must stay below this. */
    static final int STACK_LIMIT = 80;
    /** Guard against deep recursion (base's operator stack holds 80 entries). */
    private static final int NESTING_LIMIT = 80;

    private final Lexer lex;
    private final int maxInputs;
    private int nesting;

    Parser(String src, int maxInputs) {
        this.lex = new Lexer(src);
        this.maxInputs = maxInputs;
    }

    Node parse() throws CalcException {
        if (lex.src.isEmpty()) {
            throw lex.error("Empty expression", 0);
        }
        List<Node> statements = new ArrayList<>();
        int resultIndex = -1;
        while (true) {
            int start = lex.skipSpace();
            Node statement = statement();
            if (!(statement instanceof Nodes.Store)) {
                if (resultIndex >= 0) {
                    throw lex.error("Too many results: only one statement may yield a value,"
                            + " the others must be assignments", start);
                }
                resultIndex = statements.size();
            }
            statements.add(statement);
            Element op = lex.peekOperator();
            if (op != null && op.kind == Kind.SEMICOLON) {
                lex.consume(op);
                continue;
            }
            if (!lex.atEnd()) {
                throw unexpectedAfterOperand(op);
            }
            break;
        }
        if (resultIndex < 0) {
            throw lex.error("No result: every statement is an assignment", lex.src.length());
        }
        Node root = statements.size() == 1
                ? statements.get(0)
                : new Nodes.Sequence(statements.toArray(new Node[0]), resultIndex);
        if (root.depth() >= STACK_LIMIT) {
            throw lex.error("Expression too complex: runtime stack would exceed "
                    + (STACK_LIMIT - 1) + " entries", 0);
        }
        return root;
    }

    /** {@code X := expr} or a plain expression. */
    private Node statement() throws CalcException {
        int start = lex.skipSpace();
        Element first = lex.peekOperand();
        if (first != null && first.kind == Kind.LETTER) {
            lex.consume(first);
            Element op = lex.peekOperator();
            if (op != null && op.kind == Kind.ASSIGN) {
                checkInput(first, start);
                lex.consume(op);
                return new Nodes.Store(first.index, conditional());
            }
            lex.pos = start;
        }
        return conditional();
    }

    /** {@code binary [ '?' conditional ':' conditional ]}. */
    private Node conditional() throws CalcException {
        enter();
        Node result = binary(Grammar.P_OR);
        Element op = lex.peekOperator();
        if (op != null && op.kind == Kind.QUESTION) {
            int question = lex.pos;
            lex.consume(op);
            Node then = conditional();
            Element colon = lex.peekOperator();
            if (colon == null || colon.kind != Kind.COLON) {
                if (colon != null && colon.kind == Kind.ASSIGN) {
                    throw lex.error("Bad assignment target", lex.pos);
                }
                if (colon == null && !lex.atEnd()) {
                    throw unexpectedAfterOperand(null);
                }
                throw lex.error("Conditional '?' at position " + question + " has no matching ':'", lex.pos);
            }
            lex.consume(colon);
            result = new Nodes.Conditional(result, then, conditional());
        }
        leave();
        return result;
    }

    /** Left-associative binary operators binding at least as tightly as {@code minPrecedence}. */
    private Node binary(int minPrecedence) throws CalcException {
        Node left = unary();
        while (true) {
            Element op = lex.peekOperator();
            if (op == null || op.kind != Kind.BINARY || op.precedence < minPrecedence) {
                return left;
            }
            lex.consume(op);
            left = new Nodes.Binary(op.binary, left, binary(op.precedence + 1));
        }
    }

    /** An operand, possibly preceded by prefix operators or a function name. */
    private Node unary() throws CalcException {
        int start = lex.skipSpace();
        if (lex.atEnd()) {
            throw lex.error("Incomplete expression, operand missing", start);
        }
        if (lex.atNumber()) {
            return new Nodes.Const(lex.readNumber());
        }
        Element e = lex.peekOperand();
        if (e == null) {
            throw unexpectedOperand(start);
        }
        switch (e.kind) {
            case SPECIAL_LITERAL:
                return new Nodes.Const(lex.readNumber());
            case LETTER:
                checkInput(e, start);
                lex.consume(e);
                return new Nodes.Fetch(e.index);
            case VAL:
                lex.consume(e);
                return new Nodes.FetchVal();
            case CONSTANT:
                lex.consume(e);
                return new Nodes.Const(e.value);
            case RANDOM:
                lex.consume(e);
                return new Nodes.Random();
            case OPEN_PAREN: {
                lex.consume(e);
                enter();
                Node inner = conditional();
                expectClose(start);
                leave();
                return inner;
            }
            case PREFIX: {
                lex.consume(e);
                enter();
                Node operand = unary();
                leave();
                return e.unary == null ? operand : new Nodes.Unary(e.unary, operand);
            }
            case FUNCTION2: {
                lex.consume(e);
                List<Node> args = argumentList(e, start);
                if (args.size() != 2) {
                    throw lex.error(e.name + " takes exactly 2 arguments, got " + args.size(), start);
                }
                return new Nodes.Binary(e.binary, args.get(0), args.get(1));
            }
            case VARARG: {
                lex.consume(e);
                List<Node> args;
                if (lex.peekChar() == '(') {
                    args = argumentList(e, start);
                } else {
                    enter();
                    args = List.of(unary());
                    leave();
                }
                return new Nodes.VarArg(e.varArg, args.toArray(new Node[0]));
            }
            default:
                throw new AssertionError(e.kind);
        }
    }

    /** {@code '(' conditional { ',' conditional } ')'} after a function name. */
    private List<Node> argumentList(Element function, int functionPos) throws CalcException {
        if (lex.peekChar() != '(') {
            throw lex.error(function.name + " needs its arguments in parentheses", lex.pos);
        }
        int open = lex.pos;
        lex.pos++;
        enter();
        List<Node> args = new ArrayList<>();
        while (true) {
            args.add(conditional());
            Element op = lex.peekOperator();
            if (op != null && op.kind == Kind.COMMA) {
                lex.consume(op);
                continue;
            }
            if (op != null && op.kind == Kind.CLOSE_PAREN) {
                lex.consume(op);
                break;
            }
            throw unclosed(op, open);
        }
        leave();
        return args;
    }

    private void expectClose(int open) throws CalcException {
        Element op = lex.peekOperator();
        if (op != null && op.kind == Kind.CLOSE_PAREN) {
            lex.consume(op);
            return;
        }
        if (op != null && op.kind == Kind.COMMA) {
            throw lex.error("Comma outside a function's argument list"
                    + " (only ATAN2, FMOD, MAX, MIN, FINITE, ISNAN take several arguments)", lex.pos);
        }
        throw unclosed(op, open);
    }

    private CalcException unclosed(Element op, int open) {
        if (op == null && lex.atEnd()) {
            return lex.error("Parenthesis opened at position " + open + " is still open at end of expression",
                    lex.pos);
        }
        if (op != null && op.kind == Kind.SEMICOLON) {
            return lex.error("Parenthesis opened at position " + open + " is still open at ';'", lex.pos);
        }
        return unexpectedAfterOperand(op);
    }

    /** Something that cannot follow a complete operand. */
    private CalcException unexpectedAfterOperand(Element op) {
        int at = lex.skipSpace();
        if (op != null) {
            switch (op.kind) {
                case CLOSE_PAREN:
                    return lex.error("Close parenthesis without matching open", at);
                case COMMA:
                    return lex.error("Comma without enclosing function parentheses", at);
                case COLON:
                    return lex.error("':' without matching '?'", at);
                case ASSIGN:
                    return lex.error("Bad assignment target (only an input A-"
                            + lastLetter() + " at the start of a statement may be assigned)", at);
                default:
                    break;
            }
        }
        int word = wordStart(at);
        if (word < at) {
            // names match without word boundaries, so "FOO" reads as input F then "OO"
            return lex.error("Unknown identifier " + lex.describe(word), word);
        }
        return lex.error("Syntax error, unexpected " + lex.describe(at) + " after operand", at);
    }

    /** Start of the identifier-like word that a letter at {@code at} continues, or {@code at}. */
    private int wordStart(int at) {
        String src = lex.src;
        if (at >= src.length() || !Character.isLetter(src.charAt(at))) {
            return at;
        }
        int start = at;
        while (start > 0 && Character.isLetterOrDigit(src.charAt(start - 1))) {
            start--;
        }
        return start < at && Character.isLetter(src.charAt(start)) ? start : at;
    }

    /** Something that cannot start an operand. */
    private CalcException unexpectedOperand(int at) {
        char c = lex.src.charAt(at);
        if (Character.isLetter(c)) {
            int word = wordStart(at);
            return lex.error("Unknown identifier " + lex.describe(word), word);
        }
        Element op = Grammar.match(Grammar.OPERATORS, lex.src, at);
        if (op != null) {
            return lex.error("Operand expected before '" + op.name + "'", at);
        }
        return lex.error("Syntax error, unexpected " + lex.describe(at), at);
    }

    private void checkInput(Element letter, int at) throws CalcException {
        if (letter.index >= maxInputs) {
            throw lex.error("Input " + letter.name + " is out of range, inputs are A-" + lastLetter(), at);
        }
    }

    private char lastLetter() {
        return (char) ('A' + maxInputs - 1);
    }

    private void enter() throws CalcException {
        if (++nesting > NESTING_LIMIT) {
            throw lex.error("Expression nested too deeply", lex.pos);
        }
    }

    private void leave() {
        nesting--;
    }
}
