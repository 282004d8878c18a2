package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jioc.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DfanoutRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    private void build(String... fields) throws Exception {
        db = newDb();
        String[] all = new String[8 + fields.length];
        String letters = "ABCD";
        for (int i = 0; i < 4; i++) {
            all[2 * i] = "OUT" + letters.charAt(i);
            all[2 * i + 1] = "t" + i + " PP";
            rec(db, "ao", "t" + i, "VAL", "-1");
        }
        System.arraycopy(fields, 0, all, 8, fields.length);
        rec(db, "dfanout", "d", all);
        db.init();
    }

    private String targets() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) b.append((int) num(db, "t" + i)).append(' ');
        return b.toString().trim();
    }

    @Test
    void allWritesValToEveryOutput() throws Exception {
        build("SELM", "All");
        assertEquals("UDF", str(db, "d.STAT"));
        put(db, "d", 5);
        assertEquals("5 5 5 5", targets());
        assertEquals("NO_ALARM", str(db, "d.SEVR"));
    }

    @Test
    void specifiedIsOneBasedAndMaskSelectsBits() throws Exception {
        build("SELM", "Specified", "SELN", "2");
        put(db, "d", 3);
        assertEquals("-1 3 -1 -1", targets());
        put(db, "d.SELN", 0);
        put(db, "d", 4);
        assertEquals("-1 3 -1 -1", targets(), "SELN 0 writes nothing");
        putStr(db, "d.SELM", "Mask");
        put(db, "d.SELN", 9); // bits 0 and 3
        put(db, "d", 6);
        assertEquals("6 3 -1 6", targets());
        putStr(db, "d.SELM", "Specified");
        put(db, "d.SELN", 17);
        put(db, "d", 1);
        assertEquals("INVALID", str(db, "d.SEVR"));
    }

    @Test
    void closedLoopReadsDol() throws Exception {
        db = newDb();
        rec(db, "calc", "src", "CALC", "A", "INPA", "12");
        rec(db, "dfanout", "d", "DOL", "src PP", "OMSL", "closed_loop", "OUTA", "t PP", "HIGH", "10", "HSV",
                "MINOR");
        rec(db, "ao", "t");
        db.init();
        process(db, "d");
        assertEquals(12.0, num(db, "d"));
        assertEquals(12.0, num(db, "t"));
        assertEquals("HIGH", str(db, "d.STAT"));
    }

    @Test
    void constantDolInitialisesVal() throws Exception {
        db = newDb();
        rec(db, "dfanout", "d", "DOL", "2.5");
        db.init();
        assertEquals(2.5, num(db, "d"));
        assertEquals(0.0, num(db, "d.UDF"));
    }
}
