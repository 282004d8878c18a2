package org.jioc.ca;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

import gov.aps.jca.CAException;
import gov.aps.jca.CAStatus;
import gov.aps.jca.Channel;
import gov.aps.jca.Monitor;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.LABELS;
import gov.aps.jca.dbr.STRING;
import gov.aps.jca.dbr.STS;
import gov.aps.jca.event.ConnectionEvent;
import gov.aps.jca.event.MonitorEvent;
import gov.aps.jca.event.PutListener;

import org.jioc.db.ArrayConvert;
import org.jioc.db.DbfType;
import org.jioc.db.FieldDef;
import org.jioc.db.Link;
import org.jioc.db.LinkOptions;
import org.jioc.db.Menus;
import org.jioc.db.NumberFormat;
import org.jioc.db.Record;

/**
 * One CA link. Input links keep a cache filled by a value+alarm monitor, so reads never wait on the network;
 * output and forward links put (plain, or with callback for {@link #writeDoubleAsync}). CP/CPP links ask the owner
 * to process (scanOnce) on each update. A disconnected link raises LINK/INVALID on its owner.
 */
final class CaLink extends Link {
    private static final Logger LOG = Logger.getLogger(CaLink.class.getName());

    private final CaLinks links;
    private final Record owner;
    private final FieldDef field;
    private final String pvName;
    private final LinkOptions opts;
    private volatile Channel channel;
    private volatile boolean connected;
    private Monitor monitor;

    // cache, guarded by this
    private boolean haveValue;
    private double dval = Double.NaN;
    private String sval;
    private Object arr;
    private int count = 1;
    private int stat = Menus.UDF_ALARM, sevr = Menus.INVALID;
    private String[] labels;
    private long timeSec;
    private int timeNsec;
    private volatile int disconnects;

    CaLink(CaLinks links, Record owner, FieldDef field, String pvName, LinkOptions opts) {
        super(textOf(pvName, opts));
        this.links = links;
        this.owner = owner;
        this.field = field;
        this.opts = opts;
        this.pvName = field.type == DbfType.FWDLINK && !pvName.contains(".") ? pvName + ".PROC" : pvName;
    }

    private static String textOf(String pv, LinkOptions o) {
        StringBuilder b = new StringBuilder(pv);
        if (o.pp != LinkOptions.Pp.NPP) b.append(' ').append(o.pp.name());
        if (o.ms != LinkOptions.Ms.NMS) b.append(' ').append(o.ms.name());
        return b.toString();
    }

    private boolean isInput() { return field.type == DbfType.INLINK; }

    void connect() {
        try {
            channel = links.context().createChannel(pvName, this::connectionChanged);
            links.flush();
        } catch (CAException | RuntimeException e) {
            LOG.log(Level.WARNING, "CA link " + owner.name() + "." + field.name + " to " + pvName + ": " + e.getMessage());
        }
    }

    private void connectionChanged(ConnectionEvent ev) {
        boolean up = ev.isConnected();
        boolean was = connected;
        connected = up;
        if (!up) {
            if (was) disconnects++;
            synchronized (this) {
                stat = Menus.LINK_ALARM;
                sevr = Menus.INVALID;
            }
            if (isCp()) owner.database().scanOnce(owner);
            return;
        }
        Channel ch = channel;
        if (ch == null) return;
        try {
            if (ch.getFieldType() == DBRType.ENUM) {
                ch.get(DBRType.CTRL_ENUM, 1, gev -> {
                    DBR d = gev.getDBR();
                    if (gev.getStatus() == CAStatus.NORMAL && d instanceof LABELS) {
                        synchronized (CaLink.this) {
                            labels = ((LABELS) d).getLabels();
                        }
                    }
                });
            }
            synchronized (this) {
                if (monitor == null && (isInput() || isCp())) {
                    int n = Math.max(1, ch.getElementCount());
                    DBRType native_ = ch.getFieldType();
                    DBRType t;
                    if (n > 1) t = timeOf(native_);
                    else if (native_ == DBRType.STRING) t = DBRType.TIME_STRING;
                    else t = DBRType.TIME_DOUBLE;
                    monitor = ch.addMonitor(t, n, Monitor.VALUE | Monitor.ALARM, this::monitorChanged);
                }
            }
            links.flush();
        } catch (CAException | RuntimeException e) {
            LOG.log(Level.WARNING, "CA link to " + pvName + ": " + e.getMessage());
        }
    }

