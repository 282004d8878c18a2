package org.jioc.ca;

import static org.jioc.ca.CaTestSupport.connect;
import static org.jioc.ca.CaTestSupport.get;
import static org.jioc.ca.CaTestSupport.monitor;
import static org.jioc.ca.CaTestSupport.putWait;
import static org.jioc.ca.CaTestSupport.set;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import gov.aps.jca.CAStatus;
import gov.aps.jca.Channel;
import gov.aps.jca.Monitor;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DBR_Byte;
import gov.aps.jca.dbr.DBR_CTRL_Double;
import gov.aps.jca.dbr.DBR_CTRL_Enum;
import gov.aps.jca.dbr.DBR_Double;
import gov.aps.jca.dbr.DBR_Enum;
import gov.aps.jca.dbr.DBR_Float;
import gov.aps.jca.dbr.DBR_GR_Double;
import gov.aps.jca.dbr.DBR_Int;
import gov.aps.jca.dbr.DBR_STS_Double;
import gov.aps.jca.dbr.DBR_Short;
import gov.aps.jca.dbr.DBR_String;
import gov.aps.jca.dbr.DBR_TIME_Double;
import gov.aps.jca.dbr.DBR_TIME_Short;
import gov.aps.jca.dbr.Severity;
import gov.aps.jca.dbr.Status;

