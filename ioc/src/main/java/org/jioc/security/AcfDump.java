package org.jioc.security;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import org.jioc.security.AcfConfig.Asg;
import org.jioc.security.AcfConfig.Hag;
import org.jioc.security.AcfConfig.Input;
import org.jioc.security.AcfConfig.Rule;
import org.jioc.security.AcfConfig.Uag;

/** The iocsh listings of loaded rules, in the layout of base's asDumpUagFP / asDumpHagFP / asDumpRulesFP / ascar. */
final class AcfDump {
    private AcfDump() { }

    /** aspuag [name]. */
    static void uags(PrintStream out, AcfConfig c, String only) {
        if (c.uags().isEmpty()) out.println("No UAGs");
        for (Uag u : c.uags().values()) {
            if (only != null && !only.equals(u.name())) continue;
            out.println("UAG(" + u.name() + ")" + members(u.users()));
        }
    }

    /** asphag [name]. */
    static void hags(PrintStream out, AcfConfig c, String only) {
        if (c.hags().isEmpty()) out.println("No HAGs");
        for (Hag h : c.hags().values()) {
            if (only != null && !only.equals(h.name())) continue;
            out.println("HAG(" + h.name() + ")" + members(h.hosts()));
        }
    }

    private static String members(List<String> names) {
        return names.isEmpty() ? "" : " {" + String.join(",", names) + "}";
    }

    /** asprules [asg]: each group with its inputs (validity, value) and rules (CALC results). */
    static void rules(PrintStream out, AccessRules rules, String only) {
        AcfConfig c = rules.config();
        for (Asg a : c.asgs().values()) {
            if (only != null && !only.equals(a.name())) continue;
            GroupState state = rules.group(a.name());
            GroupState.Snapshot snap = state.snapshot();
            boolean body = !a.inputs().isEmpty() || !a.rules().isEmpty();
            out.println("ASG(" + a.name() + ")" + (body ? " {" : ""));
            for (Input in : a.inputs()) {
                out.println("\tINP" + in.letter() + "(" + in.pv() + ")" + (state.isBad(in.index()) ? " INVALID" : "")
                        + " value=" + String.format(Locale.ROOT, "%f", state.value(in.index())));
            }
            for (int i = 0; i < a.rules().size(); i++) {
                Rule r = a.rules().get(i);
                boolean items = !r.uags().isEmpty() || !r.hags().isEmpty() || r.calc() != null;
                out.println("\tRULE(" + r.level() + "," + r.access() + "," + (r.trapWrite() ? "TRAPWRITE" : "NOTRAPWRITE")
                        + ")" + (items ? " {" : ""));
                if (!r.uags().isEmpty()) out.println("\t\tUAG(" + String.join(",", r.uags()) + ")");
                if (!r.hags().isEmpty()) out.println("\t\tHAG(" + String.join(",", r.hags()) + ")");
                if (r.calc() != null) {
                    out.println("\t\tCALC(\"" + r.calc().source() + "\") result=" + (snap.results()[i] ? "TRUE" : "FALSE"));
                }
                if (items) out.println("\t}");
            }
            if (body) out.println("}");
        }
    }

    /** ascar [level]: level 0 the totals, 1 also the inputs not connected, 2 every input. */
    static void inputs(PrintStream out, AccessRules rules, int level) {
        int n = 0, bad = 0;
        for (InputLink l : rules.inputs()) {
            n++;
            boolean up = l.isConnected();
            if (!up) bad++;
            if (level > 1 || (level == 1 && !up)) {
                out.println("connected:" + (up ? "yes   " : "no    ") + " ASG(" + l.group.asg.name() + ") INP"
                        + l.input.letter() + " " + l.input.pv() + " " + l.where());
            }
        }
        out.println(n + " channels " + bad + " not connected");
    }
}
