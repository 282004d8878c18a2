package org.jioc.calc;

import static org.jioc.calc.Element.Kind;

/**
 * The element tables of the calc language, split like base's postfix.c into
 * things that may appear where an operand is expected and things that may
 * appear after an operand. Names match case-insensitively and, as in base,
 * without word boundaries: the longest name that prefixes the text wins
 * (so "ABS" beats input "A", and "SINA" reads as SIN A).
 */
final class Grammar {
    private Grammar() {
    }

    /** Highest number of inputs (A..U). */
    static final int MAX_LETTERS = 21;

    // Binary precedences, base's priorities scaled by ten; 25 is the synApps slot for >? and <?.
    static final int P_OR = 10;
    static final int P_AND = 20;
    static final int P_MAXMIN = 25;
    static final int P_COMPARE = 30;
    static final int P_ADD = 40;
    static final int P_MUL = 50;
    static final int P_POWER = 60;

    private static final double PI = Math.PI;

    static final Element[] OPERANDS = buildOperands();

    static final Element[] OPERATORS = {
        Element.binary("!=", P_COMPARE, (a, b) -> CMath.bool(a != b)),
        Element.binary("#", P_COMPARE, (a, b) -> CMath.bool(a != b)),
        Element.binary("%", P_MUL, CMath::modulo),
        Element.binary("&", P_AND, CMath::bitAnd),
        Element.binary("&&", P_AND, (a, b) -> CMath.bool(a != 0.0 && b != 0.0)),
        Element.of(")", Kind.CLOSE_PAREN),
        Element.binary("*", P_MUL, (a, b) -> a * b),
        Element.binary("**", P_POWER, CMath::pow),
        Element.binary("+", P_ADD, (a, b) -> a + b),
        Element.of(",", Kind.COMMA),
        Element.binary("-", P_ADD, (a, b) -> a - b),
        Element.binary("/", P_MUL, (a, b) -> a / b),
        Element.of(":", Kind.COLON),
        Element.of(":=", Kind.ASSIGN),
        Element.of(";", Kind.SEMICOLON),
        Element.binary("<", P_COMPARE, (a, b) -> CMath.bool(a < b)),
        Element.binary("<<", P_AND, CMath::shiftLeft),
        Element.binary("<=", P_COMPARE, (a, b) -> CMath.bool(a <= b)),
        Element.binary("<?", P_MAXMIN, CMath::min2),
        Element.binary("=", P_COMPARE, (a, b) -> CMath.bool(a == b)),
        Element.binary("==", P_COMPARE, (a, b) -> CMath.bool(a == b)),
        Element.binary(">", P_COMPARE, (a, b) -> CMath.bool(a > b)),
        Element.binary(">=", P_COMPARE, (a, b) -> CMath.bool(a >= b)),
        Element.binary(">>", P_AND, CMath::shiftRightArith),
        Element.binary(">>>", P_AND, CMath::shiftRightLogic),
        Element.binary(">?", P_MAXMIN, CMath::max2),
        Element.of("?", Kind.QUESTION),
        Element.binary("AND", P_AND, CMath::bitAnd),
        Element.binary("OR", P_OR, CMath::bitOr),
        Element.binary("XOR", P_OR, CMath::bitXor),
        Element.binary("^", P_POWER, CMath::pow),
        Element.binary("|", P_OR, CMath::bitOr),
        Element.binary("||", P_OR, (a, b) -> CMath.bool(a != 0.0 || b != 0.0)),
    };

    private static Element[] buildOperands() {
        Element[] named = {
            Element.prefix("!", CMath::notLogical),
            Element.of("(", Kind.OPEN_PAREN),
            Element.prefix("-", a -> -a),
            Element.prefix("+", null),
            Element.prefix("~", CMath::bitNot),
            Element.prefix("ABS", Math::abs),
            Element.prefix("ACOS", Math::acos),
            Element.prefix("ASIN", Math::asin),
            Element.prefix("ATAN", Math::atan),
            // base: ATAN2(a, b) computes atan2(b, a)
            Element.function2("ATAN2", (a, b) -> Math.atan2(b, a)),
            Element.prefix("CEIL", Math::ceil),
            Element.prefix("COS", Math::cos),
            Element.prefix("COSH", Math::cosh),
            Element.constant("D2R", PI / 180.0),
            Element.prefix("EXP", Math::exp),
            Element.varArg("FINITE", Nodes.VarArgKind.FINITE),
            Element.prefix("FLOOR", Math::floor),
            Element.function2("FMOD", (a, b) -> a % b),
            Element.of("INF", Kind.SPECIAL_LITERAL),
            Element.prefix("ISINF", CMath::isInf),
            Element.varArg("ISNAN", Nodes.VarArgKind.ISNAN),
            Element.prefix("LN", Math::log),
            Element.prefix("LOG", Math::log10),
            Element.prefix("LOGE", Math::log),
            Element.varArg("MAX", Nodes.VarArgKind.MAX),
            Element.varArg("MIN", Nodes.VarArgKind.MIN),
            Element.of("NAN", Kind.SPECIAL_LITERAL),
            Element.prefix("NINT", CMath::nint),
            Element.prefix("NOT", CMath::bitNot),
            Element.constant("PI", PI),
            Element.constant("R2D", 180.0 / PI),
            Element.constant("R2S", 180.0 * 3600.0 / PI),
            Element.of("RNDM", Kind.RANDOM),
            Element.constant("S2R", PI / (180.0 * 3600.0)),
            Element.prefix("SIN", Math::sin),
            Element.prefix("SINH", Math::sinh),
            Element.prefix("SQR", Math::sqrt),
            Element.prefix("SQRT", Math::sqrt),
            Element.prefix("TAN", Math::tan),
            Element.prefix("TANH", Math::tanh),
            Element.of("VAL", Kind.VAL),
        };
        Element[] all = new Element[named.length + MAX_LETTERS];
        System.arraycopy(named, 0, all, 0, named.length);
        for (int i = 0; i < MAX_LETTERS; i++) {
            all[named.length + i] = Element.letter(i);
        }
        return all;
    }

    /** The longest element of {@code table} that prefixes {@code src} at {@code pos}, or null. */
    static Element match(Element[] table, String src, int pos) {
        Element best = null;
        for (Element e : table) {
            int len = e.name.length();
            if ((best == null || len > best.name.length())
                    && src.regionMatches(true, pos, e.name, 0, len)) {
                best = e;
            }
        }
        return best;
    }
}
