package org.jioc.record;

import static org.jioc.record.RecTest.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalcRecordTest {
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "#", value = {
        "A+B             # 1 # 2 # 0 # 3",
        "A*B-C           # 3 # 4 # 5 # 7",
        "MAX(A,B,C)      # 3 # 9 # 5 # 9",
        "A>B?A:B         # 3 # 9 # 0 # 9",
        "(A+B)/C         # 1 # 2 # 4 # 0.75",
        "SQRT(C)+ABS(A)  # -2# 0 # 16# 6",
        "B:=A*2;B+C      # 5 # 0 # 1 # 11",
        "A&&B||C         # 0 # 1 # 0 # 0",
        "~~A             # 7 # 0 # 0 # 7",
    })
    void expressionTable(String expr, double a, double b, double c, double expected) throws Exception {
        db = newDb();
        rec(db, "calc", "c", "CALC", expr.trim(), "INPA", Double.toString(a), "INPB", Double.toString(b),
                "INPC", Double.toString(c));
        db.init();
        process(db, "c");
        assertEquals(expected, num(db, "c"), 1e-12, expr);
        assertEquals("NO_ALARM", str(db, "c.SEVR"));
    }

    @Test
    void assignmentsWriteBackIntoInputs() throws Exception {
        db = newDb();
        rec(db, "calc", "cnt", "CALC", "A:=A+1;A");
        db.init();
        process(db, "cnt");
        process(db, "cnt");
        process(db, "cnt");
        assertEquals(3.0, num(db, "cnt"));
        assertEquals(3.0, num(db, "cnt.A"));
        assertEquals(3.0, num(db, "cnt.LA"), "LA follows A after posting");
    }

    @Test
    void valOperandIsPreviousValue() throws Exception {
        db = newDb();
        rec(db, "calc", "acc", "CALC", "VAL+A", "INPA", "2");
        db.init();
        process(db, "acc");
        process(db, "acc");
        assertEquals(4.0, num(db, "acc"));
    }

    @Test
    void inputsFromLinksAndPostingOfChangedInputs() throws Exception {
        db = newDb();
        rec(db, "calc", "src", "CALC", "A", "INPA", "1");
        rec(db, "calc", "c", "CALC", "A+B", "INPA", "src PP", "INPB", "10");
        db.init();
        List<Integer> aEvents = events(db, "c.A");
        List<Integer> bEvents = events(db, "c.B");
        process(db, "c");
        assertEquals(11.0, num(db, "c"));
        int afterFirst = aEvents.size();
        assertTrue(afterFirst >= 1, "A changed from 0 to 1: posted");
        process(db, "c");
        assertEquals(afterFirst, aEvents.size(), "A unchanged and no alarm change: not posted");
        put(db, "src.A", 5);
        process(db, "c");
        assertEquals(afterFirst + 1, aEvents.size());
        assertTrue((aEvents.get(aEvents.size() - 1) & FieldListener.DBE_VALUE) != 0);
        assertEquals(15.0, num(db, "c"));
        assertTrue(bEvents.size() <= afterFirst, "B only posted with the first alarm change");
    }

    @Test
    void badCalcRefusedOnPutAndOldExpressionKept() throws Exception {
        db = newDb();
        rec(db, "calc", "c", "CALC", "A+1", "INPA", "1");
        db.init();
        DbException e = assertThrows(DbException.class, () -> putStr(db, "c.CALC", "A+*2"));
        assertTrue(e.getMessage().contains("c.CALC"), e.getMessage());
        assertEquals("A+1", str(db, "c.CALC"));
        process(db, "c");
        assertEquals(2.0, num(db, "c"));
        putStr(db, "c.CALC", "A*100"); // pp: processes with the new expression
        assertEquals(100.0, num(db, "c"));
    }

    @Test
    void badCalcAtInitIsAClearError() throws Exception {
        db = newDb();
        rec(db, "calc", "broken", "CALC", "SIN(");
        DbException e = assertThrows(DbException.class, db::init);
        assertTrue(e.getMessage().contains("broken") && e.getMessage().contains("CALC")
                && e.getMessage().contains("SIN("), e.getMessage());
        db = null;
    }

    @Test
    void emptyCalcRaisesCalcAlarm() throws Exception {
        db = newDb();
        rec(db, "calc", "c");
        db.init();
        process(db, "c");
        assertEquals("CALC", str(db, "c.STAT"));
        assertEquals("INVALID", str(db, "c.SEVR"));
    }

    @Test
    void udfUntilValueAndNanResultIsUdf() throws Exception {
        db = newDb();
        rec(db, "calc", "c", "CALC", "A/B", "INPA", "0", "INPB", "0");
        db.init();
        assertEquals("UDF", str(db, "c.STAT"));
        process(db, "c");
        assertTrue(Double.isNaN(num(db, "c")));
        assertEquals("UDF", str(db, "c.STAT"), "NaN result is allowed but leaves UDF set");
        put(db, "c.B", 2);
        assertEquals(0.0, num(db, "c"));
        assertEquals("NO_ALARM", str(db, "c.SEVR"));
    }

    @Test
    void limitAlarmsWithHysteresisAndDeadband() throws Exception {
        db = newDb();
        rec(db, "calc", "c", "CALC", "A", "HIHI", "10", "HHSV", "MAJOR", "HIGH", "5", "HSV", "MINOR",
                "HYST", "1", "MDEL", "0.5");
        db.init();
        List<Integer> val = events(db, "c");
        put(db, "c.A", 11);
        assertEquals("HIHI", str(db, "c.STAT"));
        assertEquals("MAJOR", str(db, "c.SEVR"));
        put(db, "c.A", 9.5); // within HYST of HIHI: stays HIHI
        assertEquals("HIHI", str(db, "c.STAT"));
        put(db, "c.A", 8);
        assertEquals("HIGH", str(db, "c.STAT"));
        put(db, "c.A", 1);
        assertEquals("NO_ALARM", str(db, "c.STAT"));
        long n = val.stream().filter(m -> (m & FieldListener.DBE_VALUE) != 0).count();
        put(db, "c.A", 1.2); // inside MDEL: no value post (ADEL 0 still archives it)
        assertEquals(n, val.stream().filter(m -> (m & FieldListener.DBE_VALUE) != 0).count());
        assertEquals(FieldListener.DBE_LOG, (int) val.get(val.size() - 1));
        put(db, "c.A", 2);
        assertEquals(n + 1, val.stream().filter(m -> (m & FieldListener.DBE_VALUE) != 0).count());
    }
}
