package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SubArrayRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    private static double[] vals(Database db, String name) {
        FieldAddress a = addr(db, name);
        try (var g = a.lock()) {
            return Arrays.copyOf((double[]) a.record.arrayValue(a.field), a.count());
        }
    }

    @Test
    void indxAndNelmSelectFromWaveform() throws Exception {
        db = newDb();
        rec(db, "waveform", "wf", "FTVL", "DOUBLE", "NELM", "10");
        rec(db, "subArray", "sa", "FTVL", "DOUBLE", "MALM", "10", "NELM", "3", "INDX", "2", "INP", "wf NPP");
        db.init();
        putArray(db, "wf", new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, 10);
        assertEquals(0, addr(db, "sa").count(), "UDF: no elements before the first read");
        process(db, "sa");
        assertArrayEquals(new double[] {2, 3, 4}, vals(db, "sa"));
        assertEquals(10, addr(db, "sa").capacity(), "capacity is MALM");
        put(db, "sa.INDX", 8); // pp: reprocesses
        assertArrayEquals(new double[] {8, 9}, vals(db, "sa"), "only what is left of the source");
        put(db, "sa.NELM", 20); // more than MALM is clamped
        assertEquals(10.0, num(db, "sa.NELM"));
        put(db, "sa.INDX", 0);
        assertEquals(10, addr(db, "sa").count());
        // INDX past the source data: NORD 0, UDF alarm
        putArray(db, "wf", new double[] {1, 2}, 2);
        put(db, "sa.INDX", 5);
        assertEquals(0, addr(db, "sa").count());
        assertEquals("UDF", str(db, "sa.STAT"));
        assertEquals("INVALID", str(db, "sa.SEVR"));
    }

    /** The required shape: one waveform, FLNK to a fanout, the fanout processes four subArrays reading it. */
    @Test
    void fourSubArraysFedByOneWaveformThroughFanout() throws Exception {
        db = newDb();
        rec(db, "waveform", "wf", "FTVL", "LONG", "NELM", "16", "FLNK", "fan");
        rec(db, "fanout", "fan", "SELM", "All", "LNK0", "sa0", "LNK1", "sa1", "LNK2", "sa2", "LNK3", "sa3");
        for (int i = 0; i < 4; i++) {
            rec(db, "subArray", "sa" + i, "FTVL", "DOUBLE", "MALM", "16", "NELM", "4",
                    "INDX", Integer.toString(4 * i), "INP", "wf NPP");
        }
        db.init();
        int[] data = new int[16];
        for (int i = 0; i < 16; i++) data[i] = 100 + i;
        putArray(db, "wf", data, 16);
        for (int i = 0; i < 4; i++) {
            double b = 100 + 4 * i;
            assertArrayEquals(new double[] {b, b + 1, b + 2, b + 3}, vals(db, "sa" + i), "sa" + i);
            assertEquals("NO_ALARM", str(db, "sa" + i + ".SEVR"));
        }
        for (int i = 0; i < 16; i++) data[i] = -i;
        putArray(db, "wf", data, 16);
        assertArrayEquals(new double[] {-12, -13, -14, -15}, vals(db, "sa3"));
        assertEquals(1, db.lockSets().stream().filter(s -> s.size() > 1).count());
    }

    @Test
    void constantInpLoadsSubsetAtInit() throws Exception {
        db = newDb();
        rec(db, "subArray", "sa", "FTVL", "LONG", "MALM", "8", "NELM", "2", "INDX", "1", "INP", "[10,11,12,13]");
        db.init();
        FieldAddress a = addr(db, "sa");
        assertEquals(2, a.count());
        int[] v = (int[]) a.record.arrayValue(a.field);
        assertEquals(11, v[0]);
        assertEquals(12, v[1]);
    }
}
