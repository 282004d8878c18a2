package org.jioc.record;

import static org.jioc.record.Rec.alarm;
import static org.jioc.record.Rec.create;
import static org.jioc.record.Rec.get;
import static org.jioc.record.Rec.getL;
import static org.jioc.record.Rec.put;
import static org.jioc.record.Rec.putL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.DbfType;
import org.jioc.db.FieldListener;
import org.jioc.db.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MultiBitDiscreteTest {
    private Database db = Rec.newDb();

    @AfterEach
    void stop() { db.shutdown(); }

    private static String[] labels(Record r) { return r.choices(r.type().field("VAL")); }

    private static void setSrc(Record src, long v) { src.l[src.type().field("VAL").slot] = v; }

    @Test
    void mbbiEnumStringsStopAtLastDefinedState() throws Exception {
        Record none = create(db, "mbbi", "none");
        Record gap = create(db, "mbbi", "gap", "ZRST", "Zero", "TWST", "Two");
        db.init();
        assertEquals(0, labels(none).length);
        assertArrayEquals(new String[] {"Zero", "", "Two"}, labels(gap));
        assertEquals(26, gap.type().field("FFST").size);
        assertEquals(DbfType.ULONG, gap.type().field("FFVL").type);
    }

    @Test
    void mbbiPutByStringAndByIndex() throws Exception {
        Record m = create(db, "mbbi", "m", "ZRST", "Zero", "ONST", "One", "TWST", "Two");
        db.init();
        put(db, "m", "Two");
        assertEquals(2, getL(m, "VAL"));
        put(db, "m", "1");
        assertEquals("One", get(m, "VAL"));
    }

    @Test
    void mbbiRawStatesSeveritiesAndUnknownState() throws Exception {
        Record src = create(db, "longin", "src");
        Record m = create(db, "mbbi", "m", "DTYP", "Raw Soft Channel", "INP", "src",
                "ZRVL", "0", "ONVL", "1", "TWVL", "2", "ZRST", "Zero", "ONST", "One", "TWST", "Two",
                "TWSV", "MAJOR", "UNSV", "MINOR");
        db.init();
        assertEquals(1, getL(m, "SDEF"));
        setSrc(src, 2);
        db.processLocked(m);
        assertEquals("Two", get(m, "VAL"));
        assertEquals("STATE/MAJOR", alarm(m));
        setSrc(src, 7);
        db.processLocked(m);
        assertEquals(65535, getL(m, "VAL"));
        assertEquals("STATE/MINOR", alarm(m));
        setSrc(src, 1);
        db.processLocked(m);
        assertEquals("One", get(m, "VAL"));
        assertEquals("NO_ALARM/NO_ALARM", alarm(m));
    }

    @Test
    void mbbiWithoutStatesTakesShiftedRawDirectly() throws Exception {
        Record src = create(db, "longin", "src");
        Record m = create(db, "mbbi", "m", "DTYP", "Raw Soft Channel", "INP", "src", "NOBT", "3", "SHFT", "1");
        db.init();
        assertEquals(0xE, getL(m, "MASK"), "NOBT=3 bits shifted by SHFT");
        setSrc(src, 0xFF);
        db.processLocked(m);
        assertEquals(0xE, getL(m, "RVAL"));
        assertEquals(7, getL(m, "VAL"));
    }

    @Test
    void mbbiCosAlarmAndSoftChannelLink() throws Exception {
        Record src = create(db, "longin", "src");
        Record m = create(db, "mbbi", "m", "INP", "src", "COSV", "MINOR", "ZRST", "a", "ONST", "b");
        db.init();
        setSrc(src, 1);
        db.processLocked(m);
        assertEquals("b", get(m, "VAL"));
        assertEquals("COS/MINOR", alarm(m));
    }

    @Test
    void stateStringChangePostsPropertyAndValue() throws Exception {
        Record m = create(db, "mbbi", "m", "ZRST", "Zero", "ONST", "One");
        db.init();
        put(db, "m", "1");
        List<Integer> ev = Rec.events(db, "m");
        put(db, "m.ONST", "Uno");
        assertTrue(ev.stream().anyMatch(x -> (x & FieldListener.DBE_PROPERTY) != 0), ev.toString());
        assertTrue(ev.stream().anyMatch(x -> (x & FieldListener.DBE_VALUE) != 0), "current state renamed: " + ev);
        assertEquals("Uno", get(m, "VAL"));
        ev.clear();
        put(db, "m.ZRST", "Nil");
        assertTrue(ev.stream().noneMatch(x -> (x & FieldListener.DBE_VALUE) != 0), "other state renamed: " + ev);
        assertTrue(ev.stream().anyMatch(x -> (x & FieldListener.DBE_PROPERTY) != 0));
    }

    @Test
    void mbboOutOfRangeIndexRaisesAlarms() throws Exception {
        Record withStates = create(db, "mbbo", "s", "ZRST", "Zero", "ONST", "One", "UNSV", "MAJOR");
        Record plain = create(db, "mbbo", "p", "UNSV", "MAJOR");
        db.init();
        putL(db, "s", 20);
        assertEquals("SOFT/INVALID", alarm(withStates));
        putL(db, "s", 1);
        assertEquals("NO_ALARM", get(withStates, "SEVR"));
        putL(db, "p", 20);
        assertEquals("STATE/MAJOR", alarm(plain));
        assertEquals(20, getL(plain, "RVAL"));
        assertEquals(DbfType.USHORT, plain.fieldType(plain.type().field("VAL")), "no states: served as USHORT");
        assertEquals(DbfType.ENUM, withStates.fieldType(withStates.type().field("VAL")));
    }

    @Test
    void mbboRawWritesStateValueThroughPpLink() throws Exception {
        Record m = create(db, "mbbo", "m", "DTYP", "Raw Soft Channel", "OUT", "li PP", "ZRVL", "10", "ONVL", "20",
                "ZRST", "Low", "ONST", "High", "SHFT", "1");
        Record li = create(db, "longin", "li");
        Record soft = create(db, "mbbo", "n", "OUT", "li2 PP", "ZRST", "a", "ONST", "b");
        Record li2 = create(db, "longin", "li2");
        db.init();
        put(db, "m", "High");
        assertEquals(40, getL(m, "RVAL"));
        assertEquals(40, getL(li, "VAL"));
        put(db, "n", "b");
        assertEquals(1, getL(li2, "VAL"));
        assertEquals("NO_ALARM", get(soft, "SEVR"));
    }

    @Test
    void mbboUdfUntilWritten() throws Exception {
        Record m = create(db, "mbbo", "m");
        Record c = create(db, "mbbo", "c", "DOL", "3");
        db.init();
        db.processLocked(m);
        assertEquals("UDF/INVALID", alarm(m));
        assertEquals(3, getL(c, "VAL"));
        db.processLocked(c);
        assertEquals("NO_ALARM", get(c, "SEVR"));
    }

    @Test
    void mbbiDirectSetsBitFields() throws Exception {
        Record src = create(db, "longin", "src");
        Record d = create(db, "mbbiDirect", "d", "INP", "src");
        db.init();
        assertEquals(DbfType.LONG, d.type().field("VAL").type);
        assertEquals(DbfType.UCHAR, d.type().field("B1F").type);
        List<Integer> b2 = Rec.events(db, "d.B2");
        setSrc(src, 5);
        db.processLocked(d);
        assertEquals(5, getL(d, "VAL"));
        assertEquals(1, getL(d, "B0"));
        assertEquals(0, getL(d, "B1"));
        assertEquals(1, getL(d, "B2"));
        assertEquals(1, b2.size());
        setSrc(src, 0x80000000L | 1);
        db.processLocked(d);
        assertEquals(1, getL(d, "B1F"));
        assertEquals(0, getL(d, "B2"));
    }

    @Test
    void mbbiDirectRawShift() throws Exception {
        Record src = create(db, "longin", "src");
        Record d = create(db, "mbbiDirect", "d", "DTYP", "Raw Soft Channel", "INP", "src", "NOBT", "4", "SHFT", "4");
        db.init();
        setSrc(src, 0x1A5);
        db.processLocked(d);
        assertEquals(0xA0, getL(d, "RVAL"));
        assertEquals(0xA, getL(d, "VAL"));
        assertEquals(1, getL(d, "B1"));
        assertEquals(1, getL(d, "B3"));
    }

    @Test
    void mbboDirectBitsAndValStayConsistent() throws Exception {
        Record d = create(db, "mbboDirect", "d", "OUT", "li PP");
        Record li = create(db, "longin", "li");
        db.init();
        put(db, "d.B3", "1");
        assertEquals(8, getL(d, "VAL"));
        assertEquals(8, getL(li, "VAL"));
        put(db, "d.B0", "1");
        assertEquals(9, getL(d, "VAL"));
        put(db, "d", "3");
        assertEquals(1, getL(d, "B0"));
        assertEquals(1, getL(d, "B1"));
        assertEquals(0, getL(d, "B3"));
        assertEquals(3, getL(li, "VAL"));
        assertEquals("NO_ALARM", get(d, "SEVR"));
    }
}