    private static DBRType timeOf(DBRType t) {
        if (t == DBRType.STRING) return DBRType.TIME_STRING;
        if (t == DBRType.SHORT) return DBRType.TIME_SHORT;
        if (t == DBRType.FLOAT) return DBRType.TIME_FLOAT;
        if (t == DBRType.ENUM) return DBRType.TIME_ENUM;
        if (t == DBRType.BYTE) return DBRType.TIME_BYTE;
        if (t == DBRType.INT) return DBRType.TIME_INT;
        return DBRType.TIME_DOUBLE;
    }

    private boolean isCp() { return opts.pp == LinkOptions.Pp.CP || opts.pp == LinkOptions.Pp.CPP; }

    private void monitorChanged(MonitorEvent ev) {
        if (ev.getStatus() != CAStatus.NORMAL) return;
        DBR d = ev.getDBR();
        if (d == null) return;
        synchronized (this) {
            Object v = DbrCodec.valueArray(d);
            int n = Math.min(d.getCount(), v == null ? 0 : ArrayConvert.length(v));
            count = n;
            if (v instanceof String[]) {
                sval = n > 0 ? ((String[]) v)[0] : "";
                dval = parse(sval);
                arr = Arrays.copyOf((String[]) v, n);
            } else if (v != null) {
                sval = null;
                dval = n > 0 ? ArrayConvert.getDouble(v, 0, n) : Double.NaN;
                arr = copyOf(v, n);
            }
            if (d instanceof STS) {
                stat = ((STS) d).getStatus().getValue();
                sevr = ((STS) d).getSeverity().getValue();
            }
            if (d instanceof gov.aps.jca.dbr.TIME && ((gov.aps.jca.dbr.TIME) d).getTimeStamp() != null) {
                gov.aps.jca.dbr.TimeStamp ts = ((gov.aps.jca.dbr.TIME) d).getTimeStamp();
                timeSec = ts.secPastEpoch() + org.jioc.db.EpicsTime.EPICS_EPOCH;
                timeNsec = (int) ts.nsec();
            }
            haveValue = true;
        }
        if (isCp()) {
            if (opts.pp == LinkOptions.Pp.CPP && owner.l[Record.SCAN] != Menus.SCAN_PASSIVE) return;
            owner.database().scanOnce(owner);
        }
    }

    private static Object copyOf(Object v, int n) {
        Object c = java.lang.reflect.Array.newInstance(v.getClass().getComponentType(), n);
        System.arraycopy(v, 0, c, 0, n);
        return c;
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public boolean isConnected() {
        if (!connected) return false;
        if (!isInput()) return true;
        synchronized (this) {
            return haveValue;
        }
    }

    /** Not connected: LINK/INVALID on the owner (dbCa) and false. Else inherit severity per MS option. */
    private boolean readable(Record from) {
        if (!isConnected()) {
            from.setSevr(Menus.LINK_ALARM, Menus.INVALID);
            return false;
        }
        if (opts.ms != LinkOptions.Ms.NMS) from.inheritSevr(opts.ms, stat, sevr, "");
        return true;
    }

    @Override
    public synchronized double readDouble(Record from, double fallback) {
        if (!readable(from)) return fallback;
        return dval;
    }

    @Override
    public synchronized long readLong(Record from, long fallback) {
        if (!readable(from)) return fallback;
        return Double.isNaN(dval) ? fallback : (long) dval;
    }

    @Override
    public synchronized String readString(Record from, String fallback) {
        if (!readable(from)) return fallback;
        if (sval != null) return sval;
        if (arr instanceof byte[] && count > 1) return ArrayConvert.charsToString((byte[]) arr, count);
        if (labels != null && dval >= 0 && dval < labels.length) return labels[(int) dval];
        return NumberFormat.plain(dval);
    }

    @Override
    public synchronized int readArray(Record from, Object dst, int capacity) {
        if (!readable(from) || arr == null) return -1;
        int n = Math.min(Math.min(count, capacity), ArrayConvert.length(dst));
        if (arr instanceof String[] && !(dst instanceof String[])) {
            if (dst instanceof byte[] && n > 0) {
                byte[] b = ((String[]) arr)[0].getBytes(StandardCharsets.UTF_8);
                int k = Math.min(b.length, Math.min(capacity, ArrayConvert.length(dst)) - 1);
                System.arraycopy(b, 0, dst, 0, Math.max(0, k));
                ((byte[]) dst)[Math.max(0, k)] = 0;
                return k + 1;
            }
            for (int i = 0; i < n; i++) ArrayConvert.copy(new double[] {parse(((String[]) arr)[i])}, 0, false, dst, i, 1);
            return n;
        }
        ArrayConvert.copy(arr, 0, false, dst, 0, n);
        return n;
    }

    @Override
    public synchronized int sourceCount() { return Math.max(1, count); }

    @Override
    public boolean copiesTime() { return false; }

    // ----------------------------------------------------------------------------------------------------------
    // Output

    private Channel writable(Record from) {
        Channel ch = channel;
        if (ch == null || !connected) {
            from.setSevr(Menus.LINK_ALARM, Menus.INVALID);
            return null;
        }
        return ch;
    }

    private boolean done(Record from, boolean ok) {
        if (!ok) from.setSevr(Menus.LINK_ALARM, Menus.INVALID);
        else links.flush();
        return ok;
    }

    @Override
    public boolean writeDouble(Record from, double v) {
        Channel ch = writable(from);
        if (ch == null) return false;
        try {
            ch.put(v);
            return done(from, true);
        } catch (CAException | RuntimeException e) {
            return done(from, false);
        }
    }

    @Override
    public boolean writeLong(Record from, long v) {
        Channel ch = writable(from);
        if (ch == null) return false;
        try {
            if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) ch.put((int) v);
            else ch.put((double) v);
            return done(from, true);
        } catch (CAException | RuntimeException e) {
            return done(from, false);
        }
    }

