package org.jioc.procedure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jioc.load.Macros;

/**
 * A procedure's arguments, from {@code info(procedureArgs, "SECONDS=2,SET=$(P)x")} on its Start record (the
 * dbLoadRecords macro syntax; quote a value that holds commas). Factories read what they need; an argument nobody
 * read is reported as unknown, so a typo stops iocInit instead of being ignored. {@code REQUIRE} is for every
 * procedure: preconditions "PV OP VALUE [: reason]" separated by ';'.
 */
public final class ProcedureArgs {
    /** The argument every procedure takes: extra preconditions. */
    public static final String REQUIRE = "REQUIRE";

    private final Map<String, String> values;
    private final Set<String> used = new LinkedHashSet<>();
    private final Pvs pvs;

    ProcedureArgs(String text, Pvs pvs) throws ProcedureConfigException {
        this.pvs = pvs;
        Map<String, String> raw;
        try {
            raw = Macros.parseDefinitions(text == null ? "" : text);
        } catch (IllegalArgumentException e) {
            throw new ProcedureConfigException("procedureArgs: " + e.getMessage());
        }
        values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            if (e.getValue() == null)
                throw new ProcedureConfigException("procedureArgs: " + e.getKey() + " has no value");
            values.put(e.getKey(), unquote(e.getValue()));
        }
    }

    private static String unquote(String v) {
        String t = v.trim();
        if (t.length() >= 2 && (t.charAt(0) == '"' || t.charAt(0) == '\'') && t.charAt(t.length() - 1) == t.charAt(0)) {
            char q = t.charAt(0);
            return t.substring(1, t.length() - 1).replace("\\" + q, String.valueOf(q)).replace("\\\\", "\\");
        }
        return t;
    }

    public boolean has(String key) { return values.containsKey(key); }

    public String text(String key) throws ProcedureConfigException {
        String v = text(key, null);
        if (v == null || v.isEmpty()) throw new ProcedureConfigException("argument " + key + " is missing");
        return v;
    }

    public String text(String key, String dflt) {
        used.add(key);
        String v = values.get(key);
        return v == null ? dflt : v;
    }

    /** A list separated by spaces (e.g. MOTORS="2bma:m1 2bma:m2"); empty when not given. */
    public List<String> list(String key) {
        String v = text(key, "").trim();
        return v.isEmpty() ? List.of() : List.of(v.split("\\s+"));
    }

    /** A list of PV names, each of which must exist (in this IOC, or reachable remotely). */
    public List<String> pvList(String key) throws ProcedureConfigException {
        List<String> names = list(key);
        for (String n : names) checkPv(key, n);
        return names;
    }

    public double number(String key) throws ProcedureConfigException {
        return parseNumber(key, text(key));
    }

    public double number(String key, double dflt) throws ProcedureConfigException {
        String v = text(key, null);
        return v == null ? dflt : parseNumber(key, v);
    }

    private static double parseNumber(String key, String v) throws ProcedureConfigException {
        try {
            double d = Double.parseDouble(v.trim());
            if (Double.isFinite(d)) return d;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ProcedureConfigException("argument " + key + "=" + v + " is not a number");
    }

    /** A time in seconds (>= 0). */
    public Duration seconds(String key) throws ProcedureConfigException {
        return duration(key, number(key));
    }

    public Duration seconds(String key, double dflt) throws ProcedureConfigException {
        return duration(key, number(key, dflt));
    }

    private static Duration duration(String key, double s) throws ProcedureConfigException {
        if (s < 0) throw new ProcedureConfigException("argument " + key + " must be >= 0 seconds, not " + s);
        return Duration.ofNanos(Math.round(s * 1e9));
    }

    /** A PV name that must exist in this IOC, or be reachable through remote links. */
    public String pv(String key) throws ProcedureConfigException {
        String name = text(key);
        checkPv(key, name);
        return name;
    }

    /** A PV name that must be a field of this IOC (for puts). */
    public String localPv(String key) throws ProcedureConfigException {
        String name = text(key);
        if (pvs != null && !pvs.isLocal(name))
            throw new ProcedureConfigException("argument " + key + ": no PV " + name + " in this IOC");
        return name;
    }

    /**
     * Is name a field of this IOC? For PV names a procedure finds elsewhere than in its arguments (e.g. the motors of
     * a calibration table), so that they too are checked at iocInit. True when there is no database to ask.
     */
    public boolean isLocal(String name) { return pvs == null || pvs.isLocal(name); }

    /** A condition "PV OP VALUE [+- TOL]" whose PV exists. */
    public Condition condition(String key) throws ProcedureConfigException {
        return parseCondition(key, text(key));
    }

    private Condition parseCondition(String key, String text) throws ProcedureConfigException {
        Condition c;
        try {
            c = Condition.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ProcedureConfigException("argument " + key + ": " + e.getMessage());
        }
        checkPv(key, c.pv());
        return c;
    }

    private void checkPv(String key, String name) throws ProcedureConfigException {
        if (pvs != null && !pvs.isReachable(name))
            throw new ProcedureConfigException("argument " + key + ": no PV " + name + " in this IOC");
    }

    /** The REQUIRE preconditions: "PV OP VALUE [: reason]; ..." */
    List<Precondition> require() throws ProcedureConfigException {
        List<Precondition> out = new ArrayList<>();
        String all = text(REQUIRE, "");
        for (String part : all.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int colon = reasonColon(p);
            String cond = colon < 0 ? p : p.substring(0, colon).trim();
            String reason = colon < 0 ? null : p.substring(colon + 1).trim();
            out.add(Precondition.of(parseCondition(REQUIRE, cond), reason));
        }
        return out;
    }

    /** The ':' that starts a reason: the first one after the operator (PV names contain ':' themselves). */
    private static int reasonColon(String p) {
        int op = -1;
        for (String o : new String[] {"==", "!=", ">", "<"}) {
            int i = p.indexOf(o);
            if (i >= 0 && (op < 0 || i < op)) op = i;
        }
        return op < 0 ? -1 : p.indexOf(':', op);
    }

    /** Arguments given but never read. */
    List<String> unused() {
        List<String> out = new ArrayList<>();
        for (String k : values.keySet()) if (!used.contains(k)) out.add(k);
        return out;
    }

    Map<String, String> values() { return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values)); }

    @Override
    public String toString() { return values.toString(); }
}
