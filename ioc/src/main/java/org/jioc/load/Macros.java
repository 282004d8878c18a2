package org.jioc.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Macro definitions and expansion with EPICS macLib semantics, for database loading and for
 * the st.cmd shell ({@code $(VAR)}/{@code ${VAR}} environment expansion).
 */
public final class Macros {
    private Macros() {
    }

    /**
     * Parses definitions in the dbLoadRecords form {@code "A=1,B=$(A)x,C=\"q,u\""}.
     * Whitespace around names, values and commas is ignored; quotes and backslash escapes
     * protect commas and '=' and are removed from names; values are kept raw (quotes and
     * references included) because macLib strips quotes and expands references only when a
     * value is used. A name without '=' maps to {@code null}, meaning "undefine it".
     *
     * @return name to raw value, in the order given (a repeated name keeps the last value)
     * @throws IllegalArgumentException on an unterminated quote or an empty name
     */
    public static Map<String, String> parseDefinitions(String defs) {
        Map<String, String> result = new LinkedHashMap<>();
        if (defs == null) {
            return result;
        }
        int n = defs.length();
        int i = 0;
        while (i < n) {
            char c = defs.charAt(i);
            if (c == ',' || Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int nameStart = i;
            i = scanTo(defs, i, "=,");
            String name = unquote(defs.substring(nameStart, i).stripTrailing());
            if (name.isEmpty()) {
                throw new IllegalArgumentException("empty macro name in \"" + defs + "\"");
            }
            if (i >= n || defs.charAt(i) == ',') {
                result.put(name, null);
                i++;
                continue;
            }
            i++; // '='
            while (i < n && Character.isWhitespace(defs.charAt(i))) {
                i++;
            }
            int valueStart = i;
            i = scanTo(defs, i, ",");
            result.put(name, defs.substring(valueStart, i).stripTrailing());
            i++;
        }
        return result;
    }

    /** Index of the first unquoted, unescaped character from {@code stops}, or the end. */
    private static int scanTo(String s, int i, String stops) {
        char quote = 0;
        int start = i;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                i++;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (stops.indexOf(c) >= 0) {
                return i;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in macro definitions \""
                    + s.substring(start) + "\"");
        }
        return i;
    }

    private static String unquote(String s) {
        StringBuilder b = new StringBuilder(s.length());
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0 && c == quote) {
                quote = 0;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (c == '\\' && i + 1 < s.length()) {
                b.append(s.charAt(++i));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Expands macro references in {@code text} as macLib's macExpandString does: {@code $(X)},
     * {@code ${X}}, {@code $(X=default)} (the default may contain references), nested names
     * {@code $(A$(B))}, scoped definitions {@code $(X,A=1)}. Quotes and escapes in {@code text}
     * are kept; {@code \$(X)} and anything inside single quotes are not expanded. A '$' not
     * followed by '(' or '{' is an ordinary character.
     *
     * @param lookup gives the raw (unexpanded) value of a macro, or null if it is undefined;
     *               values are expanded in turn when used
     * @throws UndefinedMacroException naming the first undefined macro without a default
     * @throws MacroException for a recursive definition or an unterminated reference
     */
    public static String expand(String text, Function<String, String> lookup) throws MacroException {
        return new MacroEngine(lookup).expand(text);
    }

    /** {@link #expand(String, Function)} with raw values from a map (null value = undefined). */
    public static String expand(String text, Map<String, String> macros) throws MacroException {
        return expand(text, macros::get);
    }
}
