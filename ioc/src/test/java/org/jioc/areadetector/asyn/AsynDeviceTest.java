package org.jioc.areadetector.asyn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DeviceRegistry;
import org.jioc.db.FieldAddress;
import org.jioc.db.Record;
import org.jioc.record.StandardRecords;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AsynDeviceTest {
    /** A port with one parameter of each kind; REFUSE refuses every write. */
    static final class TestPort extends PortDriver {
        final Param value = createParam("VALUE", ParamType.INT32);
        final Param gain = createParam("GAIN", ParamType.FLOAT64);
        final Param name = createParam("NAME", ParamType.OCTET);
        final Param mode = createParam("MODE", ParamType.INT32);
        final Param acquire = createParam("ACQUIRE", ParamType.INT32);
        final Param refuse = createParam("REFUSE", ParamType.INT32);
        final AtomicInteger acquireWrites = new AtomicInteger();

        TestPort() {
            super("T");
            setInteger(value, 5);
            setDouble(gain, 1.5);
            setString(name, "first");
            setInteger(mode, 2);
            setInteger(acquire, 0);
            setInteger(refuse, 0);
        }

        @Override
        public synchronized void writeInt32(Param p, int v) throws PortException {
            if (p == refuse) throw new PortException("not today");
            if (p == acquire) acquireWrites.incrementAndGet();
            super.writeInt32(p, v);
        }
    }

    private final TestPort port = new TestPort();
    private final PortRegistry ports = new PortRegistry();
    private Database db;

    private Database newDb() {
        ports.add(port);
        DeviceRegistry dev = new DeviceRegistry();
        StandardRecords.registerDevices(dev);
        AsynDevice.register(dev, ports);
        db = new Database(StandardRecords.types(), dev);
        return db;
    }

    @AfterEach
    void stop() {
        if (db != null) db.shutdown();
    }

    private Record rec(String type, String name, String dtyp, String link, String... fields) throws DbException {
        Record r = db.create(type, name);
        r.storeString(r.type().field("DTYP"), dtyp);
        boolean out = List.of("ao", "bo", "mbbo", "longout", "stringout").contains(type);
        r.storeString(r.type().field(out ? "OUT" : "INP"), "@asyn(T,0,1)" + link);
        for (int i = 0; i < fields.length; i += 2) r.storeString(r.type().field(fields[i]), fields[i + 1]);
        return r;
    }

    private static void waitFor(java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + 5_000_000_000L;
        while (!c.getAsBoolean() && System.nanoTime() < end) Thread.sleep(2);
        assertTrue(c.getAsBoolean());
    }

    private void put(String name, String value) throws DbException {
        FieldAddress a = db.resolve(name);
        db.putField(a, r -> r.storeString(a.field, value));
    }

    private String get(String name) throws DbException {
        FieldAddress a = db.resolve(name);
        return a.record.getString(a.field);
    }

    @Test
    void outputsReadBackAndRbvsEchoEveryKind() throws Exception {
        newDb();
        rec("longout", "lo", "asynInt32", "VALUE");
        rec("longin", "lo_RBV", "asynInt32", "VALUE", "SCAN", "I/O Intr");
        rec("ao", "g", "asynFloat64", "GAIN", "PREC", "2");
        rec("ai", "g_RBV", "asynFloat64", "GAIN", "SCAN", "I/O Intr", "PREC", "2");
        rec("stringout", "n", "asynOctetWrite", "NAME");
        rec("stringin", "n_RBV", "asynOctetRead", "NAME", "SCAN", "I/O Intr");
        Record wf = db.create("waveform", "n_wf");
        wf.storeString(wf.type().field("DTYP"), "asynOctetRead");
        wf.storeString(wf.type().field("INP"), "@asyn(T,0,1)NAME");
        wf.storeString(wf.type().field("FTVL"), "CHAR");
        wf.storeString(wf.type().field("NELM"), "256");
        wf.storeString(wf.type().field("SCAN"), "I/O Intr");
        Record wo = db.create("waveform", "n_long");
        wo.storeString(wo.type().field("DTYP"), "asynOctetWrite");
        wo.storeString(wo.type().field("INP"), "@asyn(T,0,1)NAME");
        wo.storeString(wo.type().field("FTVL"), "CHAR");
        wo.storeString(wo.type().field("NELM"), "256");
        String[] states = {"ZRST", "Mono", "ZRVL", "0", "ONST", "RGB1", "ONVL", "2"};
        rec("mbbo", "m", "asynInt32", "MODE", states);
        rec("mbbi", "m_RBV", "asynInt32", "MODE", concat(states, "SCAN", "I/O Intr"));
        db.init();
        // init readback from the driver
        assertEquals("5", get("lo"));
        assertEquals("1.50", get("g"));
        assertEquals("first", get("n"));
        assertEquals("RGB1", get("m"));
        put("lo", "7");
        put("g", "2.25");
        put("n", "second");
        put("m", "Mono");
        assertEquals(7, port.getInteger(port.value));
        assertEquals(0, port.getInteger(port.mode));
        waitFor(() -> val("lo_RBV").equals("7") && val("g_RBV").equals("2.25") && val("m_RBV").equals("Mono"));
        waitFor(() -> val("n_RBV").equals("second") && val("n_wf").equals("second"));
        // long strings go through CHAR waveforms both ways; a stringin keeps its 39 characters
        String path = "/a/much/longer/path/than/forty/characters/for/the/file/writer/";
        put("n_long", path);
        assertEquals(path, port.getString(port.name));
        waitFor(() -> val("n_wf").equals(path));
        waitFor(() -> val("n_RBV").equals(path.substring(0, 39)));
    }

    private static String[] concat(String[] a, String... b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private String val(String name) {
        try {
            return get(name);
        } catch (DbException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void ioIntrInputsSeeEveryValueInOrder() throws Exception {
        newDb();
        rec("bi", "busy_RBV", "asynInt32", "ACQUIRE", "SCAN", "I/O Intr", "ZNAM", "Done", "ONAM", "Acquiring");
        db.init();
        CopyOnWriteArrayList<Long> seen = new CopyOnWriteArrayList<>();
        FieldAddress a = db.resolve("busy_RBV");
        a.subscribe((r, f, mask) -> seen.add(r.getLong(f)));
        for (int i = 0; i < 20; i++) {
            port.setInteger(port.acquire, 1);
            port.callParamCallbacks();
            port.setInteger(port.acquire, 0);
            port.callParamCallbacks();
        }
        waitFor(() -> seen.size() >= 40);
        for (int i = 0; i < 40; i++) assertEquals(i % 2 == 0 ? 1L : 0L, seen.get(i), "event " + i + " of " + seen);
    }

    @Test
    void readbackFollowsTheDriverWithoutWriting() throws Exception {
        newDb();
        Record acq = rec("bo", "acq", "asynInt32", "ACQUIRE", "ZNAM", "Done", "ONAM", "Acquire");
        acq.setInfo(Map.of("asyn:READBACK", "1"));
        db.init();
        put("acq", "1");
        assertEquals(1, port.acquireWrites.get());
        port.setInteger(port.acquire, 0);
        port.callParamCallbacks();
        waitFor(() -> val("acq").equals("Done"));
        assertEquals(1, port.acquireWrites.get(), "a readback never writes to the driver");
    }

    @Test
    void refusedWriteRaisesWriteAlarmWithMessage() throws Exception {
        newDb();
        rec("longout", "r", "asynInt32", "REFUSE");
        db.init();
        put("r", "3");
        assertEquals("WRITE", get("r.STAT"));
        assertEquals("INVALID", get("r.SEVR"));
        assertEquals("not today", get("r.AMSG"));
    }

    @Test
    void badLinksFailInitWithTheReason() {
        newDb();
        assertThrows(DbException.class, () -> {
            rec("longin", "x", "asynInt32", "NOPE");
            db.init();
        });
    }

    @Test
    void wrongInterfaceForParameterFails() throws Exception {
        newDb();
        rec("ai", "y", "asynFloat64", "VALUE");
        DbException e = assertThrows(DbException.class, () -> db.init());
        assertTrue(e.getMessage().contains("VALUE"), e.getMessage());
    }

    @Test
    void unknownPortFails() throws Exception {
        newDb();
        Record r = db.create("longin", "z");
        r.storeString(r.type().field("DTYP"), "asynInt32");
        r.storeString(r.type().field("INP"), "@asyn(NOPORT,0,1)VALUE");
        DbException e = assertThrows(DbException.class, () -> db.init());
        assertTrue(e.getMessage().contains("NOPORT"), e.getMessage());
    }
}
