package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AaoRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    @Test
    void writesNordElementsToOutAndProcessesPassiveTarget() throws Exception {
        db = newDb();
        rec(db, "aao", "out", "FTVL", "DOUBLE", "NELM", "8", "OUT", "dst PP");
        rec(db, "waveform", "dst", "FTVL", "USHORT", "NELM", "8");
        db.init();
        List<Integer> dstVal = events(db, "dst");
        putArray(db, "out", new double[] {10, 20, 30}, 3);
        FieldAddress d = addr(db, "dst");
        assertEquals(3, d.count());
        assertArrayEquals(new short[] {10, 20, 30, 0, 0, 0, 0, 0}, (short[]) d.record.arrayValue(d.field));
        assertEquals(1, dstVal.size(), "target processed (PP) and posted");
        assertEquals("NO_ALARM", str(db, "out.SEVR"));
        assertEquals(3.0, num(db, "out.NORD"));
    }

    @Test
    void onChangeSuppressesRepeatedPosts() throws Exception {
        db = newDb();
        rec(db, "aao", "out", "FTVL", "LONG", "NELM", "4", "MPST", "On Change", "APST", "On Change");
        db.init();
        List<Integer> ev = events(db, "out");
        putArray(db, "out", new int[] {1, 2}, 2);
        putArray(db, "out", new int[] {1, 2}, 2);
        assertEquals(1, ev.size());
        putArray(db, "out", new int[] {1, 2, 0}, 3);
        assertEquals(2, ev.size(), "a longer array hashes differently");
    }
}
