package org.jioc.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;
import org.jioc.security.AcfConfig.Asg;
import org.jioc.security.AcfConfig.Hag;
import org.jioc.security.AcfConfig.Input;
import org.jioc.security.AcfConfig.Rule;
import org.jioc.security.AcfConfig.Uag;

/**
 * One loaded ACF applied to one database: who may read and write each record's fields (asComputePvt). A record
 * belongs to the ASG its ASG field names, or to DEFAULT when that group is not in the file. For a client (user and
 * host as claimed, or a numeric IP) and a field of access-security level L, every RULE of the group is tried in
 * order and the most permissive one that matches wins: its level is at least L, the user is in one of its UAGs (or
 * it names none), the host is in one of its HAGs (or it names none), and its CALC, if any, is true with all the
 * inputs it reads valid. WRITE implies READ. The TRAPWRITE option of the winning rule marks writes to be logged.
 */
public final class AccessRules implements AccessGate {
    private final AcfConfig config;
    private final Map<String, GroupState> groups = new LinkedHashMap<>();
    private final GroupState defaultGroup;
    private final Map<String, Set<String>> uagsOfUser = new HashMap<>();
    private final Map<String, Set<String>> hagsOfHost = new HashMap<>();
    private final List<InputLink> inputs = new ArrayList<>();
    private final Runnable changed;

    /** changed is run (on the caller's thread) whenever a CALC result or input validity changes. */
    public AccessRules(AcfConfig config, Runnable changed) {
        this.config = config;
        this.changed = changed == null ? () -> { } : changed;
        for (Asg a : config.asgs().values()) groups.put(a.name(), new GroupState(a));
        defaultGroup = groups.get(AcfConfig.DEFAULT);
        for (Uag u : config.uags().values()) {
            for (String user : u.users()) uagsOfUser.computeIfAbsent(user, k -> new HashSet<>()).add(u.name());
        }
        for (Hag h : config.hags().values()) {
            for (String host : h.hosts()) hagsOfHost.computeIfAbsent(host, k -> new HashSet<>()).add(h.name());
            for (String ip : h.addresses()) hagsOfHost.computeIfAbsent(ip, k -> new HashSet<>()).add(h.name());
        }
    }

    public AcfConfig config() { return config; }

    /**
     * Connect every INPx: a PV of this database through a field subscription, any other through the database's
     * remote-link provider (CA). Values arrive at once for local PVs, later for remote ones.
     */
    public void connect(Database db) {
        for (GroupState g : groups.values()) {
            for (Input in : g.asg.inputs()) {
                FieldAddress a = db.resolve(in.pv());
                InputLink link = a != null ? new InputLink.Local(g, in, changed, a)
                        : new InputLink.Remote(g, in, changed, db.remoteLinks());
                inputs.add(link);
                link.start();
            }
        }
    }

    /** Drop the input subscriptions (asInit replaced these rules, or the IOC stops). */
    public void close() {
        for (InputLink l : inputs) l.close();
        inputs.clear();
    }

    /** The INPx connections, for ascar. */
    List<InputLink> inputs() { return Collections.unmodifiableList(inputs); }

    GroupState group(String name) { return groups.get(name); }

    /** The group record r belongs to now (its ASG field may change at run time). */
    public String groupOf(Record r) { return stateOf(r).asg.name(); }

    private GroupState stateOf(Record r) {
        String asg = (String) r.o[Record.ASG];
        GroupState g = asg == null || asg.isEmpty() ? null : groups.get(asg);
        return g != null ? g : defaultGroup;
    }

    /** The access this client has to field f of record r. */
    public Access access(Record r, FieldDef f, String user, String host) {
        Rule winner = winner(r, f, user, host);
        return winner == null ? Access.NONE : winner.access();
    }

    private Rule winner(Record r, FieldDef f, String user, String host) {
        GroupState g = stateOf(r);
        GroupState.Snapshot s = g.snapshot();
        List<Rule> rules = g.asg.rules();
        int level = f.asl();
        Set<String> userGroups = uagsOfUser.getOrDefault(user == null ? "" : user, Set.of());
        Set<String> hostGroups = hagsOfHost.getOrDefault(host == null ? "" : host.toLowerCase(Locale.ROOT), Set.of());
        Rule best = null;
        for (int i = 0; i < rules.size(); i++) {
            Rule rule = rules.get(i);
            if (best != null && best.access() == Access.RPC) break;
            if (best != null && rule.access().compareTo(best.access()) <= 0) continue;
            if (rule.access() == Access.NONE) continue;
            if (level > rule.level()) continue;
            if (!rule.uags().isEmpty() && Collections.disjoint(rule.uags(), userGroups)) continue;
            if (!rule.hags().isEmpty() && Collections.disjoint(rule.hags(), hostGroups)) continue;
            if (rule.calc() != null && ((s.bad() & rule.inputsUsed()) != 0 || !s.results()[i])) continue;
            best = rule;
        }
        return best;
    }

    @Override
    public boolean canRead(Record r, FieldDef f, String user, String host) {
        return access(r, f, user, host).canRead();
    }

    @Override
    public boolean canWrite(Record r, FieldDef f, String user, String host) {
        return access(r, f, user, host).canWrite();
    }

    @Override
    public boolean isTrapWrite(Record r, FieldDef f, String user, String host) {
        Rule winner = winner(r, f, user, host);
        return winner != null && winner.trapWrite() && winner.access().canWrite();
    }
}
