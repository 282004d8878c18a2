package org.jioc.load;

/**
 * Translates C-style escapes in quoted field and info values, as dbStatic does before storing
 * them: \a \b \f \n \r \t \v \\ \' \" \?, octal \ooo, hex \xhh; any other escaped character
 * stands for itself.
 */
final class Escapes {
    private Escapes() {
    }

    static String translate(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                b.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'a' -> b.append('\u0007');
                case 'b' -> b.append('\b');
                case 'f' -> b.append('\f');
                case 'n' -> b.append('\n');
                case 'r' -> b.append('\r');
                case 't' -> b.append('\t');
                case 'v' -> b.append('\u000b');
                case 'x' -> {
                    int v = 0;
                    int digits = 0;
                    while (digits < 2 && i + 1 < n && Character.digit(s.charAt(i + 1), 16) >= 0) {
                        v = v * 16 + Character.digit(s.charAt(++i), 16);
                        digits++;
                    }
                    if (digits == 0) {
                        b.append('x');
                    } else {
                        b.append((char) v);
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        int digits = 1;
                        while (digits < 3 && i + 1 < n && s.charAt(i + 1) >= '0' && s.charAt(i + 1) <= '7') {
                            v = v * 8 + (s.charAt(++i) - '0');
                            digits++;
                        }
                        b.append((char) (v & 0xff));
                    } else {
                        b.append(e); // \\ \' \" \? and unknown escapes
                    }
                }
            }
        }
        return b.toString();
    }
}
