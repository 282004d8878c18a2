package org.jioc.pva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;

import org.epics.pva.data.PVAByte;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVAShort;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.nt.PVAEnum;
import org.junit.jupiter.api.Test;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.DeviceRegistry;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.LockSet;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.db.RecordType;
import org.jioc.record.StandardRecords;

/** The normative type of every DBF type, alarm mapping, and how puts decode. No network. */
class NtCodecTest {
    static Database db() throws Exception {
        DeviceRegistry devices = new DeviceRegistry();
        StandardRecords.registerDevices(devices);
        return new Database(StandardRecords.types(), devices);
    }

    /** Encode under the lock set; records of a database that was never initialised have none yet. */
    static PVAStructure encode(FieldAddress a) {
        if (!a.record.database().isRunning()) return new NtCodec(a).encode();
        try (LockSet.Guard g = a.lock()) {
            return new NtCodec(a).encode();
        }
    }

    /** The pvData type name each scalar DBF type must be served as (QSRV's mapping). */
    static final Map<DbfType, String> SCALAR_TYPES = new EnumMap<>(Map.ofEntries(
            Map.entry(DbfType.CHAR, "byte"), Map.entry(DbfType.UCHAR, "ubyte"),
            Map.entry(DbfType.SHORT, "short"), Map.entry(DbfType.USHORT, "ushort"),
            Map.entry(DbfType.LONG, "int"), Map.entry(DbfType.ULONG, "uint"),
            Map.entry(DbfType.INT64, "long"), Map.entry(DbfType.UINT64, "ulong"),
            Map.entry(DbfType.FLOAT, "float"), Map.entry(DbfType.DOUBLE, "double"),
            Map.entry(DbfType.STRING, "string"), Map.entry(DbfType.INLINK, "string"),
            Map.entry(DbfType.OUTLINK, "string"), Map.entry(DbfType.FWDLINK, "string")));

    @Test
    void everyScalarFieldTypeOfTheStandardRecordsHasItsElementType() throws Exception {
        Database db = db();
        int checked = 0;
        for (RecordType t : StandardRecords.types().values()) {
            Record r = db.create(t.name(), "t:" + t.name());
            for (FieldDef f : t.fields()) {
                if (f.isArray() || f.type == DbfType.NOACCESS) continue;
                FieldAddress a = db.resolve(r.name() + "." + f.name);
                assertNotNull(a, f.name);
                PVAStructure s = encode(a);
                PVAData v = s.get("value");
                if (r.fieldType(f).isEnumLike()) {
                    assertEquals(NtCodec.NT_ENUM, s.getStructureName(), a.toString());
                    assertTrue(v instanceof PVAStructure && ((PVAStructure) v).get("choices") != null, a.toString());
                    assertNull(s.get("display"), "NTEnum has no display: " + a);
                } else {
                    assertEquals(NtCodec.NT_SCALAR, s.getStructureName(), a.toString());
                    assertEquals(SCALAR_TYPES.get(r.fieldType(f)), v.getType(), a.toString());
                    assertNotNull(s.get("display"), a.toString());
                    boolean numeric = r.fieldType(f).isNumeric();
                    assertEquals(numeric, s.get("control") != null, a.toString());
                    assertEquals(numeric, s.get("valueAlarm") != null, a.toString());
                    if (numeric) {
                        PVAStructure display = s.get("display");
                        assertEquals(v.getType(), display.get("limitLow").getType(), "limits typed like value: " + a);
                    }
                }
                assertNotNull(s.get("alarm"));
                assertNotNull(s.get("timeStamp"));
                checked++;
            }
        }
        assertTrue(checked > 500, "fields checked: " + checked);
    }

    @Test
    void waveformArraysFollowFtvl() throws Exception {
        Database db = db();
        Map<String, String> expect = Map.ofEntries(Map.entry("CHAR", "byte[]"), Map.entry("UCHAR", "ubyte[]"),
                Map.entry("SHORT", "short[]"), Map.entry("USHORT", "ushort[]"), Map.entry("LONG", "int[]"),
                Map.entry("ULONG", "uint[]"), Map.entry("INT64", "long[]"), Map.entry("UINT64", "ulong[]"),
                Map.entry("FLOAT", "float[]"), Map.entry("DOUBLE", "double[]"), Map.entry("STRING", "string[]"));
        for (Map.Entry<String, String> e : expect.entrySet()) {
            Record r = db.create("waveform", "wf:" + e.getKey());
            r.storeString(r.type().field("FTVL"), e.getKey());
            r.storeString(r.type().field("NELM"), "5");
        }
        db.init();
        for (Map.Entry<String, String> e : expect.entrySet()) {
            FieldAddress a = db.resolve("wf:" + e.getKey());
            db.putField(a, r -> r.arrayPut(a.field, new double[] {1, 2, 3}, 3));
            PVAStructure s = encode(a);
            assertEquals(NtCodec.NT_SCALAR_ARRAY, s.getStructureName());
            assertEquals(e.getValue(), s.get("value").getType(), e.getKey());
            assertTrue(s.get("value").format().contains("3"), "NORD elements: " + s.get("value").format());
        }
        db.shutdown();
    }

