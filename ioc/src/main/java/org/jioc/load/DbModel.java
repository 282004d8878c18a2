package org.jioc.load;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything loaded so far: several dbLoadRecords/dbLoadTemplate calls add to one model.
 * Only complete, successful loads are ever visible here (see {@link ModelUpdate}).
 */
public final class DbModel {
    private final LinkedHashMap<String, RecordDecl> records = new LinkedHashMap<>();
    private final List<AliasDecl> aliases = new ArrayList<>();
    // Every alias name (from top-level statements and record bodies) to its record name.
    private final Map<String, String> aliasTargets = new HashMap<>();

    /** Records in load order (a merged record stays where it was first declared). */
    public Collection<RecordDecl> records() {
        return Collections.unmodifiableCollection(records.values());
    }

    /** Top-level {@code alias(rec, alias)} statements in load order. */
    public List<AliasDecl> aliases() {
        return Collections.unmodifiableList(aliases);
    }

    /** The record with exactly this name, or null (aliases are not followed). */
    public RecordDecl record(String name) {
        return records.get(name);
    }

    /** The record with this name or alias, or null. */
    public RecordDecl resolve(String nameOrAlias) {
        RecordDecl r = records.get(nameOrAlias);
        if (r != null) {
            return r;
        }
        String target = aliasTargets.get(nameOrAlias);
        return target == null ? null : records.get(target);
    }

    /** The record an alias refers to, or null if the name is not an alias. */
    public String aliasTarget(String alias) {
        return aliasTargets.get(alias);
    }

    void commit(Map<String, RecordDecl> changed, List<AliasDecl> newAliases,
            Map<String, String> newTargets) {
        // put() on an existing key keeps its position: merged records keep load order.
        records.putAll(changed);
        aliases.addAll(newAliases);
        aliasTargets.putAll(newTargets);
    }
}
