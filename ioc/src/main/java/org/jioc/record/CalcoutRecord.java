package org.jioc.record;

import org.jioc.calc.CalcExpression;
import org.jioc.db.DbException;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Link;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * Calculation with output (calcoutRecord): calc plus an output decision (OOPT), output value choice (DOPT: VAL or
 * OCAL), optional output delay (ODLY, during which the record stays active), IVOA, an event on output (OEVT) and
 * link status fields (INAV..INLV, OUTV).
 */
public final class CalcoutRecord extends Record {
    public static final RecordType TYPE = new RecordType("calcout");
    static final Menu OOPT_MENU = new Menu("calcoutOOPT", "Every Time", "On Change", "When Zero", "When Non-zero",
            "Transition To Zero", "Transition To Non-zero");
    static final Menu DOPT_MENU = new Menu("calcoutDOPT", "Use CALC", "Use OCAL");
    static final Menu INAV_MENU = new Menu("calcoutINAV", "Ext PV NC", "Ext PV OK", "Local PV", "Constant");
    static final int OOPT_EVERY = 0, OOPT_CHANGE = 1, OOPT_ZERO = 2, OOPT_NONZERO = 3, OOPT_TO_ZERO = 4,
            OOPT_TO_NONZERO = 5;
    static final int INAV_EXT_NC = 0, INAV_EXT = 1, INAV_LOC = 2, INAV_CON = 3;

    static final int VAL = TYPE.dbl("VAL").pp().value().asl0().slot();
    static final int PVAL = TYPE.dbl("PVAL").readOnly().slot();
    static final int CALC = TYPE.str("CALC", 80).pp().special().slot();
    static final int CLCV = TYPE.lng("CLCV").readOnly().slot();
    static final int INPA = CalcSupport.declareInputLinks(TYPE, true);
    static final int OUT = TYPE.outlink("OUT").special().slot();
    static final int INAV = declareLinkStatus();
    static final int OUTV = TYPE.menu("OUTV", INAV_MENU).readOnly().slot();
    static final int OOPT = TYPE.menu("OOPT", OOPT_MENU).slot();
    static final int ODLY = TYPE.dbl("ODLY").slot();
    static final int DLYA = TYPE.ushrt("DLYA").readOnly().slot();
    static final int DOPT = TYPE.menu("DOPT", DOPT_MENU).slot();
    static final int OCAL = TYPE.str("OCAL", 80).pp().special().slot();
    static final int OCLV = TYPE.lng("OCLV").readOnly().slot();
    static final int OEVT = TYPE.str("OEVT", 40).special().slot();
    static final int IVOA = TYPE.menu("IVOA", Menus.IVOA).slot();
    static final int IVOV = TYPE.dbl("IVOV").slot();
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
    static final int OVAL = TYPE.dbl("OVAL").slot();
    static final int LA = CalcSupport.declareDoubles(TYPE, "L", false, true);
    static final int POVL = TYPE.dbl("POVL").readOnly().slot();
    static final int PPVL = TYPE.dbl("PPVL").readOnly().slot();
    static final int LALM = TYPE.dbl("LALM").readOnly().slot();
    static final int ALST = TYPE.dbl("ALST").readOnly().slot();
    static final int MLST = TYPE.dbl("MLST").readOnly().slot();

    static {
        TYPE.factory(CalcoutRecord::new);
    }

    private static int declareLinkStatus() {
        int first = -1;
        for (int i = 0; i < CalcSupport.NARGS; i++) {
            int s = TYPE.menu("IN" + CalcSupport.LETTERS.charAt(i) + "V", INAV_MENU).readOnly().slot();
            if (i == 0) first = s;
        }
        return first;
    }

    private CalcExpression rpcl, orpc;
    private CalcExpression previousExpr;
    private String previousText = "";
    private boolean volatileLinks;
    private final double[] args = new double[CalcSupport.NARGS];
    private final boolean[] failed = new boolean[1];

    CalcoutRecord(RecordType t) { super(t); }

