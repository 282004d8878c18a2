package org.jioc.savedata;

import java.util.ArrayList;
import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;
import org.jioc.record.SscanRecord;

/**
 * One pass of one sscan record as saveData secures it when the record posts DATA=1: its configuration (PV names,
 * modes), the points done (CPT) and the completed arrays (PnRA, DnnDA), plus the planned targets of every point.
 * Read in one go under the record's lock, so the arrays belong together.
 */
record ScanPass(String record, int npts, int cpt, boolean snake, List<Pos> positioners, List<Det> detectors,
                List<Trig> triggers, String message, boolean alert, String pasm, double startTime, double endTime) {

    /** Positioner n (1..4): drive PV (may be empty: a readback only), readback PV, targets, PnRA. */
    record Pos(int n, String pv, String readback, String mode, String absRel, double start, double end, double step,
               double prior, double[] planned, double[] readbacks) { }

    /** Detector nn (1..70): its PV and DnnDA. */
    record Det(int n, String pv, double[] data) { }

    record Trig(int n, String pv, double value) { }

    /** Reads the pass of rec (an sscan record) now; startTime/endTime in epoch seconds. */
    static ScanPass read(Database db, SscanRecord rec, double startTime, double endTime) {
        try (var g = db.lock(rec)) {
            String name = rec.name();
            int npts = (int) num(rec, "NPTS");
            int cpt = (int) num(rec, "CPT");
            List<Pos> pos = new ArrayList<>();
            for (int n = 1; n <= 4; n++) {
                String pv = str(rec, "P" + n + "PV").trim();
                String rb = str(rec, "R" + n + "PV").trim();
                if (pv.isEmpty() && rb.isEmpty()) continue;
                double[] planned = pv.isEmpty() ? null : rec.plannedPositions(n);
                pos.add(new Pos(n, pv, rb, str(rec, "P" + n + "SM"), str(rec, "P" + n + "AR"), num(rec, "P" + n + "SP"),
                        num(rec, "P" + n + "EP"), num(rec, "P" + n + "SI"), num(rec, "P" + n + "PP"), planned,
                        doubles(rec.arrayValue(field(rec, "P" + n + "RA")), cpt)));
            }
            List<Det> det = new ArrayList<>();
            for (int n = 1; n <= 70; n++) {
                String dn = String.format("D%02d", n);
                String pv = str(rec, dn + "PV").trim();
                if (!pv.isEmpty()) det.add(new Det(n, pv, doubles(rec.arrayValue(field(rec, dn + "DA")), cpt)));
            }
            List<Trig> trig = new ArrayList<>();
            for (int n = 1; n <= 4; n++) {
                String pv = str(rec, "T" + n + "PV").trim();
                if (!pv.isEmpty()) trig.add(new Trig(n, pv, num(rec, "T" + n + "CD")));
            }
            return new ScanPass(name, npts, cpt, num(rec, "SNAKE") != 0, pos, det, trig, str(rec, "SMSG"),
                    num(rec, "ALRT") != 0, str(rec, "PASM"), startTime, endTime);
        }
    }

    private static org.jioc.db.FieldDef field(Record r, String f) { return r.type().field(f); }

    private static String str(Record r, String f) { return r.getString(field(r, f)); }

    private static double num(Record r, String f) { return r.getDouble(field(r, f)); }

    /** The first n values of a PnRA (double[]) or DnnDA (float[]) array. */
    private static double[] doubles(Object array, int n) {
        double[] out = new double[n];
        if (array instanceof double[] a) System.arraycopy(a, 0, out, 0, Math.min(n, a.length));
        else if (array instanceof float[] a) for (int i = 0; i < Math.min(n, a.length); i++) out[i] = a[i];
        return out;
    }

    /** The pass ended because of EXSC=0. */
    boolean aborted() { return message.startsWith("Scan aborted"); }
}
