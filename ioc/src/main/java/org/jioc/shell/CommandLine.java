package org.jioc.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an iocsh line into a command and its arguments. Both forms are accepted, as iocsh does:
 * {@code dbLoadRecords("a.db", "P=x")} and {@code dbLoadRecords a.db P=x}; quotes group, commas and parentheses
 * separate, a backslash escapes the next character.
 */
final class CommandLine {
    final String command;
    final List<String> args;

    private CommandLine(String command, List<String> args) {
        this.command = command;
        this.args = args;
    }

    /** Null for blank lines and comments. */
    static CommandLine parse(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#")) return null;
        if (t.startsWith("<")) return new CommandLine("<", List.of(t.substring(1).strip()));
        List<String> words = new ArrayList<>();
        StringBuilder cur = null;
        char quote = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (quote != 0) {
                if (c == '\\' && i + 1 < t.length()) {
                    cur.append(t.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                } else {
                    cur.append(c);
                }
                continue;
            }
            if (c == '#' && cur == null) break; // trailing comment
            if (c == '"' || c == '\'') {
                if (cur == null) cur = new StringBuilder();
                quote = c;
            } else if (c == '\\' && i + 1 < t.length()) {
                if (cur == null) cur = new StringBuilder();
                cur.append(t.charAt(++i));
            } else if (Character.isWhitespace(c) || c == ',' || c == '(' || c == ')') {
                if (cur != null) {
                    words.add(cur.toString());
                    cur = null;
                }
            } else {
                if (cur == null) cur = new StringBuilder();
                cur.append(c);
            }
        }
        if (quote != 0) throw new IllegalArgumentException("unterminated quote");
        if (cur != null) words.add(cur.toString());
        if (words.isEmpty()) return null;
        return new CommandLine(words.get(0), words.subList(1, words.size()));
    }

    String arg(int i) { return i < args.size() ? args.get(i) : null; }
}
