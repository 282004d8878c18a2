package org.jioc.load;

/**
 * Splits an expanded database text into tokens, following dbLex.l: bare words, double-quoted
 * strings (raw: escapes are translated later, only for values), punctuation, '#' comments and
 * '%' lines. Field values switch to JSON-style lexing because a value may be a JSON link.
 */
final class DbLexer {
    /** NORMAL: statements; VALUE: the start of a field/info value; JSON: inside { } or [ ]. */
    enum Mode { NORMAL, VALUE, JSON }

    private final SourceText src;
    private int pos;

    DbLexer(SourceText src) {
        this.src = src;
    }

    String file() {
        return src.file;
    }

    Token next(Mode mode) throws DbLoadException {
        String t = src.text;
        int n = t.length();
        while (pos < n) {
            char c = t.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                pos++;
            } else if (c == '#' || (c == '%' && mode == Mode.NORMAL)) {
                while (pos < n && t.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        if (pos >= n) {
            return new Token(Token.Kind.EOF, "", src.at(n));
        }
        int start = pos;
        char c = t.charAt(pos);
        if (c == '"') {
            return string(start);
        }
        if (isPunct(c, mode)) {
            pos++;
            return new Token(Token.Kind.PUNCT, String.valueOf(c), src.at(start));
        }
        while (pos < n && isBare(t.charAt(pos), mode)) {
            pos++;
        }
        if (pos == start) {
            String shown = c >= ' ' && c < 0x7f ? "'" + c + "'" : String.format("0x%02x", (int) c);
            throw new DbLoadException(src.at(start), "invalid character " + shown);
        }
        return new Token(Token.Kind.WORD, t.substring(start, pos), src.at(start));
    }

    private Token string(int start) throws DbLoadException {
        String t = src.text;
        int i = start + 1;
        while (i < t.length()) {
            char c = t.charAt(i);
            if (c == '"') {
                pos = i + 1;
                return new Token(Token.Kind.STRING, t.substring(start + 1, i), src.at(start));
            }
            if (c == '\n') {
                break;
            }
            i += (c == '\\' && i + 1 < t.length() && t.charAt(i + 1) != '\n') ? 2 : 1;
        }
        throw new DbLoadException(src.at(start), "unterminated string (closing quote missing)");
    }

    private static boolean isPunct(char c, Mode mode) {
        return switch (mode) {
            case NORMAL -> c == '{' || c == '}' || c == '(' || c == ')' || c == ',';
            case VALUE -> c == '{' || c == '}' || c == '(' || c == ')' || c == ',' || c == '[' || c == ']';
            case JSON -> c == '{' || c == '}' || c == '[' || c == ']' || c == ':' || c == ',';
        };
    }

    private static boolean isBare(char c, Mode mode) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '+' || c == '.') {
            return true;
        }
        return switch (mode) {
            case NORMAL -> c == ':' || c == '[' || c == ']' || c == '<' || c == '>' || c == ';';
            case VALUE -> c == ':' || c == '<' || c == '>' || c == ';';
            case JSON -> false;
        };
    }
}
