package org.jioc.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A realistic database shaped like the EPICS base softIoc test databases. */
class SoftIocDatabaseTest {

    private static Path db() throws Exception {
        return Path.of(SoftIocDatabaseTest.class.getResource("softIocTest.db").toURI());
    }

    @Test
    void loadsEveryRecordWithLinksAndInfo() throws Exception {
        DbModel m = new DbModel();
        new DbLoader(m).loadRecords(db(), "P=TST:");
        assertEquals(List.of("TST:ai", "TST:calc", "TST:ao", "TST:b", "TST:bi", "TST:bo", "TST:long", "TST:str",
                "TST:mbbi", "TST:wf", "TST:calcout", "TST:seq"),
                m.records().stream().map(RecordDecl::name).toList());
        RecordDecl ai = m.record("TST:ai");
        assertEquals("ai", ai.type());
        assertEquals(new SourceLocation(db().toString(), 3), ai.where());
        assertEquals("TST:calc.VAL NPP MS", ai.field("INP").value());
        assertEquals("MAJOR", ai.field("HHSV").value());
        assertEquals(12, ai.field("HHSV").where().line());
        assertEquals(Map.of("autosaveFields", "HIHI HHSV"), ai.info());
        assertEquals(List.of("TST:ai:alias"), ai.aliases());
        assertEquals(9, ai.fields().size());
        assertEquals("TST:b.VAL PP MS", m.record("TST:ao").field("OUT").value());
        assertEquals("{\"const\":1}", m.record("TST:bi").field("INP").value());
        assertEquals("{\"TST:grp\":{\"long\":{\"+channel\":\"VAL\"}}}", m.record("TST:long").info().get("Q:group"));
        assertEquals("Hello, \"world\"", m.record("TST:str").field("VAL").value());
        assertEquals("[1,2,3]", m.record("TST:wf").field("INP").value());
        assertEquals("Transition To Non-zero", m.record("TST:calcout").field("OOPT").value());
        assertEquals(List.of(new AliasDecl("TST:calc", "TST:calc:alias", new SourceLocation(db().toString(), 65))),
                m.aliases());
        assertEquals("TST:calc", m.resolve("TST:calc:alias").name());
    }

    @Test
    void optionalMacroOverriddenAndTwoPrefixesCoexist() throws Exception {
        DbModel m = new DbModel();
        DbLoader loader = new DbLoader(m);
        loader.loadRecords(db(), "P=A:,ALARM=MINOR");
        loader.loadRecords(db(), "P=B:");
        assertEquals(24, m.records().size());
        assertEquals("MINOR", m.record("A:ai").field("HHSV").value());
        assertEquals("MAJOR", m.record("B:ai").field("HHSV").value());
        // loading the same prefix again would merge the records, but (as in EPICS) the
        // aliases can't be created twice, so the load fails and changes nothing
        DbLoadException e = assertThrows(DbLoadException.class, () -> loader.loadRecords(db(), "P=A:"));
        assertEquals(db() + ":14: alias \"A:ai:alias\" already exists for record \"A:ai\"", e.getMessage());
        assertEquals(24, m.records().size());
        assertEquals("MINOR", m.record("A:ai").field("HHSV").value());
    }

    @Test
    void missingPrefixIsReportedAtFirstUse() throws Exception {
        DbModel m = new DbModel();
        DbLoadException e = assertThrows(DbLoadException.class, () -> new DbLoader(m).loadRecords(db(), ""));
        assertEquals(db() + ":3: macro P is undefined", e.getMessage());
        assertEquals(0, m.records().size());
    }
}
