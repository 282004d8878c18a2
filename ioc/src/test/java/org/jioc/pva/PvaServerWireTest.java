package org.jioc.pva;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import org.epics.pvaccess.client.Channel;
import org.epics.pvdata.factory.ConvertFactory;
import org.epics.pvdata.pv.PVBoolean;
import org.epics.pvdata.pv.PVDouble;
import org.epics.pvdata.pv.PVDoubleArray;
import org.epics.pvdata.pv.PVInt;
import org.epics.pvdata.pv.PVLong;
import org.epics.pvdata.pv.PVScalar;
import org.epics.pvdata.pv.PVScalarArray;
import org.epics.pvdata.pv.PVString;
import org.epics.pvdata.pv.PVStringArray;
import org.epics.pvdata.pv.PVStructure;
import org.epics.pvdata.pv.ScalarType;
import org.epics.pvdata.pv.Status;
import org.epics.pvdata.pv.StringArrayData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.jioc.db.FieldAddress;
import org.jioc.db.Link;
import org.jioc.db.LockSet;
import org.jioc.db.Record;

/**
 * The pvAccess server over the wire, driven by pvAccessJava (a client that shares no code with core-pva): get, put
 * and monitor of scalars, enums, strings and a 1M-element array; the normative-type fields; alarms, limits,
 * deadbands and refused puts as CA has them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PvaServerWireTest {
    static final int BIG = 1_000_000;
    static final String DB = String.join("\n",
            "record(ai, \"pva:ai\") {",
            "  field(DESC, \"test input\") field(EGU, \"mA\") field(PREC, \"2\")",
            "  field(HOPR, \"100\") field(LOPR, \"-100\")",
            "  field(HIHI, \"90\") field(HHSV, \"MAJOR\") field(HIGH, \"50\") field(HSV, \"MINOR\")",
            "  field(LOW, \"-50\") field(LSV, \"MINOR\") field(LOLO, \"-90\") field(LLSV, \"MAJOR\") field(HYST, \"1\")",
            "}",
            "record(ao, \"pva:ao\") {",
            "  field(DRVH, \"10\") field(DRVL, \"-10\") field(HOPR, \"20\") field(LOPR, \"-20\")",
            "  field(EGU, \"V\") field(PREC, \"3\") field(VAL, \"1.5\") field(PINI, \"YES\")",
            "  info(Q:form, \"Engineering\")",
            "}",
            "record(ao, \"pva:deadband\") { field(MDEL, \"1\") }",
            "record(ao, \"pva:silent\") { field(MDEL, \"1\") }",
            "record(longout, \"pva:long\") { field(VAL, \"-7\") }",
            "record(bo, \"pva:bo\") { field(ZNAM, \"Off\") field(ONAM, \"On\") }",
            "record(mbbo, \"pva:mbbo\") {",
            "  field(ZRST, \"Stopped\") field(ONST, \"Single\") field(TWST, \"Multiple\") field(THST, \"Continuous\")",
            "}",
            "record(stringout, \"pva:so\") { field(VAL, \"hello\") }",
            "record(waveform, \"pva:big\") { field(FTVL, \"DOUBLE\") field(NELM, \"" + BIG + "\") }",
            "record(waveform, \"pva:short\") { field(FTVL, \"SHORT\") field(NELM, \"8\") }",
            "record(waveform, \"pva:uchar\") { field(FTVL, \"UCHAR\") field(NELM, \"4\") }",
            "record(waveform, \"pva:strings\") { field(FTVL, \"STRING\") field(NELM, \"3\") }",
            "record(ao, \"pva:move\") { field(DTYP, \"Async Soft Channel\") field(OUT, \"pva:target\") }",
            "record(ao, \"pva:target\") { }",
            "");

    Path dir;
    PvaTestIoc ioc;
    PvaTestClient client;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("pva-wire");
        ioc = PvaTestIoc.start(dir, DB);
        client = ioc.client();
    }

    @AfterAll
    void stop() {
        if (client != null) client.close();
        if (ioc != null) ioc.close();
    }

    static double dbl(PVStructure s, String field) {
        return ConvertFactory.getConvert().toDouble((PVScalar) s.getSubField(field));
    }

    static int integer(PVStructure s, String field) {
        return ConvertFactory.getConvert().toInt((PVScalar) s.getSubField(field));
    }

    static String str(PVStructure s, String field) { return s.getSubField(PVString.class, field).get(); }

    static String[] strings(PVStructure s, String field) {
        PVStringArray a = s.getSubField(PVStringArray.class, field);
        StringArrayData d = new StringArrayData();
        a.get(0, a.getLength(), d);
        String[] out = new String[a.getLength()];
        System.arraycopy(d.data, 0, out, 0, out.length);
        return out;
    }

    // -------------------------------------------------------------------------------------------------------------

    @Test
    void aoIsAnNTScalarWithDisplayAndControlFromTheRecord() throws Exception {
        PVStructure s = client.get(client.connect("pva:ao"));
        assertEquals("epics:nt/NTScalar:1.0", s.getStructure().getID());
        assertEquals(ScalarType.pvDouble, ((PVScalar) s.getSubField("value")).getScalar().getScalarType());
        assertEquals(1.5, dbl(s, "value"));
        Record ao = ioc.db().record("pva:ao");
        assertEquals(ao.l[Record.SEVR], integer(s, "alarm.severity"));
        assertEquals(-20, dbl(s, "display.limitLow"));
        assertEquals(20, dbl(s, "display.limitHigh"));
        assertEquals("V", str(s, "display.units"));
        assertEquals(3, integer(s, "display.precision"));
        assertEquals("Engineering", strings(s, "display.form.choices")[integer(s, "display.form.index")]);
        assertEquals(-10, dbl(s, "control.limitLow"));
        assertEquals(10, dbl(s, "control.limitHigh"));
        long secs = s.getSubField(PVLong.class, "timeStamp.secondsPastEpoch").get();
        assertTrue(Math.abs(secs - System.currentTimeMillis() / 1000) < 60, "PINI processed it just now: " + secs);
    }

    @Test
    void aoPutGetAndMonitorWithDriveLimitsAsCa() throws Exception {
        Channel ch = client.connect("pva:ao");
        PvaTestClient.Subscription mon = client.monitor(ch);
        PvaTestClient.Update first = mon.next(5);
        assertNotNull(first, "a monitor starts with the current value");
        Status st = client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(4.25));
        assertTrue(st.isSuccess(), st.toString());
        assertEquals(4.25, dbl(client.get(ch), "value"));
        PvaTestClient.Update u = mon.next(5);
        assertNotNull(u, "the put posts a monitor update");
        assertEquals(4.25, dbl(u.data(), "value"));
        // beyond DRVH: the ao clamps, as for a CA put
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(50)).isSuccess());
        assertEquals(10.0, dbl(client.get(ch), "value"));
        assertEquals(10.0, dbl(mon.next(5).data(), "value"));
        mon.stop();
    }

    @Test
    void aiAlarmSeverityAndValueAlarmFollowTheRecord() throws Exception {
        Channel ch = client.connect("pva:ai");
        PVStructure s = client.get(ch);
        assertEquals("test input", str(s, "display.description"));
        assertEquals("mA", str(s, "display.units"));
        assertEquals(2, integer(s, "display.precision"));
        assertEquals(-100, dbl(s, "display.limitLow"));
        assertEquals(100, dbl(s, "display.limitHigh"));
        assertTrue(s.getSubField(PVBoolean.class, "valueAlarm.active").get());
        assertEquals(-90, dbl(s, "valueAlarm.lowAlarmLimit"));
        assertEquals(-50, dbl(s, "valueAlarm.lowWarningLimit"));
        assertEquals(50, dbl(s, "valueAlarm.highWarningLimit"));
        assertEquals(90, dbl(s, "valueAlarm.highAlarmLimit"));
        assertEquals(2, integer(s, "valueAlarm.lowAlarmSeverity"));
        assertEquals(1, integer(s, "valueAlarm.lowWarningSeverity"));
        assertEquals(1, integer(s, "valueAlarm.highWarningSeverity"));
        assertEquals(2, integer(s, "valueAlarm.highAlarmSeverity"));
        assertEquals(1.0, dbl(s, "valueAlarm.hysteresis"));
        // never processed: UDF / INVALID, as CA shows it
        assertEquals(3, integer(s, "alarm.severity"));
        assertEquals("UDF", str(s, "alarm.message"));

        PvaTestClient.Subscription mon = client.monitor(ch);
        assertNotNull(mon.next(5));
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(95)).isSuccess());
        PvaTestClient.Update u = mon.next(5);
        assertNotNull(u);
        assertEquals(95, dbl(u.data(), "value"));
        assertEquals(2, integer(u.data(), "alarm.severity"), "HIHI is MAJOR");
        assertEquals(PvaAlarm.DEVICE, integer(u.data(), "alarm.status"));
        assertEquals("HIHI", str(u.data(), "alarm.message"));
        s = client.get(ch);
        assertEquals(2, integer(s, "alarm.severity"));
        assertEquals("HIHI", str(s, "alarm.message"));
        // back to normal (inside the limits by more than HYST)
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(0)).isSuccess());
        u = mon.next(5);
        assertEquals(0, integer(u.data(), "alarm.severity"));
        assertEquals(0, integer(u.data(), "alarm.status"));
        assertEquals("", str(u.data(), "alarm.message"));
        mon.stop();
    }

    @Test
    void enumsAreNTEnumWithChoices() throws Exception {
        Channel bo = client.connect("pva:bo");
        PVStructure s = client.get(bo);
        assertEquals("epics:nt/NTEnum:1.0", s.getStructure().getID());
        assertArrayEquals(new String[] {"Off", "On"}, strings(s, "value.choices"));
        assertEquals(0, integer(s, "value.index"));
        PvaTestClient.Subscription mon = client.monitor(bo);
        assertNotNull(mon.next(5));
        PvaTestClient.Putter p = client.putter(bo);
        assertTrue(p.put(d -> d.getSubField(PVInt.class, "value.index").put(1), "value.index").isSuccess());
        p.destroy();
        assertEquals(1, integer(client.get(bo), "value.index"));
        assertEquals(1, integer(mon.next(5).data(), "value.index"));
        mon.stop();

        Channel mbbo = client.connect("pva:mbbo");
        s = client.get(mbbo);
        assertArrayEquals(new String[] {"Stopped", "Single", "Multiple", "Continuous"}, strings(s, "value.choices"));
        p = client.putter(mbbo);
        assertTrue(p.put(d -> d.getSubField(PVInt.class, "value.index").put(2), "value.index").isSuccess());
        p.destroy();
        assertEquals(2, integer(client.get(mbbo), "value.index"));

        // a MENU field is an enum too, with the menu's choices
        Channel scan = client.connect("pva:mbbo.SCAN");
        s = client.get(scan);
        assertEquals("epics:nt/NTEnum:1.0", s.getStructure().getID());
        assertEquals("Passive", strings(s, "value.choices")[integer(s, "value.index")]);
        // a menu index out of range is refused, as for CA
        p = client.putter(scan);
        assertFalse(p.put(d -> d.getSubField(PVInt.class, "value.index").put(99), "value.index").isSuccess());
        p.destroy();
    }

    @Test
    void stringsAndLinksAreNTScalarStrings() throws Exception {
        Channel so = client.connect("pva:so");
        PVStructure s = client.get(so);
        assertEquals("epics:nt/NTScalar:1.0", s.getStructure().getID());
        assertEquals("hello", str(s, "value"));
        PvaTestClient.Subscription mon = client.monitor(so);
        assertNotNull(mon.next(5));
        assertTrue(client.putValue(so, d -> d.getSubField(PVString.class, "value").put("world")).isSuccess());
        assertEquals("world", str(client.get(so), "value"));
        assertEquals("world", str(mon.next(5).data(), "value"));
        mon.stop();

        assertEquals("", str(client.get(client.connect("pva:ao.OUT")), "value"));
        // FIELD$ is one long string over PVA (QSRV), not a char array
        Channel desc = client.connect("pva:ai.DESC$");
        assertEquals("test input", str(client.get(desc), "value"));
    }

    @Test
    void integerAndSmallArraysKeepTheirElementTypes() throws Exception {
        PVStructure s = client.get(client.connect("pva:long"));
        assertEquals(ScalarType.pvInt, ((PVScalar) s.getSubField("value")).getScalar().getScalarType());
        assertEquals(-7, integer(s, "value"));
        assertEquals(ScalarType.pvInt, ((PVScalar) s.getSubField("display.limitHigh")).getScalar().getScalarType());

        Channel sh = client.connect("pva:short");
        s = client.get(sh);
        assertEquals("epics:nt/NTScalarArray:1.0", s.getStructure().getID());
        assertEquals(ScalarType.pvShort, ((PVScalarArray) s.getSubField("value")).getScalarArray().getElementType());
        assertEquals(0, ((PVScalarArray) s.getSubField("value")).getLength(), "NORD elements: none yet");
        assertTrue(client.putValue(sh, d -> ConvertFactory.getConvert().fromDoubleArray(
                (PVScalarArray) d.getSubField("value"), 0, 3, new double[] {1, -2, 3}, 0)).isSuccess());
        s = client.get(sh);
        double[] got = new double[3];
        assertEquals(3, ((PVScalarArray) s.getSubField("value")).getLength());
        ConvertFactory.getConvert().toDoubleArray((PVScalarArray) s.getSubField("value"), 0, 3, got, 0);
        assertArrayEquals(new double[] {1, -2, 3}, got);

        s = client.get(client.connect("pva:uchar"));
        assertEquals(ScalarType.pvUByte, ((PVScalarArray) s.getSubField("value")).getScalarArray().getElementType());
        Channel strs = client.connect("pva:strings");
        assertTrue(client.putValue(strs, d -> d.getSubField(PVStringArray.class, "value")
                .put(0, 2, new String[] {"a", "b"}, 0)).isSuccess());
        assertArrayEquals(new String[] {"a", "b"}, strings(client.get(strs), "value"));
    }

    @Test
    void millionElementArrayGetPutMonitor() throws Exception {
        Channel ch = client.connect("pva:big");
        PvaTestClient.Subscription mon = client.monitor(ch);
        assertNotNull(mon.next(10));
        double[] v = new double[BIG];
        for (int i = 0; i < BIG; i++) v[i] = i * 0.5;
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDoubleArray.class, "value").put(0, BIG, v, 0))
                .isSuccess());
        PVStructure s = client.get(ch);
        PVDoubleArray a = s.getSubField(PVDoubleArray.class, "value");
        assertEquals(BIG, a.getLength());
        double[] got = new double[BIG];
        ConvertFactory.getConvert().toDoubleArray(a, 0, BIG, got, 0);
        assertArrayEquals(v, got);
        PvaTestClient.Update u = mon.next(10);
        assertNotNull(u, "monitor of the 1M array");
        assertEquals(BIG, u.data().getSubField(PVDoubleArray.class, "value").getLength());
        double[] last = new double[1];
        ConvertFactory.getConvert().toDoubleArray((PVScalarArray) u.data().getSubField("value"), BIG - 1, 1, last, 0);
        assertEquals((BIG - 1) * 0.5, last[0]);
        mon.stop();
        assertTrue(ioc.server().sendBufferSize() >= BIG * 8, "send buffer sized from the largest array");
    }

    @Test
    void putsToReadOnlyFieldsFailCleanly() throws Exception {
        Channel stat = client.connect("pva:ai.RTYP");
        Status st = client.putValue(stat, d -> d.getSubField(PVString.class, "value").put("bo"));
        assertFalse(st.isSuccess(), "RTYP is read-only");
        assertEquals("ai", str(client.get(stat), "value"));
        Channel nord = client.connect("pva:short.NORD");
        st = client.putValue(nord, d -> ConvertFactory.getConvert().fromDouble((PVScalar) d.getSubField("value"), 5));
        assertFalse(st.isSuccess(), "NORD is read-only");
        // the connection is still fine afterwards
        assertEquals("ai", str(client.get(stat), "value"));
    }

    @Test
    void monitorDeadbandIsMdelAndGetsAreLive() throws Exception {
        Channel ch = client.connect("pva:deadband");
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(0)).isSuccess());
        PvaTestClient.Subscription mon = client.monitor(ch);
        assertEquals(0, dbl(mon.next(5).data(), "value"));
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(0.5)).isSuccess());
        assertEquals(0.5, dbl(client.get(ch), "value"), "a get shows the value even inside MDEL");
        assertNull(mon.next(0.5), "0 -> 0.5 is inside MDEL 1: no monitor update");
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(1.75)).isSuccess());
        PvaTestClient.Update u = mon.next(5);
        assertNotNull(u, "1.75 is more than MDEL from the last posted 0");
        assertEquals(1.75, dbl(u.data(), "value"));
        assertNull(mon.next(0.3));
        mon.stop();
    }

    @Test
    void aMonitorStartedAfterASilentChangeSeesTheCurrentValue() throws Exception {
        FieldAddress a = ioc.db().resolve("pva:silent");
        Channel ch = client.connect("pva:silent");
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(1.75)).isSuccess());
        ioc.db().putField(a, r -> r.storeDouble(a.field, 1.9)); // within MDEL of 1.75: no event
        PvaTestClient.Subscription mon = client.monitor(ch);
        assertEquals(1.9, dbl(mon.next(5).data(), "value"));
        mon.stop();
    }

    /** An output link that completes when the test says so, like a motor move behind a CA put-callback link. */
    static final class HeldLink extends Link {
        final AtomicReference<Runnable> pending = new AtomicReference<>();

        HeldLink() { super("held"); }

        @Override
        public boolean writeDoubleAsync(Record owner, double v, Runnable done) {
            pending.set(done);
            return true;
        }
    }

    @Test
    void aPutToAnAsynchronousRecordIsAnsweredOnceProcessingHasStarted() throws Exception {
        Record move = ioc.db().record("pva:move");
        HeldLink held = new HeldLink();
        try (LockSet.Guard g = ioc.db().lock(move)) {
            move.o[move.type().field("OUT").slot] = held;
        }
        Channel ch = client.connect("pva:move");
        Channel pact = client.connect("pva:move.PACT");
        assertTrue(client.putValue(ch, d -> d.getSubField(PVDouble.class, "value").put(1)).isSuccess());
        assertNotNull(held.pending.get(), "the output was started");
        assertEquals(1, integer(client.get(pact), "value"), "answered while the record is still active");
        // the connection keeps working; completion shows on the record's own fields (PACT here, DMOV/BUSY for
        // motors and busy records)
        PvaTestClient.Subscription mon = client.monitor(pact);
        assertEquals(1, integer(mon.next(5).data(), "value"));
        held.pending.get().run();
        long deadline = System.currentTimeMillis() + 5000;
        while (integer(client.get(pact), "value") != 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertEquals(0, integer(client.get(pact), "value"), "PACT back to 0 once the output completed");
        mon.stop();
    }
}