    @Test
    void longStringsAreOneString() throws Exception {
        Database db = db();
        Record r = db.create("ai", "ls:ai");
        r.storeString(r.type().field("DESC"), "a description");
        r.storeString(r.type().field("INP"), "some:other:record.VAL CP MS");
        PVAStructure s = encode(db.resolve("ls:ai.DESC$"));
        assertEquals("string", s.get("value").getType());
        assertEquals("a description", ((PVAString) s.get("value")).get());
        assertEquals("some:other:record.VAL CP MS", ((PVAString) encode(db.resolve("ls:ai.INP$")).get("value")).get());
    }

    @Test
    void alarmStatusIsGroupedAsQsrvDoesAndTheMessageIsAmsgOrTheStatusName() {
        assertEquals(0, PvaAlarm.status(Menus.NO_ALARM));
        assertEquals(PvaAlarm.DEVICE, PvaAlarm.status(Menus.HIHI_ALARM));
        assertEquals(PvaAlarm.DEVICE, PvaAlarm.status(Menus.STATE_ALARM));
        assertEquals(PvaAlarm.DRIVER, PvaAlarm.status(Menus.UDF_ALARM));
        assertEquals(PvaAlarm.DRIVER, PvaAlarm.status(Menus.COMM_ALARM));
        assertEquals(PvaAlarm.RECORD, PvaAlarm.status(Menus.LINK_ALARM));
        assertEquals(PvaAlarm.RECORD, PvaAlarm.status(Menus.CALC_ALARM));
        assertEquals(PvaAlarm.DB, PvaAlarm.status(Menus.DISABLE_ALARM));
        assertEquals(PvaAlarm.DB, PvaAlarm.status(Menus.WRITE_ACCESS_ALARM));
        assertEquals(PvaAlarm.UNDEFINED, PvaAlarm.status(99));
        assertEquals("", PvaAlarm.message(Menus.NO_ALARM, ""));
        assertEquals("HIHI", PvaAlarm.message(Menus.HIHI_ALARM, ""));
        assertEquals("motor stalled", PvaAlarm.message(Menus.STATE_ALARM, "motor stalled"));
    }

    @Test
    void putsDecodeOnlyTheValue() throws Exception {
        Database db = db();
        Record ao = db.create("ao", "put:ao");
        Record bo = db.create("bo", "put:bo");
        db.create("longout", "put:lo");
        db.init();
        FieldAddress a = db.resolve("put:ao");
        NtCodec c = new NtCodec(a);
        PVAStructure s = encode(a);
        ((PVADouble) s.get("value")).set(2.5);
        BitSet changes = new BitSet();
        changes.set(s.getIndex(s.get("value")));
        db.putField(a, c.decode(changes, s));
        assertEquals(2.5, ao.getDouble(a.field));
        // a put without the value is refused
        BitSet alarmOnly = new BitSet();
        alarmOnly.set(s.getIndex(s.get("alarm")));
        assertThrows(DbException.class, () -> c.decode(alarmOnly, s));

        FieldAddress b = db.resolve("put:bo");
        NtCodec bc = new NtCodec(b);
        PVAStructure e = encode(b);
        PVAEnum value = e.get("value");
        ((PVAInt) value.get("index")).set(1);
        BitSet idx = new BitSet();
        idx.set(e.getIndex(value.get("index")));
        db.putField(b, bc.decode(idx, e));
        assertEquals(1, bo.getLong(b.field));
        BitSet choices = new BitSet();
        choices.set(e.getIndex(value.get("choices")));
        DbException refused = assertThrows(DbException.class, () -> bc.decode(choices, e));
        assertTrue(refused.getMessage().contains("choices"), refused.getMessage());

        FieldAddress l = db.resolve("put:lo");
        PVAStructure ls = encode(l);
        ((PVAInt) ls.get("value")).set(-12);
        BitSet whole = new BitSet();
        whole.set(0);
        db.putField(l, new NtCodec(l).decode(whole, ls));
        assertEquals(-12, l.record.getLong(l.field));
        db.shutdown();
    }

    @Test
    void unsignedValuesKeepTheirBits() {
        assertEquals(255, Byte.toUnsignedInt(((PVAByte) PvaType.UBYTE.ofLong("v", 255)).get()));
        assertEquals(65535, Short.toUnsignedInt(((PVAShort) PvaType.USHORT.ofLong("v", 65535)).get()));
        assertEquals(4294967295L, Integer.toUnsignedLong(((PVAInt) PvaType.UINT.ofDouble("v", 4294967295.0)).get()));
        assertEquals(-1L, ((PVALong) PvaType.ULONG.ofLong("v", -1L)).get());
        assertTrue(((PVAInt) PvaType.UINT.ofLong("v", 1)).isUnsigned());
        assertFalse(((PVAInt) PvaType.INT.ofLong("v", 1)).isUnsigned());
        assertArrayEquals(new String[] {"1", "2"}, ((org.epics.pva.data.PVAStringArray) PvaType.STRING.array("v",
                new String[] {"1", "2", "3"}, 2)).get());
    }
}
