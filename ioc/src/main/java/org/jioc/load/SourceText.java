package org.jioc.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A database file after macro expansion, which (like dbLoadRecords) is done line by line
 * before parsing; it remembers where each original line starts in the expanded text so
 * tokens report the line they were written on, whatever the macros expanded to.
 */
final class SourceText {
    final String file;
    final String text;
    private final int[] lineStarts;

    private SourceText(String file, String text, int[] lineStarts) {
        this.file = file;
        this.text = text;
        this.lineStarts = lineStarts;
    }

    static SourceText expand(String file, String raw, Function<String, String> macros)
            throws DbLoadException {
        StringBuilder out = new StringBuilder(raw.length() + 64);
        List<Integer> starts = new ArrayList<>();
        int lineNo = 0;
        int pos = 0;
        while (pos < raw.length()) {
            int nl = raw.indexOf('\n', pos);
            int end = nl < 0 ? raw.length() : nl + 1;
            String line = raw.substring(pos, end);
            lineNo++;
            starts.add(out.length());
            // Comments are dropped by the parser anyway, so a macro mentioned only in a
            // comment must not make the load fail.
            int comment = commentStart(line);
            try {
                out.append(Macros.expand(line.substring(0, comment), macros));
            } catch (MacroException e) {
                throw new DbLoadException(new SourceLocation(file, lineNo), e.getMessage());
            }
            out.append(line, comment, line.length());
            pos = end;
        }
        if (starts.isEmpty()) {
            starts.add(0);
        }
        return new SourceText(file, out.toString(), starts.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Index of a '#' or '%' comment outside strings and macro references, or the line length. */
    private static int commentStart(String line) {
        int first = 0;
        while (first < line.length() && (line.charAt(first) == ' ' || line.charAt(first) == '\t')) {
            first++;
        }
        if (first < line.length() && line.charAt(first) == '%') {
            return first;
        }
        boolean inString = false;
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"' && depth == 0) {
                inString = !inString;
            } else if (c == '$' && i + 1 < line.length() && (line.charAt(i + 1) == '(' || line.charAt(i + 1) == '{')) {
                depth++;
                i++;
            } else if (depth > 0 && (c == ')' || c == '}')) {
                depth--;
            } else if (c == '#' && !inString && depth == 0) {
                return i;
            }
        }
        return line.length();
    }

    /** The 1-based original line that expanded text offset {@code offset} came from. */
    int lineAt(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo + 1;
    }

    SourceLocation at(int offset) {
        return new SourceLocation(file, lineAt(offset));
    }
}