    @Override
    public boolean writeString(Record from, String v) {
        Channel ch = writable(from);
        if (ch == null) return false;
        try {
            if (ch.getFieldType() == DBRType.BYTE && ch.getElementCount() > 1) {
                byte[] b = v.getBytes(StandardCharsets.UTF_8);
                ch.put(Arrays.copyOf(b, Math.min(b.length + 1, ch.getElementCount())));
            } else {
                ch.put(v);
            }
            return done(from, true);
        } catch (CAException | RuntimeException e) {
            return done(from, false);
        }
    }

    @Override
    public boolean writeArray(Record from, Object src, int n) {
        Channel ch = writable(from);
        if (ch == null) return false;
        try {
            int k = Math.max(0, Math.min(n, ArrayConvert.length(src)));
            if (src instanceof double[]) ch.put(Arrays.copyOf((double[]) src, k));
            else if (src instanceof float[]) ch.put(Arrays.copyOf((float[]) src, k));
            else if (src instanceof int[]) ch.put(Arrays.copyOf((int[]) src, k));
            else if (src instanceof short[]) ch.put(Arrays.copyOf((short[]) src, k));
            else if (src instanceof byte[]) ch.put(Arrays.copyOf((byte[]) src, k));
            else if (src instanceof String[]) ch.put(Arrays.copyOf((String[]) src, k));
            else {
                double[] dd = new double[k];
                ArrayConvert.copy(src, 0, false, dd, 0, k);
                ch.put(dd);
            }
            return done(from, true);
        } catch (CAException | RuntimeException e) {
            return done(from, false);
        }
    }

    @Override
    public boolean writeDoubleAsync(Record from, double v, Runnable whenDone) {
        Channel ch = writable(from);
        if (ch == null) return false;
        try {
            PutListener l = ev -> whenDone.run();
            ch.put(v, l);
            return done(from, true);
        } catch (CAException | RuntimeException e) {
            return done(from, false);
        }
    }

    /** FLNK to a record in another IOC: put 1 to its PROC field. */
    @Override
    public void forward(Record from) {
        Channel ch = channel;
        if (ch == null || !connected) return;
        try {
            ch.put(1);
            links.flush();
        } catch (CAException | RuntimeException e) {
            LOG.log(Level.FINE, "CA forward link to " + pvName, e);
        }
    }

    @Override
    public void close() {
        Channel ch = channel;
        channel = null;
        connected = false;
        links.dropped(this);
        if (ch == null) return;
        Monitor m;
        synchronized (this) {
            m = monitor;
            monitor = null;
        }
        try {
            // outside this link's lock: CAJ holds its channel's lock while it calls connectionChanged, which takes ours
            if (m != null) m.clear();
            ch.destroy();
        } catch (CAException | RuntimeException e) {
            LOG.log(Level.FINE, "CA link close", e);
        }
    }

    /** Time of the last update (POSIX), for TSEL-like uses and dbcar. */
    synchronized long[] lastTime() { return new long[] {timeSec, timeNsec}; }

    String pvName() { return pvName; }

    /** This link's state for dbcar. */
    CaLinks.LinkReport report() {
        Channel ch = channel;
        boolean up = connected && ch != null;
        boolean read = up && safe(ch::getReadAccess);
        boolean write = up && safe(ch::getWriteAccess);
        return new CaLinks.LinkReport(owner.name(), field.name, pvName, isConnected(), read, write, disconnects);
    }

    private static boolean safe(java.util.function.BooleanSupplier s) {
        try {
            return s.getAsBoolean();
        } catch (IllegalStateException e) {
            return false; // channel closed meanwhile
        }
    }
}
