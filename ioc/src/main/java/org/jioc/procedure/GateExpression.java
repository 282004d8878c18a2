package org.jioc.procedure;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;

/**
 * A run gate written as a PV expression: conditions "PV OP VALUE [+- TOL]" separated by ';', all of which must hold
 * before a scan moves anything (the plans' Gate PV, the sscan record's GATE field). The PVs are fields of this IOC.
 */
public final class GateExpression {
    private final String text;
    private final List<Condition> conditions;

    private GateExpression(String text, List<Condition> conditions) {
        this.text = text;
        this.conditions = conditions;
    }

    /** IllegalArgumentException saying what is wrong with the text; an empty text is a gate that is always open. */
    public static GateExpression parse(String text) {
        List<Condition> list = new ArrayList<>();
        String t = text == null ? "" : text.trim();
        for (String part : t.split(";")) {
            if (!part.isBlank()) list.add(Condition.parse(part.trim()));
        }
        return new GateExpression(t, List.copyOf(list));
    }

    public boolean isEmpty() { return conditions.isEmpty(); }

    /** The PVs the conditions read, in order. */
    public List<String> pvs() { return conditions.stream().map(Condition::pv).toList(); }

    /** A condition that does not hold, and what its PV was. */
    public record Closed(Condition condition, String seen) {
        @Override
        public String toString() {
            return "run gate '" + condition + "' is not met (" + condition.pv() + " " + seen + ")";
        }

        /** For a 40-character message field (the sscan record's SMSG). */
        public String brief() { return "Gate: " + condition.pv() + " " + seen; }
    }

    /** Null when every condition holds now; else the first that does not, with the value seen. */
    public String failure(Database db) { return failure(db::resolve); }

    /** As {@link #failure(Database)}, finding the fields with fields (null: no such PV). */
    public String failure(Function<String, FieldAddress> fields) {
        Closed c = check(fields);
        return c == null ? null : c.toString();
    }

    /** Null when the gate is open, else the first condition that does not hold. */
    public Closed check(Function<String, FieldAddress> fields) {
        for (Condition c : conditions) {
            FieldAddress a = fields.apply(c.pv());
            PvValue v = a == null ? PvValue.DISCONNECTED : read(a);
            if (!c.test(v)) return new Closed(c, a == null ? "not a PV of this IOC" : "is " + v.describe());
        }
        return null;
    }

    private static PvValue read(FieldAddress a) {
        try (var g = a.lock()) {
            Record r = a.record;
            return new PvValue(r.getDouble(a.field), r.getString(a.field), (int) r.l[Record.SEVR], true);
        }
    }

    @Override
    public String toString() { return text; }
}
