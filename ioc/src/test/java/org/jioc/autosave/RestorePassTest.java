package org.jioc.autosave;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the passes run in iocInit: pass 0 before init_record (so initialisation sees, and may override, what was
 * restored; links restore here), pass 1 after init_record and before PINI processing (so the restored value wins
 * and is what PINI processes).
 */
class RestorePassTest {
    @TempDir
    Path dir;

    static final String DB = String.join("\n",
            "# DOL constants are loaded into VAL by init_record (pass 1 of the record)",
            "record(ao, \"p0\") { field(DOL, \"5\") field(PREC, \"1\") }",
            "record(ao, \"p1\") { field(DOL, \"5\") field(PREC, \"1\") field(PINI, \"YES\") field(OUT, \"copy PP\") }",
            "record(ao, \"copy\") { field(PREC, \"1\") }",
            "record(ao, \"linked\") { field(PREC, \"1\") }",
            "record(ao, \"defined\") { field(PINI, \"YES\") }",
            "record(ao, \"undefined\") { field(PINI, \"YES\") }",
            "record(waveform, \"w\") { field(NELM, \"3\") }",
            "record(lso, \"ls\") { field(SIZV, \"100\") }",
            "record(calc, \"c\") { field(CALC, \"1\") field(PINI, \"YES\") }",
            "");

    private static String sav(String... lines) {
        return "# save/restore V5.11\tAutomatically generated - DO NOT MODIFY - 250101-120000\n"
                + String.join("\n", lines) + "\n<END>\n";
    }

    @Test
    void passOneRunsSpecialHooksSoDerivedFieldsFollow() throws Exception {
        TestIoc.write(dir, "t.db", DB);
        TestIoc.write(dir, "one.sav", sav("ls.VAL$ " + "z".repeat(60), "c.CALC 40+2"));
        try (TestIoc ioc = new TestIoc(dir)) {
            ioc.run("dbLoadRecords t.db", "set_pass1_restoreFile one.sav", "iocInit");
            assertEquals("z".repeat(60), ioc.get("ls.VAL"));
            assertEquals("61", ioc.get("ls.LEN"), "the long string's length (with its NUL) follows the value");
            assertEquals("40+2", ioc.get("c.CALC"));
            assertEquals("42", ioc.get("c"), "PINI evaluated the restored expression, not the loaded one");
        }
    }

    @Test
    void passZeroIsBeforeInitRecordAndPassOneAfterItBeforePini() throws Exception {
        TestIoc.write(dir, "t.db", DB);
        TestIoc.write(dir, "zero.sav", sav("p0.VAL 7", "linked.OUT copy.VAL NPP", "linked.VAL 3",
                "defined.VAL 2", "w @array@ { \"1\" \"2\" }"));
        TestIoc.write(dir, "one.sav", sav("p1.VAL 7", "linked.DOL 9", "w @array@ { \"4\" \"5\" \"6\" }"));
        try (TestIoc ioc = new TestIoc(dir)) {
            ioc.run("dbLoadRecords t.db", "set_pass0_restoreFile zero.sav", "set_pass1_restoreFile one.sav",
                    "iocInit");
            assertEquals("5.0", ioc.get("p0"), "init_record's DOL constant overrides a pass-0 value");
            assertEquals("7.0", ioc.get("p1"), "a pass-1 value overrides what init_record set");
            assertEquals("7.0", ioc.get("copy"), "PINI processed p1 with the restored value");
            assertEquals("copy.VAL NPP", ioc.get("linked.OUT"), "links are restored in pass 0");
            assertEquals("", ioc.get("linked.DOL"), "links are not restored in pass 1 (as autosave)");
            assertEquals(new SavedValue.Array(java.util.List.of("4", "5", "6")), ioc.saved("w"),
                    "arrays restore in pass 1 only");
            // a restored VAL is defined, as dbStatic's put of VAL makes it: no UDF alarm after PINI
            assertEquals("0", ioc.get("defined.UDF"));
            assertEquals("NO_ALARM", ioc.get("defined.SEVR"));
            assertEquals("UDF", ioc.get("undefined.STAT"));
            assertEquals("INVALID", ioc.get("undefined.SEVR"));
        }
    }
}
