package org.jioc.areadetector.asyn;

import java.util.ArrayDeque;

import org.jioc.areadetector.NDArray;
import org.jioc.db.DbException;
import org.jioc.db.DeviceRegistry;
import org.jioc.db.DeviceSupport;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.HardwareLink;
import org.jioc.db.IoScanList;
import org.jioc.db.LockSet;
import org.jioc.db.Menus;
import org.jioc.db.Record;
import org.jioc.motion.AsynAddress;

/**
 * asyn's standard device support on a {@link PortDriver} parameter, linked as areaDetector templates write it:
 * {@code @asyn(PORT,ADDR,TIMEOUT)PARAM}. DTYPs: asynInt32 (ai ao longin longout bi bo mbbi mbbo), asynFloat64
 * (ai ao), asynOctetRead (stringin, CHAR waveform), asynOctetWrite (stringout, CHAR waveform), and
 * asyn{Int8,Int16,Int32,Float32,Float64}ArrayIn (waveform); asynInt32 also serves the busy record (NDFile's Capture,
 * WriteFile), whose readback of 0 processes it so that a put-callback of 1 completes when the driver is done.
 *
 * <p>Inputs with SCAN "I/O Intr" get every value the driver posts, in order: each value is queued for the record
 * and the record processed once per value, so a fast 1→0 (Acquire_RBV) shows both edges. Array inputs keep only
 * the newest frame. Outputs write synchronously under the record's lock; they read the driver's value back at
 * init, and with {@code info(asyn:READBACK, "1")} follow later driver changes (Acquire returning to Done) without
 * writing or processing.
 */
public final class AsynDevice implements DeviceSupport {
    /** Which asyn interface the DTYP selects. */
    enum Iface { INT32, FLOAT64, OCTET_READ, OCTET_WRITE, ARRAY_IN }

    /** Most queued values per scalar input record before the newest replaces the last (EPICS ring buffer). */
    private static final int QUEUE_LIMIT = 100;

