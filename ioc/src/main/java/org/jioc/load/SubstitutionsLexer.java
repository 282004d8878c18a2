package org.jioc.load;

/**
 * Tokens of a substitutions file, as dbLoadTemplate_lex.l: bare words, "..." or '...'
 * strings (kept raw), '=' ',' '{' '}', '#' comments. Bare words may also carry macro
 * references such as {@code $(P)} (msi accepts these; they are expanded later).
 */
final class SubstitutionsLexer {
    private final String file;
    private final String text;
    private int pos;
    private int line = 1;

    SubstitutionsLexer(String file, String text) {
        this.file = file;
        this.text = text;
    }

    Token next() throws DbLoadException {
        int n = text.length();
        while (pos < n) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                pos++;
            } else if (c == '#') {
                while (pos < n && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
        SourceLocation where = new SourceLocation(file, line);
        if (pos >= n) {
            return new Token(Token.Kind.EOF, "", where);
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            int i = pos + 1;
            while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                i += (text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) != '\n') ? 2 : 1;
            }
            if (i >= n || text.charAt(i) != c) {
                throw new DbLoadException(where, "unterminated string (closing quote missing)");
            }
            String raw = text.substring(pos + 1, i);
            pos = i + 1;
            return new Token(Token.Kind.STRING, raw, where);
        }
        if (c == '=' || c == ',' || c == '{' || c == '}') {
            pos++;
            return new Token(Token.Kind.PUNCT, String.valueOf(c), where);
        }
        int start = pos;
        while (pos < n) {
            char b = text.charAt(pos);
            if (isBare(b)) {
                pos++;
            } else if (b == '$' && pos + 1 < n && (text.charAt(pos + 1) == '(' || text.charAt(pos + 1) == '{')) {
                pos = skipReference(pos, where);
            } else {
                break;
            }
        }
        if (pos == start) {
            String shown = c >= ' ' && c < 0x7f ? "'" + c + "'" : String.format("0x%02x", (int) c);
            throw new DbLoadException(where, "invalid character " + shown);
        }
        return new Token(Token.Kind.WORD, text.substring(start, pos), where);
    }

    /** Index after the macro reference starting at {@code i}, nesting included. */
    private int skipReference(int i, SourceLocation where) throws DbLoadException {
        int depth = 0;
        for (int j = i; j < text.length() && text.charAt(j) != '\n'; j++) {
            char c = text.charAt(j);
            if (c == '(' || c == '{') {
                depth++;
            } else if (c == ')' || c == '}') {
                if (--depth == 0) {
                    return j + 1;
                }
            }
        }
        throw new DbLoadException(where, "unterminated macro reference " + text.substring(i,
                Math.min(text.length(), text.indexOf('\n', i) < 0 ? text.length() : text.indexOf('\n', i))));
    }

    private static boolean isBare(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "_-+:./\\[]<>;".indexOf(c) >= 0;
    }
}
