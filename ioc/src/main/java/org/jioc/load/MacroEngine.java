package org.jioc.load;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The expansion rules of EPICS macLib, written afresh:
 * <ul>
 * <li>{@code $(NAME)} and {@code ${NAME}}; the name may itself contain references;</li>
 * <li>{@code $(NAME=default)}: the default is used (and expanded) only if NAME is undefined;</li>
 * <li>{@code $(NAME,A=1,B=2)}: A and B are defined only while expanding this reference;</li>
 * <li>macro values are expanded again when used (lazy), and self-reference is an error;</li>
 * <li>at the top level quotes and backslash escapes are copied through, {@code \$} stops a
 *     reference from being expanded, and nothing is expanded inside single quotes;</li>
 * <li>inside names, defaults and macro values quotes and escapes are removed.</li>
 * </ul>
 */
final class MacroEngine {
    private final Function<String, String> base;
    private final Deque<Map<String, String>> scopes = new ArrayDeque<>();
    private final Set<String> active = new HashSet<>();
    // > 0 while a default is only being skipped over: nothing may fail then.
    private int dryRun;

    MacroEngine(Function<String, String> base) {
        this.base = base;
    }

    String expand(String text) throws MacroException {
        StringBuilder out = new StringBuilder(text.length() + 16);
        trans(text, 0, "", 0, out);
        return out.toString();
    }

    /** Copies from {@code r} until a character in {@code term} (or the end); returns its index. */
    private int trans(String s, int r, String term, int level, StringBuilder out) throws MacroException {
        boolean discard = level > 0;
        char quote = 0;
        int n = s.length();
        while (r < n && term.indexOf(s.charAt(r)) < 0) {
            char c = s.charAt(r);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                    if (discard) {
                        r++;
                        continue;
                    }
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                if (discard) {
                    r++;
                    continue;
                }
            }
            boolean ref = c == '$' && r + 1 < n && (s.charAt(r + 1) == '(' || s.charAt(r + 1) == '{');
            if (ref && quote != '\'') {
                r = refer(s, r, level, out);
            } else if (c == '\\' && r + 1 < n) {
                if (!discard) {
                    out.append('\\');
                }
                out.append(s.charAt(r + 1));
                r += 2;
            } else {
                out.append(c);
                r++;
            }
        }
        return r;
    }

    /** Expands the reference starting at the '$' at {@code r}; returns the index after it. */
    private int refer(String s, int r, int level, StringBuilder out) throws MacroException {
        int n = s.length();
        char close = s.charAt(r + 1) == '(' ? ')' : '}';
        String nameEnd = "=," + close;
        String valueEnd = "," + close;
        StringBuilder nameBuf = new StringBuilder();
        int p = trans(s, r + 2, nameEnd, level + 1, nameBuf);
        String name = nameBuf.toString();

        int defaultStart = -1;
        if (p < n && s.charAt(p) == '=') {
            defaultStart = ++p;
            dryRun++;
            try {
                p = trans(s, p, valueEnd, level + 1, new StringBuilder());
            } finally {
                dryRun--;
            }
        }

        boolean pushed = false;
        try {
            while (p < n && s.charAt(p) == ',') {
                if (!pushed) {
                    scopes.push(new HashMap<>());
                    pushed = true;
                }
                StringBuilder sub = new StringBuilder();
                p = trans(s, p + 1, nameEnd, level + 1, sub);
                if (p < n && s.charAt(p) == '=') {
                    StringBuilder val = new StringBuilder();
                    p = trans(s, p + 1, valueEnd, level + 1, val);
                    scopes.peek().put(sub.toString(), val.toString());
                }
            }
            if (p >= n) {
                if (dryRun > 0) {
                    return n;
                }
                throw new MacroException(name, "unterminated macro reference " + s.substring(r));
            }

            String raw = lookup(name);
            if (raw != null) {
                if (active.contains(name)) {
                    if (dryRun == 0) {
                        throw new MacroException(name, "macro " + name + " is recursive");
                    }
                } else {
                    active.add(name);
                    try {
                        trans(raw, 0, "", level + 1, out);
                    } finally {
                        active.remove(name);
                    }
                }
            } else if (defaultStart >= 0) {
                trans(s, defaultStart, valueEnd, level + 1, out);
            } else if (dryRun == 0) {
                throw new UndefinedMacroException(name);
            }
            return p + 1;
        } finally {
            if (pushed) {
                scopes.pop();
            }
        }
    }

    private String lookup(String name) {
        for (Map<String, String> scope : scopes) {
            String v = scope.get(name);
            if (v != null) {
                return v;
            }
        }
        return base.apply(name);
    }
}
