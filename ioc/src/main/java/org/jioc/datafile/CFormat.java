package org.jioc.datafile;

/**
 * The part of C printf that areaDetector file templates use: the arguments are FilePath, FileName (strings) and
 * FileNumber (an integer), consumed in that order; as in C, a template may stop using them early ({@code %s%s.dat}
 * for one file that scans are appended to). Each conversion is {@code %[-0 +#][width][.precision](s|d|i|u)}, and
 * {@code %%}. Integer precision pads with zeros as in C ({@code %3.3d} of 7 is "007"); string precision truncates.
 */
final class CFormat {
    private CFormat() {}

    static String format(String template, String path, String name, int number) {
        if (template == null || template.isEmpty()) throw new DataFileException("FileTemplate is empty");
        StringBuilder out = new StringBuilder();
        Object[] args = {path, name, number};
        int next = 0;
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i++);
            if (c != '%') { out.append(c); continue; }
            if (i < template.length() && template.charAt(i) == '%') { out.append('%'); i++; continue; }
            int specStart = i - 1;
            boolean left = false, zero = false, plus = false, space = false;
            while (i < template.length() && "-0 +#".indexOf(template.charAt(i)) >= 0) {
                char f = template.charAt(i++);
                left |= f == '-'; zero |= f == '0'; plus |= f == '+'; space |= f == ' ';
            }
            int width = 0;
            while (i < template.length() && Character.isDigit(template.charAt(i))) width = width * 10 + (template.charAt(i++) - '0');
            int precision = -1;
            if (i < template.length() && template.charAt(i) == '.') {
                i++;
                precision = 0;
                while (i < template.length() && Character.isDigit(template.charAt(i))) precision = precision * 10 + (template.charAt(i++) - '0');
            }
            if (i >= template.length()) throw bad(template, "ends inside a conversion");
            char conv = template.charAt(i++);
            String spec = template.substring(specStart, i);
            if (next >= 3) throw bad(template, "has more than three conversions (path, name, number)");
            String text;
            if (conv == 's') {
                if (next == 2) throw bad(template, spec + " where the file number (an integer) is expected");
                text = (String) args[next];
                if (precision >= 0 && text.length() > precision) text = text.substring(0, precision);
                zero = false;
            } else if (conv == 'd' || conv == 'i' || conv == 'u') {
                if (next != 2) throw bad(template, spec + " where " + (next == 0 ? "the path" : "the name") + " (a string) is expected");
                long v = conv == 'u' ? Integer.toUnsignedLong(number) : number;
                String digits = Long.toString(Math.abs(v));
                if (precision >= 0) {
                    zero = false;
                    if (precision == 0 && v == 0) digits = "";
                    while (digits.length() < precision) digits = "0" + digits;
                }
                String sign = v < 0 ? "-" : plus ? "+" : space ? " " : "";
                if (zero && !left) while (sign.length() + digits.length() < width) digits = "0" + digits;
                text = sign + digits;
            } else {
                throw bad(template, "conversion " + spec + " is not %s or %d");
            }
            next++;
            StringBuilder padded = new StringBuilder(text);
            while (padded.length() < width) {
                if (left) padded.append(' ');
                else padded.insert(0, ' ');
            }
            out.append(padded);
        }
        return out.toString();
    }

    private static DataFileException bad(String template, String why) {
        return new DataFileException("FileTemplate '" + template + "' " + why);
    }
}
