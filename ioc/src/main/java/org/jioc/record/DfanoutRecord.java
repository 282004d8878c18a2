package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.FieldDef;
import org.jioc.db.Limits;
import org.jioc.db.Link;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** Data fanout (dfanoutRecord): VAL (from DOL when closed loop) written to all, one or a mask of OUTA..OUTP. */
public final class DfanoutRecord extends Record {
    public static final RecordType TYPE = new RecordType("dfanout");
    static final Menu SELM_MENU = new Menu("dfanoutSELM", "All", "Specified", "Mask");
    static final int NOUT = 16;
    static final String LETTERS = "ABCDEFGHIJKLMNOP";

    static final int VAL = TYPE.dbl("VAL").pp().value().asl0().slot();
    static final int SELM = TYPE.menu("SELM", SELM_MENU).slot();
    static final int SELN = TYPE.ushrt("SELN").initial("1").slot();
    static final int SELL = TYPE.inlink("SELL").slot();
    static final int OUTA = declareOutputs();
    static final int DOL = TYPE.inlink("DOL").slot();
    static final int OMSL = TYPE.menu("OMSL", Menus.OMSL).slot();
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
    static final int LALM = TYPE.dbl("LALM").readOnly().slot();
    static final int ALST = TYPE.dbl("ALST").readOnly().slot();
    static final int MLST = TYPE.dbl("MLST").readOnly().slot();

    static {
        TYPE.factory(DfanoutRecord::new);
    }

    private static int declareOutputs() {
        int first = -1;
        for (int i = 0; i < NOUT; i++) {
            int s = TYPE.outlink("OUT" + LETTERS.charAt(i)).slot();
            if (i == 0) first = s;
        }
        return first;
    }

    DfanoutRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SELL).loadConstant(this, TYPE.field("SELN"));
        if (link(DOL).loadConstant(this, TYPE.field("VAL"))) l[UDF] = Double.isNaN(d[VAL]) ? 1 : 0;
        d[MLST] = d[VAL];
        d[ALST] = d[VAL];
        d[LALM] = d[VAL];
    }

    @Override
    protected void process() {
        Link dol = link(DOL);
        if (l[PACT] == 0 && !dol.isConstant() && l[OMSL] == 1) {
            if (dol.isConnected()) {
                d[VAL] = dol.readDouble(this, d[VAL]);
                l[UDF] = Double.isNaN(d[VAL]) ? 1 : 0;
            } else {
                setSevr(Menus.LINK_ALARM, Menus.INVALID);
            }
        }
        l[PACT] = 1;
        getTimeStamp();
        if (!link(SELL).isConstant()) l[SELN] = link(SELL).readLong(this, l[SELN]) & 0xFFFF;
        checkAlarms();
        pushValues();
        monitor();
        fwdLink();
        l[PACT] = 0;
    }

    private void put(int i) {
        Link out = link(OUTA + i);
        if (out.isConstant()) return;
        if (!out.writeDouble(this, d[VAL])) setSevr(Menus.LINK_ALARM, Menus.MAJOR);
    }

    private void pushValues() {
        int seln = (int) l[SELN];
        switch ((int) l[SELM]) {
            case 0:
                for (int i = 0; i < NOUT; i++) put(i);
                break;
            case 1:
                if (seln > NOUT) {
                    setSevr(Menus.SOFT_ALARM, Menus.INVALID);
                    break;
                }
                if (seln == 0) break;
                put(seln - 1);
                break;
            case 2:
                for (int i = 0, state = seln; i < NOUT && state != 0; i++, state >>= 1) {
                    if ((state & 1) != 0) put(i);
                }
                break;
            default:
                setSevr(Menus.SOFT_ALARM, Menus.INVALID);
        }
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
    }

    @Override
    public String units(FieldDef f) { return f.type.isFloating() ? str(EGU) : ""; }

    @Override
    public int precision(FieldDef f) { return f.type.isFloating() ? (int) l[PREC] : 0; }

    @Override
    public void limits(FieldDef f, Limits out) {
        switch (f.name) {
            case "VAL": case "HIHI": case "HIGH": case "LOW": case "LOLO": case "LALM": case "ALST": case "MLST":
                out.display(d[LOPR], d[HOPR]);
                if (f.name.equals("VAL") || f.name.equals("LALM") || f.name.equals("ALST") || f.name.equals("MLST")) {
                    out.control(d[LOPR], d[HOPR]);
                } else {
                    Limits tmp = new Limits();
                    super.limits(f, tmp);
                    out.control(tmp.controlLow, tmp.controlHigh);
                }
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
