package org.jioc.record;

import static org.jioc.record.Rec.alarm;
import static org.jioc.record.Rec.create;
import static org.jioc.record.Rec.get;
import static org.jioc.record.Rec.getL;
import static org.jioc.record.Rec.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.FieldListener;
import org.jioc.db.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinaryDiscreteTest {
    private Database db = Rec.newDb();

    @AfterEach
    void stop() { db.shutdown(); }

    private String[] labels(Record r) { return r.choices(r.type().field("VAL")); }

    @Test
    void biEnumStringsFollowZnamOnam() throws Exception {
        Record none = create(db, "bi", "none");
        Record zOnly = create(db, "bi", "zonly", "ZNAM", "Closed");
        Record both = create(db, "bi", "both", "ZNAM", "Off", "ONAM", "On");
        db.init();
        assertArrayEquals(new String[] {"", ""}, labels(none));
        assertArrayEquals(new String[] {"Closed"}, labels(zOnly));
        assertArrayEquals(new String[] {"Off", "On"}, labels(both));
        assertEquals(DbfType.ENUM, both.fieldType(both.type().field("VAL")));
        assertEquals(26, both.type().field("ZNAM").size);
    }

    @Test
    void biPutByStringAndIndex() throws Exception {
        Record bi = create(db, "bi", "b", "ZNAM", "Off", "ONAM", "On");
        db.init();
        put(db, "b", "On");
        assertEquals(1, getL(bi, "VAL"));
        assertEquals("On", get(bi, "VAL"));
        put(db, "b", "0");
        assertEquals("Off", get(bi, "VAL"));
        assertThrows(DbException.class, () -> put(db, "b", "Maybe"));
    }

    @Test
    void biStateAndChangeOfStateAlarms() throws Exception {
        Record bi = create(db, "bi", "b", "ZNAM", "Off", "ONAM", "On", "OSV", "MAJOR", "COSV", "MINOR");
        db.init();
        put(db, "b", "On");
        assertEquals("STATE/MAJOR", alarm(bi));
        put(db, "b", "Off");
        assertEquals("COS/MINOR", alarm(bi));
        put(db, "b", "Off");
        assertEquals("NO_ALARM/NO_ALARM", alarm(bi));
        put(db, "b.ZSV", "MINOR");
        assertEquals("STATE/MINOR", alarm(bi));
    }

    @Test
    void biReadsThroughDbLinkAndRawSoftChannel() throws Exception {
        Record src = create(db, "longin", "src");
        Record bi = create(db, "bi", "b", "INP", "src");
        Record raw = create(db, "bi", "raw", "DTYP", "Raw Soft Channel", "INP", "src");
        db.init();
        src.storeLong(src.type().field("VAL"), 7);
        db.processLocked(bi);
        db.processLocked(raw);
        assertEquals(7, getL(bi, "VAL"), "Soft Channel copies the number as base does (no 0/1 conversion)");
        assertEquals(7, getL(raw, "RVAL"));
        assertEquals(1, getL(raw, "VAL"));
        assertEquals("NO_ALARM", get(raw, "SEVR"));
        src.storeLong(src.type().field("VAL"), 0);
        db.processLocked(raw);
        assertEquals(0, getL(raw, "VAL"));
    }

    @Test
    void biConstantInpGivesInitialValueAndClearsUdf() throws Exception {
        Record bi = create(db, "bi", "b", "INP", "1");
        Record plain = create(db, "bi", "p");
        db.init();
        assertEquals(1, getL(bi, "VAL"));
        assertEquals(0, getL(bi, "UDF"));
        assertEquals(1, getL(plain, "UDF"));
        assertEquals("UDF/INVALID", alarm(plain));
    }

    @Test
    void boWritesThroughPpLinkAndConvertsWithMask() throws Exception {
        Record bo = create(db, "bo", "o", "OUT", "i PP", "ZNAM", "Off", "ONAM", "On");
        Record bi = create(db, "bi", "i", "ZNAM", "lo", "ONAM", "hi");
        Record raw = create(db, "bo", "r", "DTYP", "Raw Soft Channel", "OUT", "li PP", "MASK", "4");
        Record li = create(db, "longin", "li");
        db.init();
        put(db, "o", "On");
        assertEquals("hi", get(bi, "VAL"));
        assertEquals(0, getL(bi, "UDF"));
        assertEquals(1, getL(bo, "RVAL"));
        put(db, "r", "1");
        assertEquals(4, getL(raw, "RVAL"));
        assertEquals(4, getL(li, "VAL"));
        put(db, "r", "0");
        assertEquals(0, getL(li, "VAL"));
    }

    @Test
    void boUdfUntilWritten() throws Exception {
        Record bo = create(db, "bo", "o");
        db.init();
        db.processLocked(bo);
        assertEquals("UDF/INVALID", alarm(bo));
        put(db, "o", "1");
        assertEquals("NO_ALARM/NO_ALARM", alarm(bo));
    }

    @Test
    void boHighReturnsToZeroAndProcessesAgain() throws Exception {
        Record bo = create(db, "bo", "o", "HIGH", "0.2", "OUT", "li PP");
        Record li = create(db, "longin", "li");
        db.init();
        List<Integer> ev = Rec.events(db, "o");
        long t0 = System.nanoTime();
        put(db, "o", "1");
        assertEquals(1, getL(bo, "VAL"));
        assertEquals(1, getL(li, "VAL"));
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (getL(bo, "VAL") != 0 && System.nanoTime() < deadline) Thread.sleep(10);
        long waited = System.nanoTime() - t0;
        assertEquals(0, getL(bo, "VAL"));
        assertTrue(waited >= 150_000_000L, "returned to 0 too early: " + waited);
        Thread.sleep(50);
        assertEquals(0, getL(li, "VAL"), "the return to 0 was written through OUT");
        assertTrue(ev.size() >= 2, "VAL posted on the way up and down: " + ev);
    }

    @Test
    void namChangePostsProperty() throws Exception {
        create(db, "bo", "o", "ZNAM", "Off", "ONAM", "On");
        db.init();
        List<Integer> ev = Rec.events(db, "o");
        put(db, "o.ONAM", "Running");
        assertTrue(ev.stream().anyMatch(m -> (m & FieldListener.DBE_PROPERTY) != 0), ev.toString());
        assertArrayEquals(new String[] {"Off", "Running"}, db.resolve("o").record.choices(
                db.resolve("o").field));
    }

    @Test
    void boIvoaSetsOutputToIvov() throws Exception {
        Record bo = create(db, "bo", "o", "OUT", "li PP", "IVOA", "Set output to IVOV", "IVOV", "0",
                "OSV", "INVALID");
        Record li = create(db, "longin", "li", "INP", "5");
        Record keep = create(db, "bo", "k", "OUT", "lk PP", "IVOA", "Don't drive outputs", "OSV", "INVALID");
        Record lk = create(db, "longin", "lk", "INP", "5");
        db.init();
        put(db, "o", "1");
        assertEquals("STATE/INVALID", alarm(bo));
        assertEquals(0, getL(bo, "VAL"));
        assertEquals(0, getL(li, "VAL"));
        put(db, "k", "1");
        assertEquals(1, getL(keep, "VAL"));
        assertEquals(5, getL(lk, "VAL"));
    }
}
