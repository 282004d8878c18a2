package org.jioc.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.jioc.record.StandardRecords;
import org.junit.jupiter.api.Test;

class CoreSmokeTest {
    static Database newDb() {
        DeviceRegistry dev = new DeviceRegistry();
        StandardRecords.registerDevices(dev);
        return new Database(StandardRecords.types(), dev);
    }

    @Test
    void aoWritesAiThroughPpLinkAndClampsToDrvh() throws Exception {
        Database db = newDb();
        Record ao = db.create("ao", "out");
        ao.storeString(ao.type().field("OUT"), "in PP");
        ao.storeString(ao.type().field("DRVH"), "10");
        ao.storeString(ao.type().field("DRVL"), "-10");
        Record ai = db.create("ai", "in");
        ai.storeString(ai.type().field("HIHI"), "5");
        ai.storeString(ai.type().field("HHSV"), "MAJOR");
        db.init();
        FieldAddress a = db.resolve("out");
        db.putField(a, r -> r.storeDouble(a.field, 42));
        assertEquals(10.0, ao.getDouble(ao.type().field("VAL")));
        assertEquals(10.0, ai.getDouble(ai.type().field("VAL")));
        assertEquals("HIHI", ai.getString(ai.type().field("STAT")));
        assertEquals("MAJOR", ai.getString(ai.type().field("SEVR")));
        CountDownLatch done = new CountDownLatch(1);
        db.putFieldNotify(a, r -> r.storeDouble(a.field, 1), e -> done.countDown());
        assertTrue(done.await(2, TimeUnit.SECONDS));
        assertEquals(1.0, ai.getDouble(ai.type().field("VAL")));
        assertEquals("NO_ALARM", ai.getString(ai.type().field("SEVR")));
        assertEquals(1, db.lockSets().size());
        db.shutdown();
    }
}
