package org.jioc.autosave;

/**
 * C escapes in save-file values, as base's epicsStrnEscapedFromRaw writes them and epicsStrnRawFromEscaped (which
 * autosave's restore applies to every value) reads them back.
 */
final class EpicsEscapes {
    private EpicsEscapes() { }

    /** Raw text to its escaped form: backslash, quotes and control characters become C escapes. */
    static String escape(String raw) {
        StringBuilder b = null;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            String e = escapeOf(c);
            if (e == null) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(raw.length() + 8).append(raw, 0, i);
            b.append(e);
        }
        return b == null ? raw : b.toString();
    }

    private static String escapeOf(char c) {
        switch (c) {
            case '\u0007': return "\\a";
            case '\b': return "\\b";
            case '\f': return "\\f";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\u000b': return "\\v";
            case '\\': return "\\\\";
            case '\'': return "\\'";
            case '"': return "\\\"";
            default:
                if (c < 0x20 || c == 0x7f) return String.format("\\%03o", (int) c);
                return null;
        }
    }

    /** Escaped text back to raw: \a \b \f \n \r \t \v \\ \' \" \?, octal \ooo, hex \xhh; other \c is c. */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case 'a': b.append('\u0007'); break;
                case 'b': b.append('\b'); break;
                case 'f': b.append('\f'); break;
                case 'n': b.append('\n'); break;
                case 'r': b.append('\r'); break;
                case 't': b.append('\t'); break;
                case 'v': b.append('\u000b'); break;
                case 'x': {
                    int v = 0, k = 0;
                    while (k < 2 && i + 1 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(++i), 16);
                        k++;
                    }
                    if (k == 0) b.append('x');
                    else b.append((char) v);
                    break;
                }
                default:
                    if (n >= '0' && n <= '7') {
                        int v = n - '0', k = 1;
                        while (k < 3 && i + 1 < s.length() && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                            v = v * 8 + (s.charAt(++i) - '0');
                            k++;
                        }
                        b.append((char) v);
                    } else {
                        b.append(n); // \\ \' \" \? and unknown escapes: the character itself
                    }
            }
        }
        return b.toString();
    }
}
