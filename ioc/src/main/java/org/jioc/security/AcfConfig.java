package org.jioc.security;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;

import org.jioc.calc.CalcExpression;

/**
 * A parsed access configuration file: user access groups, host access groups and access security groups, each kept
 * in name order as base keeps them (the dumps list them that way). There is always an ASG named DEFAULT: if the
 * file has none, it is added with no rules, so records in it (and in groups the file does not name) get no access.
 */
public final class AcfConfig {
    public static final String DEFAULT = "DEFAULT";

    /** UAG(name) {users}: user names as the client claims them, compared case-sensitively. */
    public record Uag(String name, List<String> users) { }

    /**
     * HAG(name) {hosts}: host names lower-cased (clients' host names are compared case-insensitively), and the
     * numeric addresses each resolved to when the file was loaded, for clients identified by IP (PVA).
     */
    public record Hag(String name, List<String> hosts, Set<String> addresses) { }

    /** INPx("pv"): index 0 is INPA, the CALC operand A. */
    public record Input(int index, String pv) {
        public String letter() { return String.valueOf((char) ('A' + index)); }
    }

    /**
     * RULE(level, access[, TRAPWRITE]) { UAG(..) HAG(..) CALC("..") }. Empty uags/hags mean everybody; calc is null
     * when the rule has no condition; inputsUsed is the bit mask of the inputs the CALC reads (bit 0 = A).
     */
    public record Rule(int level, Access access, boolean trapWrite, List<String> uags, List<String> hags,
                       CalcExpression calc, int inputsUsed) { }

    public record Asg(String name, List<Input> inputs, List<Rule> rules) { }

    private final String source;
    private final SortedMap<String, Uag> uags;
    private final SortedMap<String, Hag> hags;
    private final SortedMap<String, Asg> asgs;

    AcfConfig(String source, SortedMap<String, Uag> uags, SortedMap<String, Hag> hags, SortedMap<String, Asg> asgs) {
        this.source = source;
        this.uags = Collections.unmodifiableSortedMap(uags);
        this.hags = Collections.unmodifiableSortedMap(hags);
        this.asgs = Collections.unmodifiableSortedMap(asgs);
    }

    /** The file it came from. */
    public String source() { return source; }

    public Map<String, Uag> uags() { return uags; }

    public Map<String, Hag> hags() { return hags; }

    public Map<String, Asg> asgs() { return asgs; }

    /** The group a record with this ASG field belongs to: the named group, else DEFAULT. */
    public Asg groupFor(String asgField) {
        Asg g = asgField == null ? null : asgs.get(asgField);
        return g != null ? g : asgs.get(DEFAULT);
    }
}
