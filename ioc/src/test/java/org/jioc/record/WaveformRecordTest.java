package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jioc.db.ArrayConvert;
import org.jioc.db.Database;
import org.jioc.db.DbfType;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WaveformRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    @ParameterizedTest
    @ValueSource(strings = {"STRING", "CHAR", "UCHAR", "SHORT", "USHORT", "LONG", "ULONG", "INT64", "UINT64",
            "FLOAT", "DOUBLE", "ENUM"})
    void everyFtvlAllocatesReportsTypeAndStores(String ftvl) throws Exception {
        db = newDb();
        rec(db, "waveform", "wf", "FTVL", ftvl, "NELM", "8");
        db.init();
        FieldAddress a = addr(db, "wf");
        DbfType expected = DbfType.ofMenuName(ftvl);
        assertEquals(expected, a.type());
        assertEquals(8, a.capacity());
        assertEquals(0, a.count());
        assertEquals(ArrayConvert.allocate(expected, 0).getClass(), a.record.arrayValue(a.field).getClass());
        putArray(db, "wf", new double[] {1, 2, 3, 120}, 4);
        assertEquals(4, a.count());
        assertEquals(4.0, num(db, "wf.NORD"));
        try (var g = a.lock()) {
            Object arr = a.record.arrayValue(a.field);
            assertEquals(3.0, ArrayConvert.getDouble(arr, 2, a.count()), 1e-9);
            assertEquals(120.0, ArrayConvert.getDouble(arr, 3, a.count()), 1e-9);
        }
        // more than NELM is truncated to NELM
        putArray(db, "wf", new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 10);
        assertEquals(8, a.count());
        assertEquals("NO_ALARM", str(db, "wf.SEVR"));
    }

    @Test
    void millionElementDoubleAndShortAreFast() throws Exception {
        db = newDb();
        int n = 1_000_000;
        rec(db, "waveform", "d", "FTVL", "DOUBLE", "NELM", Integer.toString(n));
        rec(db, "waveform", "s", "FTVL", "SHORT", "NELM", Integer.toString(n), "INP", "d NPP");
        rec(db, "waveform", "copy", "FTVL", "DOUBLE", "NELM", Integer.toString(n), "INP", "d NPP");
        db.init();
        double[] src = new double[n];
        for (int i = 0; i < n; i++) src[i] = i % 30000;
        long t0 = System.nanoTime();
        putArray(db, "d", src, n);
        process(db, "s");
        process(db, "copy");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "1M-element put + 2 link reads took " + ms + " ms");
        assertEquals(n, addr(db, "d").count());
        assertEquals(n, addr(db, "s").count());
        short[] s = (short[]) addr(db, "s").record.arrayValue(addr(db, "s").field);
        assertEquals(29999, s[29999]);
        assertEquals(1234, s[n - 1 - ((n - 1) % 30000) + 1234]);
        double[] c = (double[]) addr(db, "copy").record.arrayValue(addr(db, "copy").field);
        assertArrayEquals(src, c);
        // a second put of the same 1M array: NORD does not change and is not posted again
        List<Integer> nord = events(db, "d.NORD");
        putArray(db, "d", src, n);
        assertEquals(0, nord.size());
        putArray(db, "d", src, 10);
        assertEquals(1, nord.size());
    }

    @Test
    void nordIsPostedOnlyWhenItChanges() throws Exception {
        db = newDb();
        rec(db, "waveform", "src", "FTVL", "LONG", "NELM", "10");
        rec(db, "waveform", "wf", "FTVL", "DOUBLE", "NELM", "10", "INP", "src NPP");
        db.init();
        List<Integer> nord = events(db, "wf.NORD");
        putArray(db, "src", new int[] {1, 2, 3}, 3);
        process(db, "wf");
        assertEquals(1, nord.size());
        assertEquals(FieldListener.DBE_VALUE | FieldListener.DBE_LOG, (int) nord.get(0));
        process(db, "wf");
        assertEquals(1, nord.size(), "same NORD: no event");
        putArray(db, "src", new int[] {1, 2, 3, 4, 5}, 5);
        process(db, "wf");
        assertEquals(2, nord.size());
        assertEquals(5.0, num(db, "wf.NORD"));
        // a client put of 2 elements changes NORD and posts it (src has no INP, so processing keeps it)
        List<Integer> srcNord = events(db, "src.NORD");
        putArray(db, "src", new int[] {9, 8}, 2);
        assertEquals(1, srcNord.size());
        assertEquals(2.0, num(db, "src.NORD"));
        putArray(db, "src", new int[] {7, 6}, 2);
        assertEquals(1, srcNord.size(), "NORD unchanged: not posted");
    }

    @Test
    void charWaveformHoldsLongString() throws Exception {
        db = newDb();
        rec(db, "waveform", "msg", "FTVL", "CHAR", "NELM", "512");
        rec(db, "waveform", "short", "FTVL", "CHAR", "NELM", "10");
        db.init();
        String s = "x".repeat(300) + " the end";
        FieldAddress a = addr(db, "msg");
        db.putField(a, r -> r.storeString(a.field, s));
        assertEquals(s, str(db, "msg"));
        assertEquals(s.length() + 1, a.count(), "NUL-terminated");
        assertEquals(DbfType.CHAR, a.type());
        FieldAddress b = addr(db, "short");
        db.putField(b, r -> r.storeString(b.field, "0123456789abcdef"));
        assertEquals(10, b.count());
        assertTrue(str(db, "short").startsWith("012345678"));
    }

    @Test
    void constantInpLoadsAtInitAndClearsUdf() throws Exception {
        db = newDb();
        rec(db, "waveform", "wf", "FTVL", "DOUBLE", "NELM", "5", "INP", "[1,2,3]");
        rec(db, "waveform", "empty", "FTVL", "DOUBLE", "NELM", "5");
        db.init();
        FieldAddress a = addr(db, "wf");
        assertEquals(3, a.count());
        assertArrayEquals(new double[] {1, 2, 3, 0, 0}, (double[]) a.record.arrayValue(a.field));
        assertEquals(0.0, num(db, "wf.UDF"));
        assertEquals(1.0, num(db, "empty.UDF"));
        assertEquals("UDF", str(db, "empty.STAT"));
        assertEquals("INVALID", str(db, "empty.SEVR"));
        process(db, "wf");
        assertEquals("NO_ALARM", str(db, "wf.SEVR"));
        assertEquals(3, a.count(), "processing with a constant INP keeps the data");
    }

    @Test
    void mpstOnChangeUsesHashAndAlwaysPostsEveryTime() throws Exception {
        db = newDb();
        rec(db, "waveform", "src", "FTVL", "DOUBLE", "NELM", "4");
        rec(db, "waveform", "chg", "FTVL", "DOUBLE", "NELM", "4", "INP", "src NPP", "MPST", "On Change",
                "APST", "On Change");
        rec(db, "waveform", "alw", "FTVL", "DOUBLE", "NELM", "4", "INP", "src NPP");
        db.init();
        assertEquals("Always", str(db, "alw.MPST"));
        putArray(db, "src", new double[] {1, 2}, 2);
        process(db, "chg");
        process(db, "alw");
        List<Integer> chg = events(db, "chg");
        List<Integer> alw = events(db, "alw");
        List<Integer> hash = events(db, "chg.HASH");
        process(db, "chg");
        process(db, "alw");
        assertEquals(0, chg.size(), "same data, On Change: no post");
        assertEquals(1, alw.size());
        assertEquals(FieldListener.DBE_VALUE | FieldListener.DBE_LOG, (int) alw.get(0));
        putArray(db, "src", new double[] {1, 3}, 2);
        process(db, "chg");
        assertEquals(1, chg.size());
        assertEquals(FieldListener.DBE_VALUE | FieldListener.DBE_LOG, (int) chg.get(0));
        assertEquals(1, hash.size());
    }

    @Test
    void metadataFromEguPrecAndLimits() throws Exception {
        db = newDb();
        Record r = rec(db, "waveform", "wf", "FTVL", "FLOAT", "NELM", "4", "EGU", "mm", "PREC", "3",
                "HOPR", "10", "LOPR", "-10");
        rec(db, "waveform", "sw", "FTVL", "STRING", "NELM", "4", "EGU", "mm");
        db.init();
        FieldAddress a = addr(db, "wf");
        assertEquals("mm", r.units(a.field));
        assertEquals(3, r.precision(a.field));
        Limits lim = new Limits();
        r.limits(a.field, lim);
        assertEquals(-10, lim.displayLow);
        assertEquals(10, lim.displayHigh);
        assertEquals(10, lim.controlHigh);
        FieldAddress s = addr(db, "sw");
        assertEquals("", s.record.units(s.field), "no units for a STRING waveform");
        assertEquals(Menus.FTYPE.choice(0), str(db, "sw.FTVL"));
    }

    @Test
    void nelmAndFtvlAreNotWritableAtRunTime() throws Exception {
        db = newDb();
        rec(db, "waveform", "wf", "FTVL", "DOUBLE", "NELM", "4");
        db.init();
        assertThrowsDb(() -> put(db, "wf.NELM", 10));
        assertThrowsDb(() -> putStr(db, "wf.FTVL", "LONG"));
        assertThrowsDb(() -> put(db, "wf.NORD", 1));
    }

    interface DbCall { void run() throws Exception; }

    static void assertThrowsDb(DbCall c) {
        try {
            c.run();
        } catch (Exception e) {
            return;
        }
        throw new AssertionError("expected a refused put");
    }
}
