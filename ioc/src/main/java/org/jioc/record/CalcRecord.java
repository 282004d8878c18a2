package org.jioc.record;

import org.jioc.calc.CalcExpression;
import org.jioc.db.DbException;
import org.jioc.db.FieldDef;
import org.jioc.db.Limits;
import org.jioc.db.Menus;
import org.jioc.db.RecordType;

/** Calculation (calcRecord): fetch A..L from INPA..INPL, evaluate CALC into VAL, limit alarms, deadbands. */
public final class CalcRecord extends org.jioc.db.Record {
    public static final RecordType TYPE = new RecordType("calc");
    static final int VAL = TYPE.dbl("VAL").pp().value().asl0().slot();
    static final int CALC = TYPE.str("CALC", 80).pp().special().slot();
    static final int INPA = CalcSupport.declareInputLinks(TYPE, false);
    static final int EGU = TYPE.str("EGU", 16).prop().slot();
    static final int PREC = TYPE.shrt("PREC").prop().slot();
    static final int HOPR = TYPE.dbl("HOPR").prop().slot();
    static final int LOPR = TYPE.dbl("LOPR").prop().slot();
    static final int HIHI = TYPE.dbl("HIHI").pp().prop().slot();
    static final int LOLO = TYPE.dbl("LOLO").pp().prop().slot();
    static final int HIGH = TYPE.dbl("HIGH").pp().prop().slot();
    static final int LOW = TYPE.dbl("LOW").pp().prop().slot();
    static final int HHSV = TYPE.menu("HHSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LLSV = TYPE.menu("LLSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HSV = TYPE.menu("HSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int LSV = TYPE.menu("LSV", Menus.ALARM_SEVR).pp().prop().slot();
    static final int HYST = TYPE.dbl("HYST").slot();
    static final int ADEL = TYPE.dbl("ADEL").slot();
    static final int MDEL = TYPE.dbl("MDEL").slot();
    static final int A = CalcSupport.declareDoubles(TYPE, "", true, false);
    static final int LA = CalcSupport.declareDoubles(TYPE, "L", false, true);
    static final int LALM = TYPE.dbl("LALM").readOnly().slot();
    static final int ALST = TYPE.dbl("ALST").readOnly().slot();
    static final int MLST = TYPE.dbl("MLST").readOnly().slot();

    static {
        TYPE.factory(CalcRecord::new);
    }

    private CalcExpression rpcl;
    private CalcExpression previous;
    private final double[] args = new double[CalcSupport.NARGS];
    private final boolean[] failed = new boolean[1];

    CalcRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        for (int i = 0; i < CalcSupport.NARGS; i++) {
            link(INPA + i).loadConstant(this, TYPE.field(String.valueOf(CalcSupport.LETTERS.charAt(i))));
        }
        String calc = str(CALC);
        // An empty CALC leaves the record without an expression (CALC alarm when processed); a bad one is an error.
        rpcl = calc.trim().isEmpty() ? null : CalcSupport.compile(this, "CALC", calc);
    }

    @Override
    protected void process() {
        l[PACT] = 1;
        if (CalcSupport.fetch(this, INPA, A) == 0) {
            double v = CalcSupport.evaluate(this, rpcl, args, A, d[VAL], failed);
            if (failed[0]) {
                setSevr(Menus.CALC_ALARM, Menus.INVALID);
            } else {
                d[VAL] = v;
                l[UDF] = Double.isNaN(v) ? 1 : 0;
            }
        }
        getTimeStamp();
        checkAlarms();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private void checkAlarms() {
        if (l[UDF] != 0) {
            setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
            return;
        }
        d[LALM] = checkLimitAlarms(d[VAL], d[HIHI], d[HIGH], d[LOW], d[LOLO], l[HHSV], l[HSV], l[LSV], l[LLSV],
                d[HYST], d[LALM]);
    }

    private void monitor() {
        int mask = monitorDoubleValue(VAL, MLST, ALST, MDEL, ADEL);
        CalcSupport.postInputs(this, A, LA, mask);
    }

    /** CALC: recompile after a put; a bad expression is refused and the old one stays. */
    @Override
    protected void special(FieldDef f, boolean after) throws DbException {
        if (!f.name.equals("CALC")) return;
        if (!after) {
            previous = rpcl;
            saved = str(CALC);
            return;
        }
        try {
            rpcl = CalcSupport.compile(this, "CALC", str(CALC));
        } catch (DbException e) {
            o[CALC] = saved;
            rpcl = previous;
            throw e;
        }
    }

    private String saved = "";

    /** The compiled CALC, or null. */
    CalcExpression expression() { return rpcl; }

    @Override
    public String units(FieldDef f) { return f.type.isFloating() ? str(EGU) : ""; }

    @Override
    public int precision(FieldDef f) { return f.type.isFloating() ? (int) l[PREC] : 0; }

    @Override
    public void limits(FieldDef f, Limits out) {
        switch (f.name) {
            case "VAL": case "HIHI": case "HIGH": case "LOW": case "LOLO": case "LALM": case "ALST": case "MLST":
                out.display(d[LOPR], d[HOPR]).control(d[LOPR], d[HOPR]);
                if (f.name.equals("VAL")) {
                    out.alarm(l[LLSV] != 0 ? d[LOLO] : Double.NaN, l[LSV] != 0 ? d[LOW] : Double.NaN,
                            l[HSV] != 0 ? d[HIGH] : Double.NaN, l[HHSV] != 0 ? d[HIHI] : Double.NaN);
                }
                return;
            default:
                super.limits(f, out);
        }
    }
}
