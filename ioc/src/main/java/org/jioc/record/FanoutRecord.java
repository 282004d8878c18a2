package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.FieldListener;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/** Fanout (fanoutRecord): process the records in LNK0..LNKF, all, one (SELN+OFFS) or by bit mask (SELN, SHFT). */
public final class FanoutRecord extends Record {
    public static final RecordType TYPE = new RecordType("fanout");
    static final Menu SELM_MENU = new Menu("fanoutSELM", "All", "Specified", "Mask");
    static final int NLINKS = 16;
    static final String DIGITS = "0123456789ABCDEF";

    static final int VAL = TYPE.lng("VAL").pp().value().asl0().slot();
    static final int SELM = TYPE.menu("SELM", SELM_MENU).slot();
    static final int SELN = TYPE.ushrt("SELN").initial("1").slot();
    static final int SELL = TYPE.inlink("SELL").slot();
    static final int OFFS = TYPE.shrt("OFFS").initial("0").slot();
    static final int SHFT = TYPE.shrt("SHFT").initial("-1").slot();
    static final int LNK0 = declareLinks();

    static {
        TYPE.factory(FanoutRecord::new);
    }

    private static int declareLinks() {
        int first = -1;
        for (int i = 0; i < NLINKS; i++) {
            int s = TYPE.add("LNK" + DIGITS.charAt(i), DbfType.FWDLINK).slot();
            if (i == 0) first = s;
        }
        return first;
    }

    FanoutRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass == 1) link(SELL).loadConstant(this, TYPE.field("SELN"));
    }

    @Override
    protected void process() {
        long oldn = l[SELN];
        l[PACT] = 1;
        if (!link(SELL).isConstant()) l[SELN] = link(SELL).readLong(this, l[SELN]) & 0xFFFF;
        int seln = (int) l[SELN];
        switch ((int) l[SELM]) {
            case 0:
                for (int i = 0; i < NLINKS; i++) link(LNK0 + i).forward(this);
                break;
            case 1: {
                long i = seln + l[OFFS];
                if (i < 0 || i >= NLINKS) {
                    setSevr(Menus.SOFT_ALARM, Menus.INVALID);
                    break;
                }
                link(LNK0 + (int) i).forward(this);
                break;
            }
            case 2: {
                int shft = (int) l[SHFT];
                if (shft < -15 || shft > 15) {
                    setSevr(Menus.SOFT_ALARM, Menus.INVALID);
                    break;
                }
                int mask = (shft >= 0 ? seln >> shft : seln << -shft) & 0xFFFF;
                for (int i = 0; i < NLINKS && mask != 0; i++, mask >>= 1) {
                    if ((mask & 1) != 0) link(LNK0 + i).forward(this);
                }
                break;
            }
            default:
                setSevr(Menus.SOFT_ALARM, Menus.INVALID);
        }
        l[UDF] = 0;
        getTimeStamp();
        int events = resetAlarms();
        if (events != 0) postL(VAL, events);
        if (l[SELN] != oldn) postL(SELN, events | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
        fwdLink();
        l[PACT] = 0;
    }
}
