package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jioc.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FanoutRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    /** A fanout over LNK0..LNK5 to counters c0..c5 (calc VAL+1), plus extra fields. */
    private void build(String... fields) throws Exception {
        db = newDb();
        String[] all = new String[12 + fields.length];
        for (int i = 0; i < 6; i++) {
            all[2 * i] = "LNK" + i;
            all[2 * i + 1] = "c" + i;
            rec(db, "calc", "c" + i, "CALC", "VAL+1");
        }
        System.arraycopy(fields, 0, all, 12, fields.length);
        rec(db, "fanout", "f", all);
        db.init();
    }

    private String counts() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) b.append((int) num(db, "c" + i));
        return b.toString();
    }

    @Test
    void allProcessesEveryLink() throws Exception {
        build("SELM", "All");
        process(db, "f");
        process(db, "f");
        assertEquals("222222", counts());
        assertEquals("NO_ALARM", str(db, "f.SEVR"));
    }

    @Test
    void specifiedUsesSelnPlusOffs() throws Exception {
        build("SELM", "Specified", "SELN", "2");
        process(db, "f");
        assertEquals("001000", counts());
        put(db, "f.OFFS", 3);
        process(db, "f");
        assertEquals("001001", counts());
        put(db, "f.SELN", 0);
        put(db, "f.OFFS", 0);
        process(db, "f");
        assertEquals("101001", counts(), "SELN 0 selects LNK0");
        put(db, "f.SELN", 16);
        process(db, "f");
        assertEquals("SOFT", str(db, "f.STAT"));
        assertEquals("INVALID", str(db, "f.SEVR"));
    }

    @Test
    void maskWithShift() throws Exception {
        build("SELM", "Mask", "SELN", "10"); // default SHFT -1: bit n selects LNKn+1... shifted left by one
        process(db, "f");
        // 10 = 0b1010, SHFT -1 -> 0b10100: LNK2 and LNK4
        assertEquals("001010", counts());
        put(db, "f.SHFT", 0);
        process(db, "f");
        assertEquals("011110", counts(), "bits 1 and 3");
        put(db, "f.SHFT", 16);
        process(db, "f");
        assertEquals("INVALID", str(db, "f.SEVR"));
    }

    @Test
    void sellSuppliesSeln() throws Exception {
        db = newDb();
        rec(db, "calc", "sel", "CALC", "1");
        rec(db, "calc", "a", "CALC", "VAL+1");
        rec(db, "calc", "b", "CALC", "VAL+1");
        rec(db, "fanout", "f", "SELM", "Specified", "SELN", "0", "SELL", "sel PP", "LNK0", "a", "LNK1", "b");
        db.init();
        process(db, "f");
        assertEquals(0.0, num(db, "a"));
        assertEquals(1.0, num(db, "b"));
        assertEquals(1.0, num(db, "f.SELN"));
    }
}
