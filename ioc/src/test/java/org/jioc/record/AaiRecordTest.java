package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jioc.db.Database;
import org.jioc.db.DbfType;
import org.jioc.db.FieldAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AaiRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    @Test
    void readsSourceArrayConvertingToFtvl() throws Exception {
        db = newDb();
        rec(db, "waveform", "src", "FTVL", "DOUBLE", "NELM", "6");
        rec(db, "aai", "in", "FTVL", "LONG", "NELM", "4", "INP", "src NPP", "EGU", "V", "PREC", "2");
        db.init();
        FieldAddress a = addr(db, "in");
        assertEquals(DbfType.LONG, a.type());
        assertEquals("INVALID", str(db, "in.SEVR"));
        putArray(db, "src", new double[] {1.9, -2, 3, 4, 5, 6}, 6);
        process(db, "in");
        assertEquals(4, a.count(), "capped at NELM");
        assertArrayEquals(new int[] {1, -2, 3, 4}, (int[]) a.record.arrayValue(a.field));
        assertEquals("NO_ALARM", str(db, "in.SEVR"));
        assertEquals("V", a.record.units(a.field));
    }

    @Test
    void constantInpAndNelmOneDefaults() throws Exception {
        db = newDb();
        rec(db, "aai", "c", "FTVL", "SHORT", "NELM", "4", "INP", "[5, 6]");
        rec(db, "aai", "one", "FTVL", "DOUBLE");
        db.init();
        assertEquals(2, addr(db, "c").count());
        assertEquals(5.0, num(db, "c"));
        assertEquals(1, addr(db, "one").capacity());
        assertEquals(1, addr(db, "one").count(), "NELM 1: NORD starts at 1");
    }
}