    // --- init -----------------------------------------------------------------------------------------------------

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        for (int i = 0; i < CalcSupport.NARGS; i++) {
            link(INPA + i).loadConstant(this, TYPE.field(String.valueOf(CalcSupport.LETTERS.charAt(i))));
        }
        for (int i = 0; i <= CalcSupport.NARGS; i++) l[statusSlot(i)] = linkStatus(link(linkSlot(i)));
        volatileLinks = anyVolatile();
        String calc = str(CALC);
        if (calc.trim().isEmpty()) {
            rpcl = null;
            l[CLCV] = -1;
        } else {
            rpcl = CalcSupport.compile(this, "CALC", calc);
            l[CLCV] = 0;
        }
        try {
            orpc = str(OCAL).trim().isEmpty() ? null : CalcSupport.compile(this, "OCAL", str(OCAL));
            l[OCLV] = orpc == null ? -1 : 0;
        } catch (DbException e) {
            orpc = null;
            l[OCLV] = -1;
            if (l[DOPT] == 1) throw e; // only an error when OCAL is what gets written
        }
        if (l[DOPT] == 1 && orpc == null) {
            throw new DbException(DbException.Kind.BAD_VALUE, name() + ".OCAL: DOPT is Use OCAL but OCAL is empty");
        }
        d[PVAL] = d[VAL];
        d[MLST] = d[VAL];
        d[ALST] = d[VAL];
        d[LALM] = d[VAL];
        d[POVL] = d[OVAL];
    }

    /** Link i (0..11 = INPA..INPL, 12 = OUT). */
    private static int linkSlot(int i) { return i < CalcSupport.NARGS ? INPA + i : OUT; }

    private static int statusSlot(int i) { return i < CalcSupport.NARGS ? INAV + i : OUTV; }

    static int linkStatus(Link ln) {
        if (ln.isConstant()) return INAV_CON;
        if (ln.lockTarget() != null) return INAV_LOC;
        return ln.isConnected() ? INAV_EXT : INAV_EXT_NC;
    }

    private boolean anyVolatile() {
        for (int i = 0; i <= CalcSupport.NARGS; i++) {
            Link ln = link(linkSlot(i));
            if (!ln.isConstant() && ln.lockTarget() == null) return true;
        }
        return false;
    }

    /** checkLinks: refresh the status of external (CA) links and post the ones that changed. */
    private void checkLinks() {
        for (int i = 0; i <= CalcSupport.NARGS; i++) {
            Link ln = link(linkSlot(i));
            if (ln.isConstant() || ln.lockTarget() != null) continue;
            long st = ln.isConnected() ? INAV_EXT : INAV_EXT_NC;
            if (l[statusSlot(i)] != st) {
                l[statusSlot(i)] = st;
                postL(statusSlot(i), FieldListener.DBE_VALUE);
            }
        }
    }

    // --- process --------------------------------------------------------------------------------------------------

    @Override
    protected void process() {
        if (l[PACT] == 0) {
            l[PACT] = 1;
            if (volatileLinks) checkLinks();
            if (CalcSupport.fetch(this, INPA, A) == 0) {
                double v = CalcSupport.evaluate(this, rpcl, args, A, d[VAL], failed);
                if (failed[0]) {
                    setSevr(Menus.CALC_ALARM, Menus.INVALID);
                } else {
                    d[VAL] = v;
                    l[UDF] = Double.isNaN(v) ? 1 : 0;
                }
            }
            checkAlarms();
            boolean doOutput;
            double val = d[VAL], pval = d[PVAL];
            switch ((int) l[OOPT]) {
                case OOPT_EVERY: doOutput = true; break;
                case OOPT_CHANGE: doOutput = !(Math.abs(pval - val) <= d[MDEL]); break;
                case OOPT_TO_ZERO: doOutput = pval != 0.0 && val == 0.0; break;
                case OOPT_TO_NONZERO: doOutput = pval == 0.0 && val != 0.0; break;
                case OOPT_ZERO: doOutput = val == 0.0; break;
                case OOPT_NONZERO: doOutput = val != 0.0; break;
                default: doOutput = false;
            }
            d[PVAL] = val;
            if (doOutput) {
                if (d[ODLY] > 0.0) {
                    l[DLYA] = 1;
                    getTimeStamp();
                    postL(DLYA, FieldListener.DBE_VALUE);
                    RecordTimers.after(d[ODLY], this::requestAsyncCompletion);
                    return;
                }
                l[PACT] = 0;
                execOutput();
                if (l[PACT] != 0) return;
                l[PACT] = 1;
            }
            getTimeStamp();
        } else if (l[DLYA] != 0) {
            l[DLYA] = 0;
            getTimeStamp();
            postL(DLYA, FieldListener.DBE_VALUE);
            l[PACT] = 0;
            execOutput();
            if (l[PACT] != 0) return;
            l[PACT] = 1;
        } else {
            writeValue(); // asynchronous device support finishing
            getTimeStamp();
        }
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private void execOutput() {
        if (l[DOPT] == 0) {
            d[OVAL] = d[VAL];
        } else {
            double v = CalcSupport.evaluate(this, orpc, args, A, d[OVAL], failed);
            if (failed[0]) {
                setSevr(Menus.CALC_ALARM, Menus.INVALID);
            } else {
                d[OVAL] = v;
                l[UDF] = Double.isNaN(v) ? 1 : 0;
            }
        }
        if (l[UDF] != 0) setSevr(Menus.UDF_ALARM, (int) l[UDFS]);
        if (l[NSEV] < Menus.INVALID) {
            writeValue();
            postOutputEvent();
            return;
        }
        switch ((int) l[IVOA]) {
            case 0:
                writeValue();
                postOutputEvent();
                break;
            case 2:
                d[OVAL] = d[IVOV];
                writeValue();
                postOutputEvent();
                break;
            default:
                break; // don't drive outputs
        }
    }

    private void postOutputEvent() {
        String ev = str(OEVT).trim();
        if (!ev.isEmpty() && database() != null) database().postEvent(ev);
    }

    private void writeValue() {
        if (dset == null) {
            setSevr(Menus.SOFT_ALARM, Menus.INVALID);
            return;
        }
        dset.write(this);
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
        if (d[POVL] != d[OVAL]) {
            postD(OVAL, mask | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
            d[POVL] = d[OVAL];
        }
    }

    // --- special --------------------------------------------------------------------------------------------------

    @Override
    protected void special(FieldDef f, boolean after) throws DbException {
        String n = f.name;
        if (n.equals("CALC") || n.equals("OCAL")) {
            boolean isCalc = n.equals("CALC");
            int slot = isCalc ? CALC : OCAL;
            if (!after) {
                previousExpr = isCalc ? rpcl : orpc;
                previousText = str(slot);
                return;
            }
            String text = str(slot);
            CalcExpression e;
            if (!isCalc && text.trim().isEmpty() && l[DOPT] == 0) {
                e = null; // clearing an unused OCAL is fine
            } else {
                try {
                    e = CalcSupport.compile(this, n, text);
                } catch (DbException ex) {
                    o[slot] = previousText;
                    throw ex;
                }
            }
            if (isCalc) {
                rpcl = e;
                l[CLCV] = 0;
                postL(CLCV, FieldListener.DBE_VALUE);
            } else {
                orpc = e;
                l[OCLV] = e == null ? -1 : 0;
                postL(OCLV, FieldListener.DBE_VALUE);
            }
            return;
        }
        if (!after) return;
        if (n.equals("OEVT")) return; // read at output time
        int idx = n.equals("OUT") ? CalcSupport.NARGS : CalcSupport.LETTERS.indexOf(n.charAt(3));
        if (!n.startsWith("INP") && !n.equals("OUT")) return;
        Link ln = link(linkSlot(idx));
        if (idx < CalcSupport.NARGS) {
            FieldDef value = TYPE.field(String.valueOf(CalcSupport.LETTERS.charAt(idx)));
            if (ln.loadConstant(this, value)) postD(A + idx, FieldListener.DBE_VALUE);
        }
        l[statusSlot(idx)] = linkStatus(ln);
        volatileLinks = anyVolatile();
        postL(statusSlot(idx), FieldListener.DBE_VALUE);
    }

    // --- metadata -------------------------------------------------------------------------------------------------

    @Override
    public String units(FieldDef f) {
        if (f.name.equals("ODLY")) return "s";
        return f.type.isFloating() ? str(EGU) : "";
    }

    @Override
    public int precision(FieldDef f) {
        if (f.name.equals("ODLY")) return 2;
        return f.type.isFloating() ? (int) l[PREC] : 0;
    }

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
            case "ODLY":
                super.limits(f, out);
                out.display(0, out.displayHigh).control(0, 100000);
                return;
            default:
                super.limits(f, out);
        }
    }

    // --- device support -------------------------------------------------------------------------------------------

    /** "Soft Channel" (devCalcoutSoft): OVAL to OUT. */
    static final class Soft implements DeviceSupport {
        @Override
        public long write(Record r) {
            Link out = r.link(OUT);
            if (out.isConstant()) return 0;
            return out.writeDouble(r, r.d[OVAL]) ? 0 : -1;
        }
    }

    /**
     * "Async Soft Channel" (devCalcoutSoftCallback): OVAL to OUT with completion; the record stays active until the
     * target is done. Links that cannot complete asynchronously (DB links) are written synchronously, as in base.
     */
    static final class AsyncSoft implements DeviceSupport {
        @Override
        public long write(Record r) {
            if (r.l[PACT] != 0) return 0; // the completion pass
            Link out = r.link(OUT);
            if (out.isConstant()) return 0;
            if (out.writeDoubleAsync(r, r.d[OVAL], r::requestAsyncCompletion)) {
                r.l[PACT] = 1;
                return 0;
            }
            out.writeDouble(r, r.d[OVAL]);
            return 0;
        }
    }
}
