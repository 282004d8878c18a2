package org.jioc.autosave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jioc.db.FieldAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of field saved by one IOC and restored at boot by another, through the st.cmd commands. */
class SaveRestoreRoundTripTest {
    @TempDir
    Path dir;

    static final String DB = String.join("\n",
            "record(ao, \"d\") { field(PREC, \"1\") }",
            "record(ao, \"target\") { }",
            "record(longout, \"l\") { }",
            "record(int64out, \"i64\") { }",
            "record(mbbo, \"e\") { field(ZRST, \"Zero\") field(ONST, \"One\") field(TWST, \"Two\") field(THST, \"Three\") }",
            "record(stringout, \"s\") { }",
            "record(lso, \"ls\") { field(SIZV, \"200\") }",
            wf("wdouble", "DOUBLE"), wf("wfloat", "FLOAT"), wf("wlong", "LONG"), wf("wulong", "ULONG"),
            wf("wshort", "SHORT"), wf("wushort", "USHORT"), wf("wchar", "CHAR"), wf("wuchar", "UCHAR"),
            wf("wint64", "INT64"), wf("wuint64", "UINT64"), wf("wstring", "STRING"), wf("wempty", "DOUBLE"),
            "");

    private static String wf(String name, String ftvl) {
        return "record(waveform, \"" + name + "\") { field(FTVL, \"" + ftvl + "\") field(NELM, \"6\") }";
    }

    static final List<String> PVS = List.of("d", "d.DESC", "d.SCAN", "d.OUT", "d.EGU", "l", "i64", "e", "s",
            "ls.VAL$", "wdouble", "wfloat", "wlong", "wulong", "wshort", "wushort", "wchar", "wuchar", "wint64",
            "wuint64", "wstring", "wempty");

    private void setValues(TestIoc a) throws Exception {
        a.put("d", "0.1");
        a.put("d.DESC", " He said \"hi\" \\ back ");
        a.put("d.SCAN", "1 second");
        a.put("d.OUT", "target PP");
        a.put("d.EGU", "µm");
        a.put("l", "-123456");
        a.put("i64", "9007199254740993");   // 2^53 + 1: exact, not through a double
        a.put("e", "Two");
        a.put("s", "tab\there, newline\nthere");
        a.put("ls.VAL$", "/data/" + "y".repeat(150));
        array(a, "wdouble", new double[] {0.1, -1e-20, 123456789.123456789, Double.NaN, Double.NEGATIVE_INFINITY});
        array(a, "wfloat", new float[] {3.14159265f, 0.1f, -2.5e10f});
        array(a, "wlong", new int[] {Integer.MIN_VALUE, -1, 0, Integer.MAX_VALUE});
        array(a, "wulong", new int[] {-1, 7});                 // 4294967295
        array(a, "wshort", new short[] {Short.MIN_VALUE, 12});
        array(a, "wushort", new short[] {(short) 65535, 1});
        array(a, "wchar", new byte[] {-128, 65, 0, 127});
        array(a, "wuchar", new byte[] {(byte) 255, 1});
        array(a, "wint64", new long[] {Long.MIN_VALUE, 9007199254740993L});
        array(a, "wuint64", new long[] {-1L, 3});                // 18446744073709551615
        array(a, "wstring", new String[] {"a \"quoted\" one", "back\\slash", "", "line\nbreak", "{ braces }"});
        array(a, "wempty", new double[0]);
    }

    private static void array(TestIoc a, String name, Object values) throws Exception {
        FieldAddress f = a.addr(name);
        int n = java.lang.reflect.Array.getLength(values);
        a.ioc.database().putField(f, r -> r.arrayPut(f.field, values, n));
    }

