package org.jioc.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One record as declared, possibly merged from several declarations of the same name
 * (EPICS lets a later {@code record(ai, "x")} or {@code record("*", "x")} add fields).
 * Read-only to the outside; the loader mutates private copies and swaps them in on success.
 */
public final class RecordDecl {
    private final String type;
    private final String name;
    private final SourceLocation where;
    // Keyed by field name: a repeated field keeps its first position, the last value wins.
    private final LinkedHashMap<String, FieldDecl> fields = new LinkedHashMap<>();
    private final LinkedHashMap<String, String> info = new LinkedHashMap<>();
    private final List<String> aliases = new ArrayList<>();

    RecordDecl(String type, String name, SourceLocation where) {
        this.type = type;
        this.name = name;
        this.where = where;
    }

    /** Record type as first declared, e.g. {@code "ai"}. */
    public String type() {
        return type;
    }

    public String name() {
        return name;
    }

    /** The first declaration of this record. */
    public SourceLocation where() {
        return where;
    }

    /** Fields in order of first appearance, each with its last value. */
    public List<FieldDecl> fields() {
        return List.copyOf(fields.values());
    }

    /** The declaration of one field, or null. */
    public FieldDecl field(String fieldName) {
        return fields.get(fieldName);
    }

    /** Info tags in insertion order (a repeated name keeps its position, last value wins). */
    public Map<String, String> info() {
        return Collections.unmodifiableMap(info);
    }

    /** Aliases declared with {@code alias("x")} inside the record body. */
    public List<String> aliases() {
        return Collections.unmodifiableList(aliases);
    }

    void putField(FieldDecl f) {
        fields.put(f.name(), f);
    }

    void putInfo(String infoName, String value) {
        info.put(infoName, value);
    }

    void addAlias(String alias) {
        aliases.add(alias);
    }

    /** Deep copy, so a failed load never touches the committed model's objects. */
    RecordDecl copy() {
        RecordDecl c = new RecordDecl(type, name, where);
        c.fields.putAll(fields);
        c.info.putAll(info);
        c.aliases.addAll(aliases);
        return c;
    }

    @Override
    public String toString() {
        return "record(" + type + ", \"" + name + "\") at " + where;
    }
}