import org.jioc.db.Database;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;
import org.jioc.security.AccessGate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CaServerWireTest {
    Database db;
    CaServer server;
    CaClientContext ctx;
    Record ai, ao, t;

    @BeforeAll
    void start() throws Exception {
        db = CaTestSupport.newDb();
        ai = db.create("ai", "wire:ai");
        set(ai, "EGU", "mA");
        set(ai, "PREC", "2");
        set(ai, "HOPR", "100");
        set(ai, "LOPR", "-100");
        set(ai, "HIHI", "90");
        set(ai, "HHSV", "MAJOR");
        set(ai, "MDEL", "0");
        set(ai, "ADEL", "5");
        ao = db.create("ao", "wire:ao");
        set(ao, "DRVH", "10");
        set(ao, "DRVL", "-10");
        set(ao, "HOPR", "20");
        set(ao, "LOPR", "-20");
        set(ao, "EGU", "averyverylongunit");
        t = db.create("catest", "wire:t");
        db.create("ao", "wire:gated");
        db.create("ao", "wire:disabled");
        db.init();
        server = CaTestSupport.startServer(db);
        ctx = CaTestSupport.client(server.port());
    }

    @AfterAll
    void stop() throws Exception {
        if (ctx != null) ctx.destroy();
        if (server != null) server.stop();
        if (db != null) db.shutdown();
    }

    @Test
    void everyDbrFamilyOfADouble() throws Exception {
        Channel ch = connect(ctx, "wire:ai");
        assertEquals(DBRType.DOUBLE, ch.getFieldType());
        assertEquals(1, ch.getElementCount());
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, 12.5, 5));

        assertEquals(12.5, ((DBR_Double) get(ctx, ch, DBRType.DOUBLE)).getDoubleValue()[0]);
        DBR_STS_Double sts = (DBR_STS_Double) get(ctx, ch, DBRType.STS_DOUBLE);
        assertEquals(Severity.NO_ALARM, sts.getSeverity());
        assertEquals(Status.NO_ALARM, sts.getStatus());
        DBR_TIME_Double time = (DBR_TIME_Double) get(ctx, ch, DBRType.TIME_DOUBLE);
        long posix = time.getTimeStamp().secPastEpoch() + 631152000L;
        assertTrue(Math.abs(posix - System.currentTimeMillis() / 1000) < 60, "timestamp near now: " + posix);
        assertEquals(12.5, time.getDoubleValue()[0]);
        DBR_GR_Double gr = (DBR_GR_Double) get(ctx, ch, DBRType.GR_DOUBLE);
        assertEquals("mA", gr.getUnits());
        assertEquals(2, gr.getPrecision());
        DBR_CTRL_Double ctrl = (DBR_CTRL_Double) get(ctx, ch, DBRType.CTRL_DOUBLE);
        assertEquals(12.5, ctrl.getDoubleValue()[0]);

        assertEquals("12.50", ((DBR_String) get(ctx, ch, DBRType.STRING)).getStringValue()[0]);
        assertEquals(12, ((DBR_Int) get(ctx, ch, DBRType.INT)).getIntValue()[0]);
        assertEquals(12, ((DBR_Short) get(ctx, ch, DBRType.SHORT)).getShortValue()[0]);
        assertEquals(12.5f, ((DBR_Float) get(ctx, ch, DBRType.FLOAT)).getFloatValue()[0]);
        assertEquals(12, ((DBR_Byte) get(ctx, ch, DBRType.BYTE)).getByteValue()[0]);
        assertEquals(12, ((DBR_Enum) get(ctx, ch, DBRType.ENUM)).getEnumValue()[0]);
        assertEquals(Severity.NO_ALARM, ((gov.aps.jca.dbr.DBR_TIME_String) get(ctx, ch, DBRType.TIME_STRING))
                .getSeverity());
        ch.destroy();
    }

    @Test
    void ctrlMetadataCarriesEguPrecAndLimits() throws Exception {
        Channel ch = connect(ctx, "wire:ai");
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, 95.0, 5));
        DBR_CTRL_Double c = (DBR_CTRL_Double) get(ctx, ch, DBRType.CTRL_DOUBLE);
        assertEquals("mA", c.getUnits());
        assertEquals(2, c.getPrecision());
        assertEquals(100.0, c.getUpperDispLimit().doubleValue());
        assertEquals(-100.0, c.getLowerDispLimit().doubleValue());
        assertEquals(100.0, c.getUpperCtrlLimit().doubleValue());
        assertEquals(90.0, c.getUpperAlarmLimit().doubleValue());
        assertTrue(Double.isNaN(c.getUpperWarningLimit().doubleValue()), "HIGH unset (HSV=NO_ALARM) is NaN");
        assertTrue(Double.isNaN(c.getLowerAlarmLimit().doubleValue()));
        assertEquals(Severity.MAJOR_ALARM, c.getSeverity());
        assertEquals(Status.HIHI_ALARM, c.getStatus());
        Channel stat = connect(ctx, "wire:ai.STAT");
        assertEquals("HIHI", ((DBR_String) get(ctx, stat, DBRType.STRING)).getStringValue()[0]);
        Channel sevr = connect(ctx, "wire:ai.SEVR");
        assertEquals("MAJOR", ((DBR_String) get(ctx, sevr, DBRType.STRING)).getStringValue()[0]);
        assertEquals(2, ((DBR_Enum) get(ctx, sevr, DBRType.ENUM)).getEnumValue()[0]);
        stat.destroy();
        sevr.destroy();

        Channel o = connect(ctx, "wire:ao");
        DBR_CTRL_Double oc = (DBR_CTRL_Double) get(ctx, o, DBRType.CTRL_DOUBLE);
        assertEquals(10.0, oc.getUpperCtrlLimit().doubleValue(), "ao control limits are DRVH/DRVL");
        assertEquals(-10.0, oc.getLowerCtrlLimit().doubleValue());
        assertEquals(20.0, oc.getUpperDispLimit().doubleValue());
        assertEquals("avery", oc.getUnits().substring(0, 5));
        assertTrue(oc.getUnits().length() <= 7, "units fit DB_UNITS_SIZE: " + oc.getUnits());
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, 1.0, 5));
        ch.destroy();
        o.destroy();
    }

    @Test
    void enumLabelsAndEnumAsString() throws Exception {
        Channel ch = connect(ctx, "wire:t.MODE");
        assertEquals(DBRType.ENUM, ch.getFieldType());
        DBR_CTRL_Enum c = (DBR_CTRL_Enum) get(ctx, ch, DBRType.CTRL_ENUM);
        assertArrayEquals(new String[] {"Off", "On", "Auto"}, c.getLabels());
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, "Auto", 5));
        assertEquals(2, ((DBR_Enum) get(ctx, ch, DBRType.ENUM)).getEnumValue()[0]);
        assertEquals("Auto", ((DBR_String) get(ctx, ch, DBRType.STRING)).getStringValue()[0]);
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, 1, 5));
        assertEquals("On", ((DBR_String) get(ctx, ch, DBRType.STRING)).getStringValue()[0]);

        Channel scan = connect(ctx, "wire:ai.SCAN");
        assertEquals(DBRType.ENUM, scan.getFieldType());
        DBR_CTRL_Enum sc = (DBR_CTRL_Enum) get(ctx, scan, DBRType.CTRL_ENUM);
        assertEquals("Passive", sc.getLabels()[0]);
        assertEquals(".1 second", sc.getLabels()[9]);
        assertEquals("Passive", ((DBR_String) get(ctx, scan, DBRType.STRING)).getStringValue()[0]);
        ch.destroy();
        scan.destroy();
    }

    @Test
    void plainPutAndPutCallbackWithClamp() throws Exception {
        Channel ch = connect(ctx, "wire:ao");
        ch.put(3.0);
        ctx.flushIO();
        Thread.sleep(200);
        assertEquals(3.0, ((DBR_Double) get(ctx, ch, DBRType.DOUBLE)).getDoubleValue()[0]);
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, 42.0, 5));
        assertEquals(10.0, ((DBR_Double) get(ctx, ch, DBRType.DOUBLE)).getDoubleValue()[0], "clamped to DRVH");
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, "-4.5", 5));
        assertEquals(-4.5, ((DBR_Double) get(ctx, ch, DBRType.DOUBLE)).getDoubleValue()[0]);
        ch.destroy();
    }

    @Test
    void disabledRecordRefusesPut() throws Exception {
        Channel disp = connect(ctx, "wire:disabled.DISP");
        assertEquals(CAStatus.NORMAL, putWait(ctx, disp, 1, 5));
        Channel ch = connect(ctx, "wire:disabled");
        assertEquals(CAStatus.PUTFAIL, putWait(ctx, ch, 1.0, 5));
        assertEquals(CAStatus.NORMAL, putWait(ctx, disp, 0, 5));
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, 1.0, 5));
        ch.destroy();
        disp.destroy();
    }

    @Test
    void monitorMasksValueVersusLog() throws Exception {
        Channel ch = connect(ctx, "wire:ai");
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, 0.0, 5));
        CaTestSupport.Events value = monitor(ctx, ch, DBRType.TIME_DOUBLE, Monitor.VALUE);
        CaTestSupport.Events log = monitor(ctx, ch, DBRType.TIME_DOUBLE, Monitor.LOG);
        // EVENT_ADD answers with the current value at once
        assertEquals(0.0, ((DBR_TIME_Double) value.next(5)).getDoubleValue()[0]);
        assertEquals(0.0, ((DBR_TIME_Double) log.next(5)).getDoubleValue()[0]);
        for (double v : new double[] {1, 2, 3, 10}) assertEquals(CAStatus.NORMAL, putWait(ctx, ch, v, 5));
        for (double v : new double[] {1, 2, 3, 10}) {
            DBR d = value.next(5);
            assertNotNull(d, "DBE_VALUE event for " + v);
            assertEquals(v, ((DBR_TIME_Double) d).getDoubleValue()[0]);
        }
        DBR l = log.next(5);
        assertNotNull(l);
        assertEquals(10.0, ((DBR_TIME_Double) l).getDoubleValue()[0], "ADEL=5: only the jump to 10 is archived");
        assertNull(log.next(0.3));
        value.monitor.clear();
        log.monitor.clear();
        ctx.flushIO();
        ch.destroy();
    }

    @Test
    void readOnlyFieldIsRefused() throws Exception {
        Channel ch = connect(ctx, "wire:ai.STAT");
        assertFalse(ch.getWriteAccess(), "STAT is read-only");
        assertTrue(ch.getReadAccess());
        Channel lalm = connect(ctx, "wire:ai.LALM");
        assertFalse(lalm.getWriteAccess());
        Channel val = connect(ctx, "wire:ai.VAL");
        assertTrue(val.getWriteAccess());
        ch.destroy();
        lalm.destroy();
        val.destroy();
    }

    @Test
    void accessGateDecidesRights() throws Exception {
        server.setAccessGate(new AccessGate() {
            @Override
            public boolean canRead(Record r, FieldDef f, String user, String host) { return true; }

            @Override
            public boolean canWrite(Record r, FieldDef f, String user, String host) {
                return !r.name().equals("wire:gated");
            }
        });
        try {
            Channel gated = connect(ctx, "wire:gated");
            assertFalse(gated.getWriteAccess());
            Channel other = connect(ctx, "wire:ao.DESC");
            assertTrue(other.getWriteAccess());
            boolean found = false;
            for (CaServer.ClientInfo c : server.clients()) {
                if (c.channels().contains("wire:gated")) {
                    found = true;
                    assertEquals(System.getProperty("user.name"), c.user());
                    assertFalse(c.host().isEmpty());
                }
            }
            assertTrue(found, "clients() lists the open channel: " + server.clients());
            gated.destroy();
            other.destroy();
        } finally {
            server.setAccessGate(null);
        }
    }

    @Test
    void propertyEventOnEguChange() throws Exception {
        Channel ch = connect(ctx, "wire:ai");
        CaTestSupport.Events prop = monitor(ctx, ch, DBRType.CTRL_DOUBLE, Monitor.PROPERTY);
        assertEquals("mA", ((DBR_CTRL_Double) prop.next(5)).getUnits());
        Channel egu = connect(ctx, "wire:ai.EGU");
        assertEquals(CAStatus.NORMAL, putWait(ctx, egu, "V", 5));
        DBR d = prop.next(5);
        assertNotNull(d, "DBE_PROPERTY event after EGU put");
        assertEquals("V", ((DBR_CTRL_Double) d).getUnits());
        assertEquals(CAStatus.NORMAL, putWait(ctx, egu, "mA", 5));
        prop.monitor.clear();
        ch.destroy();
        egu.destroy();
    }

    @Test
    void nativeTypesOfFieldKinds() throws Exception {
        Object[][] cases = {
            {"wire:t.U32", DBRType.DOUBLE, 1}, {"wire:t.I64", DBRType.DOUBLE, 1}, {"wire:t.US", DBRType.INT, 1},
            {"wire:t.UC", DBRType.BYTE, 1}, {"wire:t.FL", DBRType.FLOAT, 1}, {"wire:t.LNK", DBRType.STRING, 1},
            {"wire:t.STR", DBRType.STRING, 1}, {"wire:t.STR$", DBRType.BYTE, 40},
            {"wire:t.LNK$", DBRType.BYTE, 1024}, {"wire:t.WAVE", DBRType.DOUBLE, 10},
            {"wire:t.BIG", DBRType.SHORT, 1_000_000}, {"wire:ai.SEVR", DBRType.ENUM, 1},
            {"wire:ai.PREC", DBRType.SHORT, 1}, {"wire:ai.RVAL", DBRType.INT, 1},
        };
        for (Object[] c : cases) {
            Channel ch = connect(ctx, (String) c[0]);
            assertEquals(c[1], ch.getFieldType(), (String) c[0]);
            assertEquals(c[2], ch.getElementCount(), (String) c[0]);
            ch.destroy();
        }
    }

    @Test
    void scalarsOfWideAndUnsignedTypes() throws Exception {
        Channel u32 = connect(ctx, "wire:t.U32");
        assertEquals(CAStatus.NORMAL, putWait(ctx, u32, 4000000000.0, 5));
        assertEquals(4.0e9, ((DBR_Double) get(ctx, u32, DBRType.DOUBLE)).getDoubleValue()[0]);
        Channel us = connect(ctx, "wire:t.US");
        assertEquals(CAStatus.NORMAL, putWait(ctx, us, 65535, 5));
        assertEquals(65535, ((DBR_Int) get(ctx, us, DBRType.INT)).getIntValue()[0]);
        Channel lnk = connect(ctx, "wire:t.LNK");
        assertEquals(CAStatus.NORMAL, putWait(ctx, lnk, "wire:ao PP", 5));
        assertEquals("wire:ao PP", ((DBR_String) get(ctx, lnk, DBRType.STRING)).getStringValue()[0]);
        u32.destroy();
        us.destroy();
        lnk.destroy();
    }

    @Test
    void longStringThroughDollarChannel() throws Exception {
        Channel ch = connect(ctx, "wire:t.STR$");
        String s = "a string of 35 characters, no more.";
        byte[] b = (s + "\0").getBytes();
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, b, 5));
        Channel plain = connect(ctx, "wire:t.STR");
        assertEquals(s, ((DBR_String) get(ctx, plain, DBRType.STRING)).getStringValue()[0]);
        byte[] back = ((DBR_Byte) get(ctx, ch, DBRType.BYTE)).getByteValue();
        assertEquals(40, back.length);
        assertEquals(s, new String(back, 0, s.length()));
        assertEquals(0, back[s.length()]);
        // a long link through LNK$ (longer than DBR_STRING's 40)
        Channel lnk = connect(ctx, "wire:t.LNK$");
        String target = "wire:ao.DESC NPP NMS".repeat(1) + "                                          ";
        assertEquals(CAStatus.NORMAL, putWait(ctx, lnk, (target.trim() + "\0").getBytes(), 5));
        byte[] lb = ((DBR_Byte) get(ctx, lnk, DBRType.BYTE, 64)).getByteValue();
        assertEquals(target.trim(), org.jioc.db.ArrayConvert.charsToString(lb, lb.length));
        ch.destroy();
        plain.destroy();
        lnk.destroy();
    }

    @Test
    void arraysArePaddedAndPutPartially() throws Exception {
        Channel ch = connect(ctx, "wire:t.WAVE");
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, new double[] {1.5, 2.5, 3.5}, 5));
        double[] v = ((DBR_Double) get(ctx, ch, DBRType.DOUBLE)).getDoubleValue();
        assertArrayEquals(new double[] {1.5, 2.5, 3.5, 0, 0, 0, 0, 0, 0, 0}, v);
        short[] s = ((DBR_Short) get(ctx, ch, DBRType.SHORT, 4)).getShortValue();
        assertArrayEquals(new short[] {1, 2, 3, 0}, s);
        Channel cw = connect(ctx, "wire:t.CWAV");
        assertEquals(CAStatus.NORMAL, putWait(ctx, cw, "hello\0".getBytes(), 5));
        assertEquals("hello", org.jioc.db.ArrayConvert.charsToString(
                ((DBR_Byte) get(ctx, cw, DBRType.BYTE)).getByteValue(), 256));
        ch.destroy();
        cw.destroy();
    }

    @Test
    void millionElementArray() throws Exception {
        Channel ch = connect(ctx, "wire:t.BIG");
        short[] big = new short[1_000_000];
        for (int i = 0; i < big.length; i++) big[i] = (short) (i % 30000);
        assertEquals(CAStatus.NORMAL, putWait(ctx, ch, big, 20));
        DBR d = get(ctx, ch, DBRType.TIME_SHORT);
        short[] back = ((DBR_TIME_Short) d).getShortValue();
        assertEquals(1_000_000, back.length);
        assertArrayEquals(big, back);
        assertNotEquals(0, back[999_999]);
        ch.destroy();
    }

    @Test
    void channelsOfUnknownNamesDoNotConnect() throws Exception {
        Channel ch = ctx.createChannel("wire:nothing");
        try {
            ctx.pendIO(0.5);
        } catch (gov.aps.jca.TimeoutException expected) {
            // not found
        }
        assertNotEquals(Channel.CONNECTED, ch.getConnectionState());
        ch.destroy();
        List<CaServer.ClientInfo> cl = server.clients();
        for (CaServer.ClientInfo c : cl) assertFalse(c.channels().contains("wire:nothing"));
    }
}
