package org.jioc.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jioc.load.MacroException;
import org.jioc.load.Macros;

/**
 * Splits an ACF into tokens as base's asLib_lex.l does: keywords (UAG HAG ASG RULE CALC INPA..INPU), names made of
 * {@code a-zA-Z0-9_-+:.[]<>;}, double-quoted strings (kept as written, escapes included), the punctuation
 * {@code ( ) { } ,}, and {@code #} comments to the end of the line. With substitutions (asSetSubstitutions) each
 * line is macro-expanded before it is split, as asInitFP does.
 */
final class AcfLexer {
    enum Kind { KEYWORD, NAME, STRING, PUNCT, END }

    record Token(Kind kind, String text, int line) {
        boolean is(String s) { return (kind == Kind.KEYWORD || kind == Kind.PUNCT) && text.equals(s); }

        /** A name or quoted string: what the grammar calls tokenSTRING. */
        boolean isString() { return kind == Kind.NAME || kind == Kind.STRING; }

        String describe() {
            switch (kind) {
                case END: return "end of file";
                case STRING: return "\"" + text + "\"";
                default: return "'" + text + "'";
            }
        }
    }

    private static final String NAME_CHARS = "_-+:.[]<>;";
    private static final List<String> KEYWORDS = List.of("UAG", "HAG", "ASG", "RULE", "CALC");

    private AcfLexer() { }

    static List<Token> tokens(String file, String text, Map<String, String> substitutions) throws AcfException {
        List<Token> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i];
            if (substitutions != null && line.indexOf('$') >= 0) {
                try {
                    line = Macros.expand(line, substitutions);
                } catch (MacroException e) {
                    throw new AcfException(file, lineNo, e.getMessage());
                }
            }
            scanLine(file, lineNo, line, out);
        }
        out.add(new Token(Kind.END, "", lines.length));
        return out;
    }

    private static void scanLine(String file, int lineNo, String s, List<Token> out) throws AcfException {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (c == '#') {
                return;
            } else if ("(){},".indexOf(c) >= 0) {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), lineNo));
                i++;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && s.charAt(j) != '"') {
                    if (s.charAt(j) == '\\' && j + 1 < n) j++;
                    j++;
                }
                if (j >= n) throw new AcfException(file, lineNo, "Newline in quoted string, closing quote missing");
                out.add(new Token(Kind.STRING, s.substring(i + 1, j), lineNo));
                i = j + 1;
            } else if (isNameChar(c)) {
                int j = i;
                while (j < n && isNameChar(s.charAt(j))) j++;
                String word = s.substring(i, j);
                boolean keyword = KEYWORDS.contains(word) || isInput(word);
                out.add(new Token(keyword ? Kind.KEYWORD : Kind.NAME, word, lineNo));
                i = j;
            } else {
                String shown = c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("0x%02x", (int) c);
                throw new AcfException(file, lineNo, "Invalid character " + shown);
            }
        }
    }

    private static boolean isNameChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || NAME_CHARS.indexOf(c) >= 0;
    }

    /** INPA .. INPU (base's calc engine has 21 inputs). */
    static boolean isInput(String word) {
        return word.length() == 4 && word.startsWith("INP") && word.charAt(3) >= 'A' && word.charAt(3) <= 'U';
    }
}
