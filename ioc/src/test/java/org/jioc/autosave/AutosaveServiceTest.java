package org.jioc.autosave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.jioc.shell.ShellException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service through its st.cmd commands: info-tag sets, monitor/triggered sets, final save, errors. */
class AutosaveServiceTest {
    @TempDir
    Path dir;

    static final String DB = String.join("\n",
            "record(ao, \"sp\") { field(PREC, \"2\") field(PINI, \"YES\") info(autosaveFields, \"VAL DESC\") }",
            "record(longout, \"pos\") { info(autosaveFields_pass0, \"VAL\") }",
            "record(stringout, \"name\") { info(autosaveFields, \"VAL NOSUCH\") }",
            "record(bo, \"trig\") { }",
            "");

    private static void waitFor(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.currentTimeMillis() + 15_000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(50);
        }
    }

    private static String text(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (Exception e) {
            return "";
        }
    }

    private TestIoc start(String... after) throws Exception {
        TestIoc.write(dir, "t.db", DB);
        TestIoc ioc = new TestIoc(dir);
        try {
            return ioc.run("dbLoadRecords t.db", "set_savefile_path saves", "save_restoreSet_InfoSetPeriod 1",
                    "iocInit").run(after);
        } catch (ShellException e) {
            ioc.close();
            throw e;
        }
    }

    @Test
    void infoTagsAreSavedAndRestoredWithoutARequestFile() throws Exception {
        Path settings = dir.resolve("saves/info_settings.sav"), positions = dir.resolve("saves/info_positions.sav");
        try (TestIoc ioc = start()) {
            assertTrue(ioc.log().stream().anyMatch(l -> l.contains("info(autosaveFields) of name: record type"
                    + " stringout has no field NOSUCH; not saved")), ioc.log().toString());
            ioc.put("sp", "12.25");
            ioc.put("sp.DESC", "heater setpoint");
            ioc.put("pos", "-42");
            ioc.put("name", "Ada");
            waitFor("info_settings.sav", () -> text(settings).contains("sp.VAL 12.25\nsp.DESC heater setpoint\n"
                    + "name.VAL Ada\n") && text(positions).contains("pos.VAL -42\n"));
        }
        try (TestIoc ioc = start()) {
            assertEquals("12.25", ioc.get("sp"));
            assertEquals("heater setpoint", ioc.get("sp.DESC"));
            assertEquals("-42", ioc.get("pos"));
            assertEquals("Ada", ioc.get("name"));
            assertEquals("NO_ALARM", ioc.get("sp.SEVR"));
        }
    }

    @Test
    void monitorSetWritesWhenSomethingChangedAndNotOtherwise() throws Exception {
        TestIoc.write(dir, "m.req", "sp\nname\n");
        Path sav = dir.resolve("saves/m.sav");
        try (TestIoc ioc = start("create_monitor_set(\"m.req\", 1)")) {
            waitFor("the first write", () -> text(sav).contains("sp 0\n"));
            long first = Files.getLastModifiedTime(sav).toMillis();
            String firstText = text(sav);
            Thread.sleep(2500);                                  // two periods without a change
            assertEquals(firstText, text(sav));
            assertEquals(first, Files.getLastModifiedTime(sav).toMillis());
            assertFalse(Files.exists(dir.resolve("saves/m.savB")));
            ioc.put("sp", "3.5");
            waitFor("the changed value", () -> text(sav).contains("sp 3.5\n"));
            assertEquals(firstText, text(dir.resolve("saves/m.savB")));
        }
    }

    @Test
    void stoppingTheIocSavesWhatChanged() throws Exception {
        TestIoc.write(dir, "m.req", "sp\n");
        Path sav = dir.resolve("saves/m.sav");
        TestIoc ioc = start("create_monitor_set m.req 3600");
        ioc.put("sp", "77.5");
        ioc.close();                                            // long before the first period
        assertTrue(text(sav).contains("\nsp 77.5\n"), text(sav));
    }

    @Test
    void triggeredAndManualSets() throws Exception {
        TestIoc.write(dir, "t.req", "sp\n");
        TestIoc.write(dir, "man.req", "name\n");
        try (TestIoc ioc = start("create_triggered_set t.req trig", "create_manual_set man.req")) {
            ioc.put("sp", "1.25");
            Thread.sleep(300);
            assertFalse(Files.exists(dir.resolve("saves/t.sav")));
            ioc.put("trig", "1");
            waitFor("the triggered save", () -> text(dir.resolve("saves/t.sav")).contains("sp 1.25\n"));
            ioc.put("name", "manual");
            assertFalse(Files.exists(dir.resolve("saves/man.sav")));
            ioc.run("manual_save man.req");
            assertTrue(text(dir.resolve("saves/man.sav")).contains("name manual\n"));
            ioc.run("save_restoreShow 1");
            String show = ioc.output();
            assertTrue(show.contains("t.req: triggered set, on trig, 1 PV(s)"), show);
            assertTrue(show.contains("man.req: manual set, 1 PV(s)"), show);
            assertTrue(show.contains("name = manual"), show);
        }
    }

    @Test
    void aUserSetReplacesTheAutomaticInfoSet() throws Exception {
        try (TestIoc ioc = start("cd saves", "makeAutosaveFiles", "cd ..")) {
            assertEquals("sp.VAL\nsp.DESC\nname.VAL\n", text(dir.resolve("saves/info_settings.req")));
            ioc.run("set_requestfile_path saves", "create_monitor_set info_settings.req 1");
            assertTrue(ioc.log().contains("INFO: autosave: info_settings.req replaces the automatic info-tag set for "
                    + dir.resolve("saves/info_settings.sav")), ioc.log().toString());
            ioc.put("sp", "8.5");
            waitFor("the user's set", () -> text(dir.resolve("saves/info_settings.sav")).contains("sp.VAL 8.5"));
        }
    }

    @Test
    void badConfigurationStopsTheStartupScriptWithFileAndLine() throws Exception {
        TestIoc.write(dir, "t.db", DB);
        TestIoc.write(dir, "bad.req", "sp\nfile missing.req P=x\n");
        Path st = TestIoc.write(dir, "st.cmd", "dbLoadRecords t.db\nset_savefile_path saves\niocInit\n"
                + "create_monitor_set(\"bad.req\", 5)\n");
        try (TestIoc ioc = new TestIoc(dir)) {
            ShellException e = assertThrows(ShellException.class, () -> ioc.shell.runScript(st));
            assertEquals(dir.resolve("bad.req") + ":2: request file 'missing.req' not found (searched " + dir + ")",
                    e.getMessage());
        }
        try (TestIoc ioc = new TestIoc(dir)) {
            ShellException e = assertThrows(ShellException.class,
                    () -> ioc.run("set_savefile_path $(NOT_SET)/autosave"));
            assertTrue(e.getMessage().contains("NOT_SET"), e.getMessage());
        }
    }

    @Test
    void oneSaveFileHasOneWriter() throws Exception {
        TestIoc.write(dir, "m.req", "sp\n");
        TestIoc.write(dir, "sub/m.req", "name\n");
        try (TestIoc a = start("create_monitor_set m.req 5")) {
            ShellException twice = assertThrows(ShellException.class, () -> a.run("create_periodic_set sub/m.req 5"));
            assertTrue(twice.getMessage().contains("a save set already writes " + dir.resolve("saves/m.sav")),
                    twice.getMessage());
            // another IOC given the same directory: its own info-tag sets would write a's files
            ShellException e = assertThrows(ShellException.class, this::start);
            assertTrue(e.getMessage().startsWith("iocInit: autosave failed to start: "
                    + dir.resolve("saves/info_positions.sav") + " is already being saved by another process"),
                    e.getMessage());
        }
    }
}
