package org.jioc.record;

import static org.jioc.record.Rec.alarm;
import static org.jioc.record.Rec.create;
import static org.jioc.record.Rec.get;
import static org.jioc.record.Rec.getL;
import static org.jioc.record.Rec.put;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.DbfType;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldListener;
import org.jioc.db.Record;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StringDiscreteTest {
    private Database db = Rec.newDb();

    @AfterEach
    void stop() { db.shutdown(); }

    private static String longText(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append((char) ('a' + i % 26));
        return b.toString();
    }

    @Test
    void stringoutWritesStringinThroughPpLink() throws Exception {
        Record so = create(db, "stringout", "so", "OUT", "si PP");
        Record si = create(db, "stringin", "si");
        db.init();
        db.processLocked(so);
        assertEquals("UDF/INVALID", alarm(so));
        put(db, "so", "hello world");
        assertEquals("hello world", get(si, "VAL"));
        assertEquals("NO_ALARM/NO_ALARM", alarm(so));
        put(db, "so", longText(60));
        assertEquals(longText(39), get(so, "VAL"), "VAL holds 39 characters + NUL");
    }

    @Test
    void stringinReadsLinkAndPostsOnChangeOrAlways() throws Exception {
        Record src = create(db, "stringout", "src");
        Record si = create(db, "stringin", "si", "INP", "src");
        Record always = create(db, "stringin", "al", "INP", "src", "MPST", "Always");
        db.init();
        src.storeString(src.type().field("VAL"), "abc");
        db.processLocked(si);
        db.processLocked(always);
        List<Integer> ev = Rec.events(db, "si");
        List<Integer> evA = Rec.events(db, "al");
        db.processLocked(si);
        db.processLocked(always);
        assertEquals(List.of(), ev);
        assertEquals(List.of(FieldListener.DBE_VALUE), evA);
        src.storeString(src.type().field("VAL"), "xyz");
        db.processLocked(si);
        assertEquals("xyz", get(si, "VAL"));
        assertEquals(List.of(FieldListener.DBE_VALUE | FieldListener.DBE_LOG), ev);
        assertEquals("On Change", get(si, "MPST"));
        assertEquals("xyz", get(si, "OVAL"));
        assertEquals("abc", get(always, "VAL"));
    }

    @Test
    void stringinConstantInp() throws Exception {
        Record si = create(db, "stringin", "si", "INP", "\"initial\"");
        db.init();
        assertEquals("initial", get(si, "VAL"));
        assertEquals(0, getL(si, "UDF"));
    }

    @Test
    void lsoToLsiLongStringRoundTrip() throws Exception {
        Record lso = create(db, "lso", "lso", "SIZV", "200", "OUT", "lsi PP");
        Record lsi = create(db, "lsi", "lsi", "SIZV", "200");
        Record shortLsi = create(db, "lsi", "short");
        Record reader = create(db, "lsi", "reader", "SIZV", "300", "INP", "lso");
        db.init();
        String text = longText(150);
        FieldAddress dollar = db.resolve("lso.VAL$");
        db.putField(dollar, r -> r.storeString(dollar.field, text));
        assertEquals(text, get(lso, "VAL"));
        assertEquals(151, getL(lso, "LEN"));
        assertEquals(text, get(lsi, "VAL"));
        assertEquals(151, getL(lsi, "LEN"));
        FieldAddress a = db.resolve("lsi.VAL$");
        assertEquals(DbfType.CHAR, a.type());
        assertEquals(200, a.capacity());
        assertEquals(151, a.count());
        FieldAddress plain = db.resolve("lsi");
        assertEquals(DbfType.STRING, plain.type());
        db.processLocked(reader);
        assertEquals(text, get(reader, "VAL"));
        put(db, "short", text);
        assertEquals(text.substring(0, 40), get(shortLsi, "VAL"), "default SIZV 41");
        assertEquals(41, db.resolve("short.VAL$").capacity());
    }

    @Test
    void lsiSizvMinimumAndConstantInp() throws Exception {
        Record tiny = create(db, "lsi", "tiny", "SIZV", "4", "INP", "\"" + longText(50) + "\"");
        db.init();
        assertEquals(16, getL(tiny, "SIZV"));
        assertEquals(longText(15), get(tiny, "VAL"));
        assertEquals(16, getL(tiny, "LEN"));
        assertEquals(0, getL(tiny, "UDF"));
    }

    @Test
    void lsoPostsLenAndValue() throws Exception {
        Record lso = create(db, "lso", "lso", "SIZV", "100");
        db.init();
        List<Integer> ev = Rec.events(db, "lso");
        List<Integer> len = Rec.events(db, "lso.LEN");
        put(db, "lso", longText(60));
        assertEquals(List.of(FieldListener.DBE_VALUE | FieldListener.DBE_LOG | FieldListener.DBE_ALARM), ev);
        assertEquals(false, len.isEmpty());
        assertEquals(61, getL(lso, "OLEN"));
        assertEquals(longText(60), get(lso, "OVAL"));
    }
}
