package org.jioc.record;

import org.jioc.db.DbException;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Link;
import org.jioc.db.Menu;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * Sequence (seqRecord): for each selected link group n in order, wait DLYn seconds, read DOLn into DOn and write it
 * to LNKn. The record stays active (PACT) until the last group is done, then posts and forward-links, so a
 * put-callback completes only at the end of the sequence.
 */
public final class SeqRecord extends Record {
    public static final RecordType TYPE = new RecordType("seq");
    static final Menu SELM_MENU = new Menu("seqSELM", "All", "Specified", "Mask");
    static final int NUM_LINKS = 16;
    static final String DIGITS = "0123456789ABCDEF";

    static final int VAL = TYPE.lng("VAL").pp().value().asl0().slot();
    static final int SELM = TYPE.menu("SELM", SELM_MENU).slot();
    static final int SELN = TYPE.ushrt("SELN").initial("1").slot();
    static final int SELL = TYPE.inlink("SELL").slot();
    static final int OFFS = TYPE.shrt("OFFS").initial("0").slot();
    static final int SHFT = TYPE.shrt("SHFT").initial("-1").slot();
    static final int OLDN = TYPE.ushrt("OLDN").readOnly().slot();
    static final int PREC = TYPE.shrt("PREC").prop().slot();
    static final int[] DLY = new int[NUM_LINKS], DOL = new int[NUM_LINKS], DO = new int[NUM_LINKS],
            LNK = new int[NUM_LINKS];

    static {
        for (int i = 0; i < NUM_LINKS; i++) {
            char c = DIGITS.charAt(i);
            DLY[i] = TYPE.dbl("DLY" + c).slot();
            DOL[i] = TYPE.inlink("DOL" + c).slot();
            DO[i] = TYPE.dbl("DO" + c).slot();
            LNK[i] = TYPE.outlink("LNK" + c).slot();
        }
        TYPE.factory(SeqRecord::new);
    }

    /** The groups selected for the running sequence, and where we are. */
    private final int[] groups = new int[NUM_LINKS];
    private int groupCount;
    private int index;

    SeqRecord(RecordType t) { super(t); }

    @Override
    protected void initRecord(int pass) throws DbException {
        if (pass != 1) return;
        link(SELL).loadConstant(this, TYPE.field("SELN"));
        for (int i = 0; i < NUM_LINKS; i++) link(DOL[i]).loadConstant(this, TYPE.field("DO" + DIGITS.charAt(i)));
        l[OLDN] = l[SELN];
    }

    @Override
    protected void process() {
        if (l[PACT] != 0) {
            asyncFinish();
            return;
        }
        l[PACT] = 1;
        int lmask;
        if (l[SELM] == 0) {
            lmask = (1 << NUM_LINKS) - 1;
        } else {
            if (!link(SELL).isConstant()) l[SELN] = link(SELL).readLong(this, l[SELN]) & 0xFFFF;
            if (l[SELM] == 1) {
                long grpn = l[SELN] + l[OFFS];
                if (grpn < 0 || grpn >= NUM_LINKS) {
                    setSevr(Menus.SOFT_ALARM, Menus.INVALID);
                    asyncFinish();
                    return;
                }
                lmask = 1 << grpn;
            } else if (l[SELM] == 2) {
                int shft = (int) l[SHFT];
                if (shft < -15 || shft > 15) {
                    setSevr(Menus.SOFT_ALARM, Menus.INVALID);
                    asyncFinish();
                    return;
                }
                int seln = (int) l[SELN];
                lmask = (shft >= 0 ? seln >> shft : seln << -shft) & 0xFFFF;
            } else {
                setSevr(Menus.SOFT_ALARM, Menus.INVALID);
                asyncFinish();
                return;
            }
        }
        groupCount = 0;
        index = 0;
        for (int i = 0; lmask != 0 && i < NUM_LINKS; i++, lmask >>>= 1) {
            if ((lmask & 1) != 0 && (!link(LNK[i]).isConstant() || !link(DOL[i]).isConstant())) {
                groups[groupCount++] = i;
            }
        }
        if (groupCount == 0) {
            asyncFinish();
            return;
        }
        processNextGroup();
    }

    /** Schedule the next group after its delay (always from a callback, even for delay 0), or finish. */
    private void processNextGroup() {
        if (index >= groupCount) {
            requestAsyncCompletion();
            return;
        }
        int g = groups[index];
        RecordTimers.lockedAfter(this, d[DLY[g]], this::doGroup);
    }

    private void doGroup() {
        if (l[PACT] == 0 || index >= groupCount) return;
        int g = groups[index];
        double old = d[DO[g]];
        Link dol = link(DOL[g]);
        if (!dol.isConstant()) d[DO[g]] = dol.readDouble(this, d[DO[g]]);
        getTimeStamp();
        Link lnk = link(LNK[g]);
        if (!lnk.isConstant()) lnk.writeDouble(this, d[DO[g]]);
        if (old != d[DO[g]]) postD(DO[g], FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
        index++;
        processNextGroup();
    }

    private void asyncFinish() {
        l[UDF] = 0;
        getTimeStamp();
        int events = resetAlarms();
        if (events != 0) postL(VAL, events);
        if (l[SELN] != l[OLDN]) {
            postL(SELN, events | FieldListener.DBE_VALUE | FieldListener.DBE_LOG);
            l[OLDN] = l[SELN];
        }
        fwdLink();
        l[PACT] = 0;
    }

    @Override
    public String units(FieldDef f) { return f.name.startsWith("DLY") ? "s" : ""; }

    @Override
    public int precision(FieldDef f) {
        if (f.name.startsWith("DLY")) return 2;
        return f.type.isFloating() ? (int) l[PREC] : 0;
    }

    @Override
    public void limits(FieldDef f, Limits out) {
        if (f.name.startsWith("DLY")) {
            out.display(0, 10).control(0, 100000);
            return;
        }
        super.limits(f, out);
    }
}
