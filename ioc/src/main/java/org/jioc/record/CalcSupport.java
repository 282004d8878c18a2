package org.jioc.record;

import org.jioc.calc.CalcException;
import org.jioc.calc.CalcExpression;
import org.jioc.db.DbException;
import org.jioc.db.FieldListener;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** Pieces calc and calcout share: compiling CALC/OCAL with clear errors, and the A..L input table. */
final class CalcSupport {
    static final int NARGS = CalcExpression.CALC_INPUTS;
    static final String LETTERS = "ABCDEFGHIJKL";

    private CalcSupport() { }

    /** Compile an expression; the error names record, field, problem and expression. */
    static CalcExpression compile(Record r, String field, String expr) throws DbException {
        try {
            return CalcExpression.compile(expr, NARGS);
        } catch (CalcException e) {
            throw new DbException(DbException.Kind.BAD_VALUE,
                    r.name() + "." + field + ": illegal expression: " + e.getMessage());
        }
    }

    /** Declare INPA..INPL; returns the slot of INPA (the others follow). */
    static int declareInputLinks(RecordType t, boolean special) {
        int first = -1;
        for (int i = 0; i < NARGS; i++) {
            RecordType.Builder b = t.inlink("INP" + LETTERS.charAt(i));
            if (special) b.special();
            int s = b.slot();
            if (i == 0) first = s;
        }
        return first;
    }

    /** Declare 12 DOUBLE fields named prefix + A..L; returns the first slot. */
    static int declareDoubles(RecordType t, String prefix, boolean pp, boolean readOnly) {
        int first = -1;
        for (int i = 0; i < NARGS; i++) {
            RecordType.Builder b = t.dbl(prefix + LETTERS.charAt(i));
            if (pp) b.pp();
            if (readOnly) b.readOnly();
            int s = b.slot();
            if (i == 0) first = s;
        }
        return first;
    }

    /** fetch_values: read every INPx into its value; the first failure is returned (non-zero). */
    static int fetch(Record r, int inpa, int a) {
        int status = 0;
        for (int i = 0; i < NARGS; i++) {
            org.jioc.db.Link ln = r.link(inpa + i);
            if (ln.isConstant()) continue;
            if (!ln.isConnected()) {
                r.setSevr(org.jioc.db.Menus.LINK_ALARM, org.jioc.db.Menus.INVALID);
                if (status == 0) status = -1;
                continue;
            }
            r.d[a + i] = ln.readDouble(r, r.d[a + i]);
        }
        return status;
    }

    /** Post the inputs that changed since the last post (or all of them on an alarm change), as base does. */
    static void postInputs(Record r, int a, int la, int mask) {
        for (int i = 0; i < NARGS; i++) {
            double now = r.d[a + i];
            if (now != r.d[la + i]
                    || (mask & FieldListener.DBE_ALARM) != 0) {
                r.postD(a + i, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
                r.d[la + i] = now;
            }
        }
    }

    /** Evaluate with A..L from the record (assignments write back); NaN and a flag on failure. */
    static double evaluate(Record r, CalcExpression e, double[] scratch, int a, double val, boolean[] failed) {
        failed[0] = false;
        if (e == null) {
            failed[0] = true;
            return val;
        }
        System.arraycopy(r.d, a, scratch, 0, NARGS);
        try {
            double v = e.evaluate(scratch, val);
            System.arraycopy(scratch, 0, r.d, a, NARGS);
            return v;
        } catch (RuntimeException ex) {
            failed[0] = true;
            return val;
        }
    }
}