    /** One thread applies asyn:READBACK values in the order drivers post them (never under a driver's lock). */
    private static final java.util.concurrent.ExecutorService READBACKS =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "asynReadback");
                t.setDaemon(true);
                return t;
            });

    private final PortRegistry ports;
    private final Iface iface;
    private PortDriver port;
    private Param param;
    private boolean output;
    private final IoScanList scan = new IoScanList();
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    /** An output record is being processed for a driver readback: nothing is written back to the driver. */
    private boolean readbackProcessing;

    /** Writes the driver says may block run here, with the record active meanwhile (asyn's ASYN_CANBLOCK ports). */
    private static final java.util.concurrent.ExecutorService BLOCKING_WRITES =
            java.util.concurrent.Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "asynBlockingWrite");
                t.setDaemon(true);
                return t;
            });
    /** A blocking write has been started and this record waits for it (PACT=1). */
    private boolean writeInProgress;
    /** How the blocking write ended: null when it succeeded. */
    private volatile PortException writeError;

    AsynDevice(PortRegistry ports, Iface iface) {
        this.ports = ports;
        this.iface = iface;
    }

    /** Register the DTYPs for every record type they serve. */
    public static void register(DeviceRegistry devices, PortRegistry ports) {
        for (String t : new String[] {"ai", "ao", "longin", "longout", "bi", "bo", "mbbi", "mbbo", "busy"}) {
            devices.register(t, "asynInt32", () -> new AsynDevice(ports, Iface.INT32));
        }
        for (String t : new String[] {"ai", "ao"}) {
            devices.register(t, "asynFloat64", () -> new AsynDevice(ports, Iface.FLOAT64));
        }
        for (String t : new String[] {"stringin", "waveform"}) {
            devices.register(t, "asynOctetRead", () -> new AsynDevice(ports, Iface.OCTET_READ));
        }
        for (String t : new String[] {"stringout", "waveform"}) {
            devices.register(t, "asynOctetWrite", () -> new AsynDevice(ports, Iface.OCTET_WRITE));
        }
        for (String a : new String[] {"Int8", "Int16", "Int32", "Float32", "Float64"}) {
            devices.register("waveform", "asyn" + a + "ArrayIn", () -> new AsynDevice(ports, Iface.ARRAY_IN));
        }
    }

    @Override
    public void init(Record r, int pass) throws DbException {
        if (pass != 0) return;
        String type = r.type().name();
        output = java.util.Set.of("ao", "bo", "mbbo", "longout", "stringout", "busy").contains(type)
                || (type.equals("waveform") && iface == Iface.OCTET_WRITE);
        FieldDef lf = r.type().field(output && !type.equals("waveform") ? "OUT" : "INP");
        Object link = r.o[lf.slot];
        String text = link instanceof HardwareLink ? ((HardwareLink) link).parameter().trim() : null;
        if (text == null) throw bad(r, lf.name + " must be @asyn(PORT,ADDR,TIMEOUT)PARAM");
        AsynAddress a;
        try {
            a = AsynAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw bad(r, lf.name + ": bad address '@" + text + "': expected @asyn(PORT,ADDR,TIMEOUT)PARAM");
        }
        port = ports.get(a.port());
        if (port == null) throw bad(r, lf.name + ": no asyn port '" + a.port() + "' (configure it before iocInit)");
        String name = text.substring(text.indexOf(')') + 1).trim();
        param = port.param(name);
        if (param == null) throw bad(r, lf.name + ": port " + a.port() + " has no parameter '" + name + "'");
        ParamType want = switch (iface) {
            case INT32 -> ParamType.INT32;
            case FLOAT64 -> ParamType.FLOAT64;
            case OCTET_READ, OCTET_WRITE -> ParamType.OCTET;
            case ARRAY_IN -> ParamType.ARRAY;
        };
        if (param.type() != want) {
            throw bad(r, lf.name + ": parameter " + name + " of port " + a.port() + " is " + param.type()
                    + ", DTYP " + r.getString(r.type().field("DTYP")) + " needs " + want);
        }
        if (iface != Iface.ARRAY_IN) {
            Object v = port.value(param);
            if (v != null) {
                if (output) storeOutput(r, v);
                else storeInput(r, v);
            } else if (type.equals("bo") || type.equals("mbbo") || type.equals("busy")) {
                keepTemplateValue(r);
            }
        }
        if (!output) {
            port.addListener(param, (p, v) -> queue(r, v));
        } else if ("1".equals(r.info("asyn:READBACK"))) {
            port.addListener(param, (p, v) -> READBACKS.execute(() -> readback(r, v)));
        }
    }

    private static DbException bad(Record r, String message) {
        return new DbException(DbException.Kind.BAD_VALUE, r.name() + ": " + message);
    }

    /** The driver posted a value: queue it for the record and ask for one processing. */
    private void queue(Record r, Object v) {
        if (r.l[Record.SCAN] != Menus.SCAN_IO_EVENT) return;
        synchronized (pending) {
            if (iface == Iface.ARRAY_IN) pending.clear();
            else if (pending.size() >= QUEUE_LIMIT) pending.pollLast();
            pending.add(v);
        }
        scan.request();
    }

    /**
     * asyn:READBACK: the output record takes the driver's value and is processed without writing it back, as asyn's
     * output callbacks do: monitors, alarms and the forward link run (Acquire returning to Done runs SetAcquireBusy
     * with 0, so the next Acquire=1 is a transition again), and a busy record's 0 completes a pending put-callback.
     */
    private void readback(Record r, Object v) {
        try (LockSet.Guard g = r.database().lock(r)) {
            storeOutput(r, v);
            readbackProcessing = true;
            try {
                r.dbProcess();
            } finally {
                readbackProcessing = false;
            }
        }
    }

    @Override
    public IoScanList ioScanList(Record r) { return output ? null : scan; }

    @Override
    public long read(Record r) {
        if (output) return write(r); // a CHAR waveform with asynOctetWrite writes when processed
        Object v;
        synchronized (pending) {
            v = pending.poll();
        }
        if (v == null) v = port.value(param);
        if (v == null) {
            r.setSevr(Menus.READ_ALARM, Menus.INVALID);
            return -1;
        }
        return storeInput(r, v);
    }

    private long storeInput(Record r, Object v) {
        FieldDef val = r.type().valueField();
        switch (r.type().name()) {
            case "ai":
                r.d[val.slot] = ((Number) v).doubleValue();
                r.l[Record.UDF] = 0;
                return 2;
            case "bi": case "mbbi":
                r.l[r.type().field("RVAL").slot] = ((Number) v).intValue() & 0xFFFFFFFFL;
                return 0;
            case "longin":
                r.l[val.slot] = ((Number) v).intValue();
                r.l[Record.UDF] = 0;
                return 0;
            case "stringin":
                r.o[val.slot] = clip(v.toString(), 39);
                r.l[Record.UDF] = 0;
                return 0;
            default: // waveform
                try {
                    if (v instanceof String) r.arrayPut(val, new String[] {(String) v}, 1);
                    else {
                        Object data = v instanceof NDArray ? pixels((NDArray) v, r.arrayValue(val)) : v;
                        r.arrayPut(val, data, java.lang.reflect.Array.getLength(data));
                    }
                } catch (DbException e) {
                    r.setSevrMsg(Menus.READ_ALARM, Menus.INVALID, e.getMessage());
                    return -1;
                }
                r.l[Record.UDF] = 0;
                return 0;
        }
    }

    /**
     * The frame's pixels for a waveform buffer: the array itself, or, when an unsigned type must widen into a
     * different element type, the values read unsigned (a plain copy would sign-extend UInt8 200 to -56).
     */
    private static Object pixels(NDArray a, Object buffer) {
        Object data = a.data();
        if (!a.dataType().unsigned || buffer == null || buffer.getClass() == data.getClass()) return data;
        double[] d = new double[a.numElements()];
        for (int i = 0; i < d.length; i++) d[i] = a.get(i);
        return d;
    }

    private static String clip(String s, int n) { return s.length() <= n ? s : s.substring(0, n); }

    /** An output takes the driver's value (init readback, asyn:READBACK). */
    private void storeOutput(Record r, Object v) {
        FieldDef val = r.type().valueField();
        switch (r.type().name()) {
            case "ao": {
                double x = ((Number) v).doubleValue();
                r.d[val.slot] = x;
                r.d[r.type().field("OVAL").slot] = x;
                break;
            }
            case "longout":
                r.l[val.slot] = ((Number) v).intValue();
                break;
            case "bo": case "busy": {
                int x = ((Number) v).intValue();
                r.l[r.type().field("RVAL").slot] = x & 0xFFFFFFFFL;
                r.l[val.slot] = x == 0 ? 0 : 1;
                break;
            }
            case "mbbo": {
                int x = ((Number) v).intValue();
                r.l[r.type().field("RVAL").slot] = x & 0xFFFFFFFFL;
                r.l[val.slot] = mbboState(r, x);
                break;
            }
            case "stringout":
                r.o[val.slot] = clip(v.toString(), 39);
                break;
            default:
                try {
                    r.arrayPut(val, new String[] {v.toString()}, 1);
                } catch (DbException e) {
                    return;
                }
        }
        r.l[Record.UDF] = 0;
    }

    private static final String[] VL = {"ZRVL", "ONVL", "TWVL", "THVL", "FRVL", "FVVL", "SXVL", "SVVL", "EIVL", "NIVL",
        "TEVL", "ELVL", "TVVL", "TTVL", "FTVL", "FFVL"};
    private static final String[] ST = {"ZRST", "ONST", "TWST", "THST", "FRST", "FVST", "SXST", "SVST", "EIST",
        "NIST", "TEST", "ELST", "TVST", "TTST", "FTST", "FFST"};

    /** The mbbo state whose raw value is x (states with a string count), or x itself when no state is defined. */
    private static int mbboState(Record r, int x) {
        boolean any = false;
        for (int i = 0; i < 16; i++) {
            boolean defined = !r.getString(r.type().field(ST[i])).isEmpty() || r.getLong(r.type().field(VL[i])) != 0;
            if (!defined) continue;
            any = true;
            if (r.getLong(r.type().field(VL[i])) == x) return i;
        }
        return any ? 65535 : x;
    }

    /** No driver value: the bo/mbbo keeps its VAL from the database (the record derives VAL from RVAL at init). */
    private static void keepTemplateValue(Record r) {
        int val = (int) r.l[r.type().valueField().slot];
        long raw = val;
        if (!r.type().name().equals("mbbo")) raw = val != 0 ? 1 : 0;
        else if (val >= 0 && val < 16 && !r.getString(r.type().field(ST[val])).isEmpty()) {
            raw = r.getLong(r.type().field(VL[val]));
        }
        r.l[r.type().field("RVAL").slot] = raw;
    }

    @Override
    public long write(Record r) {
        if (readbackProcessing) return 0;
        if (writeInProgress) return finishBlockingWrite(r);
        if ((r.type().name().equals("busy") || r.type().name().equals("bo")) && iface == Iface.INT32) {
            int v = (int) r.l[r.type().field("RVAL").slot];
            if (port.writeMayBlock(param, v)) return startBlockingWrite(r, v);
        }
        try {
            switch (r.type().name()) {
                case "ao":
                    if (iface == Iface.FLOAT64) port.writeFloat64(param, r.d[r.type().field("OVAL").slot]);
                    else port.writeInt32(param, (int) r.l[r.type().field("RVAL").slot]);
                    break;
                case "longout":
                    port.writeInt32(param, (int) r.l[r.type().valueField().slot]);
                    break;
                case "bo": case "mbbo": case "busy":
                    port.writeInt32(param, (int) r.l[r.type().field("RVAL").slot]);
                    break;
                case "stringout":
                    port.writeOctet(param, (String) r.o[r.type().valueField().slot]);
                    break;
                default: // CHAR waveform
                    port.writeOctet(param, r.getString(r.type().valueField()));
                    r.l[Record.UDF] = 0;
                    break;
            }
            return 0;
        } catch (PortException e) {
            r.setSevrMsg(Menus.WRITE_ALARM, Menus.INVALID, e.getMessage());
            return -1;
        }
    }

    /**
     * The driver's write may take long (Capture=0 writes the capture's files): run it on another thread with the
     * record active, as asyn does for a port that can block, so no CA server thread or lock set waits for it; the
     * record completes (forward link, put-callback) when the write is done.
     */
    private long startBlockingWrite(Record r, int value) {
        writeInProgress = true;
        writeError = null;
        r.l[Record.PACT] = 1;
        BLOCKING_WRITES.execute(() -> {
            try {
                port.writeInt32(param, value);
            } catch (PortException e) {
                writeError = e;
            } finally {
                r.requestAsyncCompletion();
            }
        });
        return 0;
    }

    private long finishBlockingWrite(Record r) {
        writeInProgress = false;
        PortException e = writeError;
        if (e == null) return 0;
        r.setSevrMsg(Menus.WRITE_ALARM, Menus.INVALID, e.getMessage());
        return -1;
    }
}
