package org.jioc.record;

import static org.jioc.record.Rec.alarm;
import static org.jioc.record.Rec.create;
import static org.jioc.record.Rec.getL;
import static org.jioc.record.Rec.put;
import static org.jioc.record.Rec.putL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.DbfType;
import org.jioc.db.FieldListener;
import org.jioc.db.Limits;
import org.jioc.db.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IntegerDiscreteTest {
    private Database db = Rec.newDb();

    @AfterEach
    void stop() { db.shutdown(); }

    private static void setSrc(Record src, long v) { src.l[src.type().field("VAL").slot] = v; }

    @Test
    void longinHihiWithHysteresis() throws Exception {
        Record src = create(db, "longin", "src");
        Record li = create(db, "longin", "li", "INP", "src", "HIHI", "10", "HHSV", "MAJOR", "HYST", "2",
                "HIGH", "5", "HSV", "MINOR");
        db.init();
        setSrc(src, 10);
        db.processLocked(li);
        assertEquals("HIHI/MAJOR", alarm(li));
        setSrc(src, 9);
        db.processLocked(li);
        assertEquals("HIHI/MAJOR", alarm(li), "inside the hysteresis band the alarm stays");
        setSrc(src, 7);
        db.processLocked(li);
        assertEquals("HIGH/MINOR", alarm(li));
        setSrc(src, 0);
        db.processLocked(li);
        assertEquals("NO_ALARM/NO_ALARM", alarm(li));
    }

    @Test
    void longinMdelAndAdelPostDifferentMasks() throws Exception {
        Record src = create(db, "longin", "src");
        Record li = create(db, "longin", "li", "INP", "src", "MDEL", "5", "ADEL", "2");
        db.init();
        db.processLocked(li); // UDF -> NO_ALARM settles
        List<Integer> ev = Rec.events(db, "li");
        setSrc(src, 3);
        db.processLocked(li);
        assertEquals(List.of(FieldListener.DBE_LOG), ev);
        ev.clear();
        setSrc(src, 9);
        db.processLocked(li);
        assertEquals(List.of(FieldListener.DBE_VALUE | FieldListener.DBE_LOG), ev);
        ev.clear();
        setSrc(src, 10);
        db.processLocked(li);
        assertEquals(List.of(), ev);
        put(db, "li.MDEL", "-1");
        db.processLocked(li);
        assertEquals(List.of(FieldListener.DBE_VALUE), ev, "negative MDEL posts every time");
    }

    @Test
    void integerDeadbandUsesUnsignedDifference() {
        assertTrue(DiscreteRecords.exceeds32(Integer.MIN_VALUE, Integer.MAX_VALUE, 10));
        assertTrue(DiscreteRecords.exceeds32(-5, 5, 9));
        assertFalse(DiscreteRecords.exceeds32(-5, 5, 10));
        assertTrue(DiscreteRecords.exceeds64(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE));
        assertFalse(DiscreteRecords.exceeds64(7, 7, 0));
    }

    @Test
    void longinConstantInpAndUdf() throws Exception {
        Record c = create(db, "longin", "c", "INP", "42");
        Record u = create(db, "longin", "u");
        db.init();
        assertEquals(42, getL(c, "VAL"));
        assertEquals(0, getL(c, "UDF"));
        db.processLocked(c);
        assertEquals(42, getL(c, "VAL"));
        assertEquals("NO_ALARM", Rec.get(c, "SEVR"));
        assertEquals("UDF/INVALID", alarm(u));
    }

    @Test
    void longoutClampsToDrvhDrvlAndWritesThroughPpLink() throws Exception {
        Record lo = create(db, "longout", "lo", "DRVH", "100", "DRVL", "-5", "OUT", "li PP", "HOPR", "1000",
                "LOPR", "-1000");
        Record li = create(db, "longin", "li", "HOPR", "50", "LOPR", "-50");
        db.init();
        putL(db, "lo", 500);
        assertEquals(100, getL(lo, "VAL"));
        assertEquals(100, getL(li, "VAL"));
        putL(db, "lo", -50);
        assertEquals(-5, getL(lo, "VAL"));
        assertEquals(-5, getL(li, "VAL"));
        Limits l = new Limits();
        lo.limits(lo.type().field("VAL"), l);
        assertEquals(-5, l.controlLow);
        assertEquals(100, l.controlHigh);
        assertEquals(1000, l.displayHigh);
        Limits m = new Limits();
        li.limits(li.type().field("VAL"), m);
        assertEquals(50, m.controlHigh);
        assertEquals(-50, m.displayLow);
    }

    @Test
    void longoutUdfAndClosedLoopDol() throws Exception {
        Record src = create(db, "longin", "src");
        Record lo = create(db, "longout", "lo");
        Record cl = create(db, "longout", "cl", "DOL", "src", "OMSL", "closed_loop");
        Record k = create(db, "longout", "k", "DOL", "17");
        db.init();
        db.processLocked(lo);
        assertEquals("UDF/INVALID", alarm(lo));
        putL(db, "lo", 3);
        assertEquals("NO_ALARM/NO_ALARM", alarm(lo));
        setSrc(src, 12);
        db.processLocked(cl);
        assertEquals(12, getL(cl, "VAL"));
        assertEquals(17, getL(k, "VAL"));
        assertEquals(0, getL(k, "UDF"));
    }

    @Test
    void longoutOutputOnChangeOnly() throws Exception {
        Record lo = create(db, "longout", "lo", "OUT", "li", "OOPT", "On Change");
        Record li = create(db, "longin", "li");
        db.init();
        putL(db, "lo", 5);
        assertEquals(5, getL(li, "VAL"));
        setSrc(li, 0);
        putL(db, "lo", 5);
        assertEquals(0, getL(li, "VAL"), "same value: not written");
        putL(db, "lo", 6);
        assertEquals(6, getL(li, "VAL"));
    }

    @Test
    void int64KeepsAll64Bits() throws Exception {
        Record in = create(db, "int64in", "in", "INP", "9007199254740993");
        Record out = create(db, "int64out", "out", "OUT", "dst PP");
        Record dst = create(db, "int64in", "dst", "HIHI", "9007199254740990", "HHSV", "MAJOR");
        db.init();
        assertEquals(DbfType.INT64, in.type().field("VAL").type);
        assertEquals(9007199254740993L, getL(in, "VAL"));
        putL(db, "out", Long.MAX_VALUE - 1);
        assertEquals(Long.MAX_VALUE - 1, getL(dst, "VAL"));
        assertEquals("HIHI/MAJOR", alarm(dst));
    }

    @Test
    void int64inDeadbandAndDrvClampOnInt64out() throws Exception {
        Record src = create(db, "int64in", "src");
        Record in = create(db, "int64in", "in", "INP", "src", "MDEL", "100");
        Record out = create(db, "int64out", "out", "DRVH", "10", "DRVL", "1");
        db.init();
        db.processLocked(in);
        List<Integer> ev = Rec.events(db, "in");
        setSrc(src, 50);
        db.processLocked(in);
        assertEquals(List.of(FieldListener.DBE_LOG), ev);
        putL(db, "out", 99);
        assertEquals(10, getL(out, "VAL"));
    }
}
