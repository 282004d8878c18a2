package org.jioc.record;

/**
 * The sscan CMND field (sscanCMND): clear the message, check the scan's positions against the positioners' limits
 * without moving anything, preview the positions in the PnCA arrays, and clear groups of PV names. The record
 * refuses CMND while a scan runs.
 */
final class SscanCommands {
    private SscanCommands() { }

    /** Run command cmd on rec (lock set held). */
    static void run(SscanRecord rec, int cmd) {
        switch (cmd) {
            case SscanMenus.CMND_CLEAR_MSG:
                rec.message("", false);
                return;
            case SscanMenus.CMND_CHECK_LIMITS:
                checkLimits(rec);
                return;
            case SscanMenus.CMND_PREVIEW:
                preview(rec);
                return;
            case SscanMenus.CMND_CLEAR_ALL:
                clear(rec, true, true, true);
                return;
            case SscanMenus.CMND_CLEAR_POS_ETC:
                clear(rec, false, false, true);
                return;
            case SscanMenus.CMND_CLEAR_POS:
                clear(rec, false, false, false);
                return;
            case SscanMenus.CMND_CLEAR_POS_RDBK_ETC:
                clear(rec, true, false, true);
                return;
            case SscanMenus.CMND_CLEAR_POS_RDBK:
                clear(rec, true, false, false);
                return;
            default:
        }
    }

    /** The positions this scan would go to, with the current positions for RELATIVE positioners. */
    private static SscanPlan plan(SscanRecord rec) {
        double[] prior = new double[SscanRecord.NUM_POS];
        for (int p = 0; p < SscanRecord.NUM_POS; p++) {
            prior[p] = rec.posPv[p] == null ? Double.NaN : rec.posPv[p].read();
            rec.loadPositionerMeta(p);
        }
        return SscanPlan.build(rec, prior);
    }

    private static void checkLimits(SscanRecord rec) {
        try {
            String bad = plan(rec).checkLimits(rec);
            rec.message(bad == null ? "Limits OK" : bad, bad != null);
        } catch (IllegalArgumentException e) {
            rec.message(e.getMessage(), true);
        }
    }

    /** PREVIEW: the positions into PnCA, the point index into D01CA (as sscan's viewScanPos), posted. */
    private static void preview(SscanRecord rec) {
        SscanPlan plan;
        try {
            plan = plan(rec);
        } catch (IllegalArgumentException e) {
            rec.message(e.getMessage(), true);
            return;
        }
        for (int p : plan.active) {
            double[] ca = (double[]) rec.o[SscanRecord.PCA[p]];
            System.arraycopy(plan.points[p], 0, ca, 0, plan.npts);
            rec.postO(SscanRecord.PCA[p], org.jioc.db.FieldListener.DBE_VALUE);
        }
        float[] d1 = (float[]) rec.o[SscanRecord.DCA[0]];
        for (int i = 0; i < plan.npts; i++) d1[i] = i;
        rec.postO(SscanRecord.DCA[0], org.jioc.db.FieldListener.DBE_VALUE);
        String bad = plan.checkLimits(rec);
        rec.message(bad == null ? "Preview: " + plan.npts + " points" : bad, bad != null);
    }

    /**
     * Clear positioner PV names (always), readback names (rdbk), all triggers, detectors and links (all), and with
     * etc reset the positioners to LINEAR/ABSOLUTE and PASM to STAY.
     */
    private static void clear(SscanRecord rec, boolean rdbk, boolean all, boolean etc) {
        try {
            for (int p = 0; p < SscanRecord.NUM_POS; p++) {
                clearName(rec, "P" + (p + 1) + "PV");
                if (rdbk || all) clearName(rec, "R" + (p + 1) + "PV");
                if (etc) {
                    rec.setLong(SscanRecord.PSM[p], SscanMenus.LINEAR);
                    rec.setLong(SscanRecord.PAR[p], 0);
                }
            }
            if (etc) rec.setLong(SscanRecord.PASM, SscanMenus.PASM_STAY);
            if (all) {
                for (int t = 0; t < SscanRecord.NUM_TRIG; t++) clearName(rec, "T" + (t + 1) + "PV");
                for (int d = 0; d < SscanRecord.NUM_DET; d++) clearName(rec, String.format("D%02dPV", d + 1));
                clearName(rec, "A1PV");
                clearName(rec, "BSPV");
                clearName(rec, "ASPV");
            }
        } catch (org.jioc.db.DbException e) {
            rec.message(e.getMessage(), true);
        }
    }

    private static void clearName(SscanRecord rec, String field) throws org.jioc.db.DbException {
        org.jioc.db.FieldDef f = SscanRecord.TYPE.field(field);
        if (rec.str(f.slot).isEmpty()) return;
        rec.o[f.slot] = "";
        rec.specialAfter(f);
        rec.post(f, org.jioc.db.FieldListener.DBE_VALUE | org.jioc.db.FieldListener.DBE_LOG);
    }
}
