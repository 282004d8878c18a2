package org.jioc.record;

import java.nio.charset.StandardCharsets;

import org.jioc.db.DeviceRegistry;
import org.jioc.db.Link;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;

/**
 * bi, bo, mbbi, mbbo, mbbiDirect, mbboDirect, longin, longout, int64in, int64out, stringin, stringout, lsi, lso:
 * the record types, their soft device supports, and small helpers the record classes share.
 */
final class DiscreteRecords {
    private DiscreteRecords() { }

    static final RecordType[] TYPES = {
        BiRecord.TYPE, BoRecord.TYPE, MbbiRecord.TYPE, MbboRecord.TYPE, MbbiDirectRecord.TYPE,
        MbboDirectRecord.TYPE, LonginRecord.TYPE, LongoutRecord.TYPE, Int64inRecord.TYPE, Int64outRecord.TYPE,
        StringinRecord.TYPE, StringoutRecord.TYPE, LsiRecord.TYPE, LsoRecord.TYPE,
    };

    static void registerDevices(DeviceRegistry r) {
        r.register("bi", "Soft Channel", BiRecord.Soft::new);
        r.register("bi", "Raw Soft Channel", BiRecord.RawSoft::new);
        r.register("bo", "Soft Channel", BoRecord.Soft::new);
        r.register("bo", "Raw Soft Channel", BoRecord.RawSoft::new);
        r.register("bo", "Async Soft Channel", BoRecord.AsyncSoft::new);
        r.register("mbbi", "Soft Channel", MbbiRecord.Soft::new);
        r.register("mbbi", "Raw Soft Channel", MbbiRecord.RawSoft::new);
        r.register("mbbo", "Soft Channel", MbboRecord.Soft::new);
        r.register("mbbo", "Raw Soft Channel", MbboRecord.RawSoft::new);
        r.register("mbbo", "Async Soft Channel", MbboRecord.AsyncSoft::new);
        r.register("mbbiDirect", "Soft Channel", MbbiDirectRecord.Soft::new);
        r.register("mbbiDirect", "Raw Soft Channel", MbbiDirectRecord.RawSoft::new);
        r.register("mbboDirect", "Soft Channel", MbboDirectRecord.Soft::new);
        r.register("mbboDirect", "Raw Soft Channel", MbboDirectRecord.RawSoft::new);
        r.register("mbboDirect", "Async Soft Channel", MbboDirectRecord.AsyncSoft::new);
        r.register("longin", "Soft Channel", LonginRecord.Soft::new);
        r.register("longout", "Soft Channel", LongoutRecord.Soft::new);
        r.register("longout", "Async Soft Channel", LongoutRecord.AsyncSoft::new);
        r.register("int64in", "Soft Channel", Int64inRecord.Soft::new);
        r.register("int64out", "Soft Channel", Int64outRecord.Soft::new);
        r.register("int64out", "Async Soft Channel", Int64outRecord.AsyncSoft::new);
        r.register("stringin", "Soft Channel", StringinRecord.Soft::new);
        r.register("stringout", "Soft Channel", StringoutRecord.Soft::new);
        r.register("lsi", "Soft Channel", LsiRecord.Soft::new);
        r.register("lso", "Soft Channel", LsoRecord.Soft::new);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Shared pieces.

    /** Size of ZNAM/ONAM and ZRST..FFST (dbd size 26). */
    static final int STATE_STRING_SIZE = 26;

    /**
     * The dset's init_record, called by the record at the point base calls it (after the record's own set-up,
     * e.g. MASK from NOBT). Returns 0 (convert RVAL), 2 (don't convert) or negative on error.
     */
    interface DevInit {
        long initRecord(Record r);
    }

    static long devInit(Record r, Object dset) {
        return dset instanceof DevInit ? ((DevInit) dset).initRecord(r) : 0;
    }

    /** dbGetLink failure of a non-constant link: LINK/INVALID on the record; true if the read must be skipped. */
    static boolean linkDown(Record r, Link l) {
        if (l.isConnected()) return false;
        r.setSevr(Menus.LINK_ALARM, Menus.INVALID);
        return true;
    }

    /**
     * Integer monitor deadband as longin/longout do it: the absolute difference of the two 32-bit values taken as
     * an unsigned 32-bit number (so a jump across the whole range still counts), compared with MDEL as unsigned;
     * a negative deadband posts on every process.
     */
    static boolean exceeds32(long last, long val, long del) {
        if ((int) del < 0) return true;
        int a = (int) last, b = (int) val;
        long delta = (a > b ? a - b : b - a) & 0xFFFFFFFFL;
        return delta > (del & 0xFFFFFFFFL);
    }

    /** The 64-bit form for int64in/int64out. */
    static boolean exceeds64(long last, long val, long del) {
        if (del < 0) return true;
        long delta = last > val ? last - val : val - last;
        return Long.compareUnsigned(delta, del) > 0;
    }

    /**
     * Integer limit alarms with hysteresis (longin/longout/int64in/int64out): returns the new LALM. For 32-bit
     * records the limit-minus-hysteresis arithmetic wraps as the C epicsInt32 code does.
     */
    static long limitAlarms(Record r, long val, long hihi, long high, long low, long lolo, long hhsv, long hsv,
                            long lsv, long llsv, long hyst, long lalm, boolean is32) {
        if (hhsv != 0 && (val >= hihi || (lalm == hihi && val >= sub(hihi, hyst, is32)))) {
            return r.setSevr(Menus.HIHI_ALARM, (int) hhsv) ? hihi : lalm;
        }
        if (llsv != 0 && (val <= lolo || (lalm == lolo && val <= add(lolo, hyst, is32)))) {
            return r.setSevr(Menus.LOLO_ALARM, (int) llsv) ? lolo : lalm;
        }
        if (hsv != 0 && (val >= high || (lalm == high && val >= sub(high, hyst, is32)))) {
            return r.setSevr(Menus.HIGH_ALARM, (int) hsv) ? high : lalm;
        }
        if (lsv != 0 && (val <= low || (lalm == low && val <= add(low, hyst, is32)))) {
            return r.setSevr(Menus.LOW_ALARM, (int) lsv) ? low : lalm;
        }
        return val;
    }

    private static long sub(long a, long b, boolean is32) { return is32 ? (int) (a - b) : a - b; }

    private static long add(long a, long b, boolean is32) { return is32 ? (int) (a + b) : a + b; }

    /** Bytes of s as the C string would hold them (UTF-8). */
    static int byteLength(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) if (s.charAt(i) >= 0x80) return s.getBytes(StandardCharsets.UTF_8).length;
        return n;
    }

    /** Cut s to at most maxBytes bytes of UTF-8 (a C buffer of maxBytes + 1 with its NUL). */
    static String truncateBytes(String s, int maxBytes) {
        if (maxBytes <= 0) return "";
        if (byteLength(s) <= maxBytes) return s;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        int n = maxBytes;
        while (n > 0 && (b[n] & 0xC0) == 0x80) n--; // don't split a character
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }
}
