package org.jioc.areadetector.asyn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jioc.db.Database;
import org.jioc.db.DeviceRegistry;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;
import org.jioc.record.StandardRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The busy record on asynInt32 (NDFile's Capture and WriteFile): a put-callback of 1 ends when the driver says 0. */
class AsynBusyTest {
    /** CAPTURE counts writes; a write of 1 is refused (echoing 0 again) while REFUSING is set. */
    static final class Port extends PortDriver {
        final Param capture = createParam("CAPTURE", ParamType.INT32);
        final AtomicInteger writes = new AtomicInteger();
        volatile boolean refusing;

        Port() {
            super("B");
            setInteger(capture, 0);
        }

        @Override
        public synchronized void writeInt32(Param p, int v) throws PortException {
            writes.incrementAndGet();
            if (refusing && v != 0) {
                markChanged(capture);
                callParamCallbacks();
                throw new PortException("refused");
            }
            super.writeInt32(p, v);
        }
    }

    private final Port port = new Port();
    private Database db;

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    private FieldAddress busy() throws Exception {
        PortRegistry ports = new PortRegistry();
        ports.add(port);
        DeviceRegistry dev = new DeviceRegistry();
        StandardRecords.registerDevices(dev);
        AsynDevice.register(dev, ports);
        db = new Database(StandardRecords.types(), dev);
        Record r = db.create("busy", "cap");
        r.storeString(r.type().field("DTYP"), "asynInt32");
        r.storeString(r.type().field("OUT"), "@asyn(B,0,1)CAPTURE");
        r.setInfo(Map.of("asyn:READBACK", "1"));
        db.init();
        return db.resolve("cap");
    }

    private CountDownLatch putOne(FieldAddress a) {
        CountDownLatch done = new CountDownLatch(1);
        db.putFieldNotify(a, r -> r.storeString(a.field, "1"), err -> done.countDown());
        return done;
    }

    @Test
    void putCallbackOfOneEndsWhenTheDriverSetsZero() throws Exception {
        FieldAddress a = busy();
        CountDownLatch done = putOne(a);
        assertFalse(done.await(300, TimeUnit.MILLISECONDS), "busy while the driver holds 1");
        assertEquals(1, port.getInteger(port.capture));
        port.setInteger(port.capture, 0);
        port.callParamCallbacks();
        assertTrue(done.await(5, TimeUnit.SECONDS), "the driver's 0 completes the put-callback");
        assertEquals(1, port.writes.get(), "the readback processes the record without writing the driver");
        assertEquals(0, a.record.getLong(a.field));
    }

    @Test
    void aRefusedOneCompletesAtOnce() throws Exception {
        FieldAddress a = busy();
        port.refusing = true;
        CountDownLatch done = putOne(a);
        assertTrue(done.await(5, TimeUnit.SECONDS), "the driver's echo of 0 ends the busy");
        assertEquals(0, port.getInteger(port.capture));
    }
}
