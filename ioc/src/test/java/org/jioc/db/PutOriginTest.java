package org.jioc.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class PutOriginTest {
    @Test
    void listenerCalledDuringThePutSeesTheWriterAndTheScopeEndsAfterIt() throws Exception {
        Database db = CoreSmokeTest.newDb();
        db.create("bo", "abort");
        db.init();
        FieldAddress a = db.resolve("abort");
        List<String> seen = new ArrayList<>();
        a.subscribe((r, f, mask) -> seen.add(PutOrigin.current()));
        try (PutOrigin.Scope outer = PutOrigin.enter("ca:alice@host1")) {
            db.putField(a, r -> r.storeLong(a.field, 1));
            try (PutOrigin.Scope inner = PutOrigin.enter("iocsh")) {
                db.putField(a, r -> r.storeLong(a.field, 0));
            }
            assertEquals("ca:alice@host1", PutOrigin.current());
        }
        db.putField(a, r -> r.storeLong(a.field, 1));
        assertEquals(List.of("ca:alice@host1", "iocsh", ""), seen);
        assertEquals("", PutOrigin.current());
        db.shutdown();
    }
}
