package org.jioc.load;

import java.util.regex.Pattern;

/** Syntax checks on names, with the rules dbStatic applies when reading a database. */
final class Names {
    private static final Pattern FIELD_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");

    private Names() {
    }

    /** Record and alias names: not empty, and none of the characters EPICS rejects. */
    static void checkRecordName(String name, String what, SourceLocation where) throws DbLoadException {
        if (name.isEmpty()) {
            throw new DbLoadException(where, what + " name can't be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ' ' || c == '\t' || c == '"' || c == '\'' || c == '.' || c == '$' || c < ' ') {
                String shown = c < ' ' ? String.format("0x%02x", (int) c) : "'" + c + "'";
                throw new DbLoadException(where,
                        "bad character " + shown + " in " + what + " name \"" + name + "\"");
            }
        }
    }

    /** Field names are only checked for shape here; the core checks them against the type. */
    static void checkFieldName(String name, SourceLocation where) throws DbLoadException {
        if (!FIELD_NAME.matcher(name).matches()) {
            throw new DbLoadException(where, "invalid field name \"" + name
                    + "\" (field names are uppercase letters and digits)");
        }
    }
}
