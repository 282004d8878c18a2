package org.jioc.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scratch layer over a {@link DbModel}: one load writes here, and only a load that
 * finishes without error is committed, so a failure never leaves half a file behind.
 * Records of the base model are copied on first change.
 */
final class ModelUpdate {
    private final DbModel base;
    private final LinkedHashMap<String, RecordDecl> touched = new LinkedHashMap<>();
    private final List<AliasDecl> newAliases = new ArrayList<>();
    private final Map<String, String> newTargets = new HashMap<>();

    ModelUpdate(DbModel base) {
        this.base = base;
    }

    private RecordDecl lookup(String name) {
        RecordDecl r = touched.get(name);
        return r != null ? r : base.record(name);
    }

    private String aliasTarget(String name) {
        String t = newTargets.get(name);
        return t != null ? t : base.aliasTarget(name);
    }

    private RecordDecl forUpdate(String name) {
        RecordDecl r = touched.get(name);
        if (r == null) {
            r = base.record(name).copy();
            touched.put(name, r);
        }
        return r;
    }

    /** Start or continue a record: {@code type} "*" means "an existing record of any type". */
    RecordDecl declareRecord(String type, String name, SourceLocation where) throws DbLoadException {
        Names.checkRecordName(name, "record", where);
        if (type.isEmpty()) {
            throw new DbLoadException(where, "record type can't be empty for record \"" + name + "\"");
        }
        RecordDecl existing = lookup(name);
        if (existing == null) {
            String target = aliasTarget(name);
            if (target != null) {
                throw new DbLoadException(where,
                        "record \"" + name + "\" can't be declared: it is an alias of \"" + target + "\"");
            }
            if (type.equals("*")) {
                throw new DbLoadException(where, "record \"" + name
                        + "\" not found (record type \"*\" only adds to an existing record)");
            }
            RecordDecl r = new RecordDecl(type, name, where);
            touched.put(name, r);
            return r;
        }
        if (!type.equals("*") && !type.equals(existing.type())) {
            throw new DbLoadException(where, "record " + name + " already defined with type "
                    + existing.type() + " at " + existing.where());
        }
        return forUpdate(name);
    }

    void addRecordAlias(RecordDecl rec, String alias, SourceLocation where) throws DbLoadException {
        checkAliasFree(alias, where);
        rec.addAlias(alias);
        newTargets.put(alias, rec.name());
    }

    void addAlias(String record, String alias, SourceLocation where) throws DbLoadException {
        Names.checkRecordName(alias, "alias", where);
        String real = record;
        if (lookup(real) == null) {
            real = aliasTarget(record);
            if (real == null) {
                throw new DbLoadException(where,
                        "alias \"" + alias + "\" refers to unknown record \"" + record + "\"");
            }
        }
        checkAliasFree(alias, where);
        newAliases.add(new AliasDecl(record, alias, where));
        newTargets.put(alias, real);
    }

    private void checkAliasFree(String alias, SourceLocation where) throws DbLoadException {
        Names.checkRecordName(alias, "alias", where);
        RecordDecl r = lookup(alias);
        if (r != null) {
            throw new DbLoadException(where, "alias \"" + alias
                    + "\" can't be created: a record of that name exists (" + r.where() + ")");
        }
        String target = aliasTarget(alias);
        if (target != null) {
            throw new DbLoadException(where,
                    "alias \"" + alias + "\" already exists for record \"" + target + "\"");
        }
    }

    void commit() {
        base.commit(touched, newAliases, newTargets);
    }
}
