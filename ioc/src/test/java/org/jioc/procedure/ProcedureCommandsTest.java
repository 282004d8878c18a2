package org.jioc.procedure;

import static org.jioc.procedure.ProcedureTestIoc.until;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcedureCommandsTest {
    @TempDir
    Path dir;

    @Test
    void procedureShowListsStateStepArgumentsAndImplementations() throws Exception {
        try (ProcedureTestIoc t = new ProcedureTestIoc(dir)) {
            t.records("d.db", "record(bo, \"$(P)Permit\") { }\n");
            t.procedure("Dwell", "dwell", "SECONDS=30,REQUIRE=t:Permit == 0: permit must be off").init();
            t.start("Dwell");
            until("dwelling", () -> t.get("Dwell:Step").equals("dwell"));
            t.shell.execute("procedureShow 2");
            String out = t.output();
            assertTrue(out.contains("t:Dwell (dwell): Running: Dwelling 30 s\n"), out);
            assertTrue(out.contains("    step: dwell\n"), out);
            assertTrue(out.contains("    precondition: t:Permit == 0 (permit must be off)\n"), out);
            assertTrue(out.contains("implementations: dwell, wait_and_set\n"), out);
            t.put("iocsh", "Dwell:Abort", "1");
            until("aborted", () -> t.get("Dwell:Status").equals("Aborted"));
        }
    }

    @Test
    void listArguments() throws Exception {
        ProcedureArgs a = new ProcedureArgs("MOTORS=\"x:m1  x:m2\",EMPTY=\"\"", null);
        assertEquals(List.of("x:m1", "x:m2"), a.list("MOTORS"));
        assertEquals(List.of(), a.list("EMPTY"));
        assertEquals(List.of(), a.list("NONE"));
        assertEquals(List.of(), a.unused());
    }
}