    @Test
    void everyFieldKindSurvivesSaveAndBootRestore() throws Exception {
        TestIoc.write(dir, "test.db", DB);
        TestIoc.write(dir, "all.req", String.join("\n", PVS) + "\n");
        Path saves = dir.resolve("saves");
        List<SavedValue> before;
        try (TestIoc a = new TestIoc(dir)) {
            a.run("dbLoadRecords test.db", "set_savefile_path saves", "iocInit", "create_manual_set all.req");
            setValues(a);
            before = PVS.stream().map(a::saved).toList();
            a.run("manual_save all.req");
            assertTrue(a.output().contains("manual_save: all.req saved"), a.output());
        }
        String text = Files.readString(saves.resolve("all.sav"));
        assertTrue(text.startsWith("# save/restore V5.11\tAutomatically generated - DO NOT MODIFY - "), text);
        assertTrue(text.endsWith("\n<END>\n"), text);
        // the lines autosave itself would write for these values
        assertTrue(text.contains("\nd 0.1\n"), text);                         // %.14g, not PREC 1
        assertTrue(text.contains("\nd.SCAN 6\n"), text);                      // a menu by index
        assertTrue(text.contains("\ne 2\n"), text);                           // an enum by index
        assertTrue(text.contains("\nd.DESC  He said \\\"hi\\\" \\\\ back \n"), text);
        assertTrue(text.contains("\nwfloat @array@ { \"3.141593\" \"0.1\" \"-2.5e+10\" }\n"), text);
        assertTrue(text.contains("\nwdouble @array@ { \"0.1\" \"-1e-20\" \"123456789.12346\" \"nan\" \"-inf\" }\n"),
                text);
        assertTrue(text.contains("\nwulong @array@ { \"4294967295\" \"7\" }\n"), text);
        assertTrue(text.contains("\nwchar @array@ { \"-128\" \"65\" \"0\" \"127\" }\n"), text);
        assertTrue(text.contains("\nwstring @array@ { \"a \\\\\\\"quoted\\\\\\\" one\" "), text);
        assertTrue(text.contains("\nwempty @array@ { }\n"), text);

        try (TestIoc b = new TestIoc(dir)) {
            b.run("dbLoadRecords test.db", "set_savefile_path saves",
                    "set_pass0_restoreFile all.sav", "set_pass1_restoreFile all.sav", "iocInit");
            List<SavedValue> after = PVS.stream().map(b::saved).toList();
            for (int i = 0; i < PVS.size(); i++) assertEquals(before.get(i), after.get(i), PVS.get(i));
            assertEquals(" He said \"hi\" \\ back ", b.get("d.DESC"));
            assertEquals("target PP", b.get("d.OUT"));        // a link, restored in pass 0
            assertEquals("Two", b.get("e"));
            assertEquals("9007199254740993", b.get("i64"));
            assertEquals(150 + 6, b.get("ls.VAL").length());
            assertEquals(0, b.addr("wempty").record.arrayCount(b.addr("wempty").field));
            assertTrue(b.log().stream().noneMatch(l -> l.startsWith("WARNING")), b.log().toString());
        }
    }

    @Test
    void menusAndEnumsRestoreFromIndexOrChoiceString() throws Exception {
        TestIoc.write(dir, "test.db", DB);
        TestIoc.write(dir, "by-index.sav", "# save/restore V5.11\tAutomatically generated - DO NOT MODIFY - x\n"
                + "d.SCAN 6\ne.VAL 3\n<END>\n");
        TestIoc.write(dir, "by-string.sav", "# hand written\nd.SCAN 1 second\ne Two\n<END>\n");
        try (TestIoc b = new TestIoc(dir)) {
            b.run("dbLoadRecords test.db", "set_pass0_restoreFile by-index.sav", "iocInit");
            assertEquals("1 second", b.get("d.SCAN"));
            assertEquals("Three", b.get("e"));
        }
        try (TestIoc b = new TestIoc(dir)) {
            b.run("dbLoadRecords test.db", "set_pass0_restoreFile by-string.sav", "iocInit");
            assertEquals("1 second", b.get("d.SCAN"));
            assertEquals("Two", b.get("e"));
        }
    }

    @Test
    void restoreMacrosAndUnknownPvsAreReportedNotFatal() throws Exception {
        TestIoc.write(dir, "test.db", DB);
        TestIoc.write(dir, "m.sav", "# x\n$(R).VAL 42\ngone.VAL 1\ns bad$(Q)\nl.VAL 7\n<END>\n");
        try (TestIoc b = new TestIoc(dir)) {
            b.run("dbLoadRecords test.db", "set_pass0_restoreFile m.sav R=d", "iocInit");
            assertEquals("42.0", b.get("d"));
            assertEquals("7", b.get("l"));
            String log = String.join("\n", b.log());
            assertTrue(log.contains(dir.resolve("m.sav") + ":3: no PV 'gone.VAL' in this IOC; not restored"), log);
            assertTrue(log.contains(dir.resolve("m.sav") + ":4: macro Q is undefined"), log);
        }
    }
}
