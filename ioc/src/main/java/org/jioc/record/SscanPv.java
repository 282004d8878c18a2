package org.jioc.record;

import java.util.function.Consumer;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.Limits;
import org.jioc.db.LinkOptions;
import org.jioc.db.LockSet;
import org.jioc.db.Record;
import org.jioc.db.RecordType;
import org.jioc.db.RemoteLinks;

/**
 * One PV an sscan record names in a PnPV/RnPV/TnPV/DnnPV/A1PV/BSPV/ASPV string: a field of this IOC (reached as a
 * CA client's channel would be, puts through dbPutField / put-notify) or a CA link to another IOC. Opened again
 * whenever the name field is written.
 */
abstract class SscanPv {
    /** The display, control and units metadata of the target (DBR_CTRL_DOUBLE). */
    record Meta(String units, int precision, double displayLow, double displayHigh, double controlLow,
                double controlHigh) { }

    final String name;

    SscanPv(String name) { this.name = name; }

    /** sscanP1NV status: PV OK, or why not. */
    abstract int status();

    /** The value as a double (element 0 of an array); NaN when it cannot be read. */
    abstract double read();

    /** Elements the source has (DnnNE). */
    abstract int count();

    /** Read up to n elements into dst; returns how many were read. */
    abstract int readArray(float[] dst, int n);

    /** Put with completion (ca_put_callback): done gets null when the target finished, else the error. */
    abstract void put(double v, Consumer<String> done);

    /** Metadata of the target, or null when it is not known (yet). */
    abstract Meta meta();

    /** The PV naming another field of the same record (a motor's STOP), or null. */
    abstract SscanPv sibling(String field);

    void close() { }

    @Override
    public String toString() { return name; }

    /** Resolve a name written into one of owner's PV-name fields; null for an empty name. */
    static SscanPv open(Record owner, String name) {
        String n = name == null ? "" : name.trim();
        if (n.isEmpty()) return null;
        Database db = owner.database();
        FieldAddress a = db.resolve(n);
        if (a != null) return new Local(n, a);
        RemoteLinks links = db.remoteLinks();
        if (links == null || n.contains(" ")) return new Bad(n);
        try {
            return new Remote(n, owner, links.create(owner, Remote.LINK_FIELD, n, LinkOptions.parse(n)));
        } catch (DbException | RuntimeException e) {
            return new Bad(n);
        }
    }

    /** A name that names nothing reachable. */
    static final class Bad extends SscanPv {
        Bad(String name) { super(name); }
        @Override int status() { return SscanMenus.PV_BAD; }
        @Override double read() { return Double.NaN; }
        @Override int count() { return 0; }
        @Override int readArray(float[] dst, int n) { return 0; }
        @Override void put(double v, Consumer<String> done) { done.accept("no PV " + name); }
        @Override Meta meta() { return null; }
        @Override SscanPv sibling(String field) { return null; }
    }

    /** A field of this IOC. */
    static final class Local extends SscanPv {
        final FieldAddress addr;

        Local(String name, FieldAddress addr) {
            super(name);
            this.addr = addr;
        }

        @Override
        int status() {
            return SscanMenus.PV_OK; // a read-only target fails at its first put, with the reason
        }

        @Override
        double read() {
            try (LockSet.Guard g = addr.lock()) {
                return addr.record.getDouble(addr.field);
            }
        }

        @Override
        int count() {
            try (LockSet.Guard g = addr.lock()) {
                return addr.field.isArray() ? addr.record.arrayCount(addr.field) : 1;
            }
        }

        @Override
        int readArray(float[] dst, int n) {
            try (LockSet.Guard g = addr.lock()) {
                if (!addr.field.isArray()) {
                    if (n > 0) dst[0] = (float) addr.record.getDouble(addr.field);
                    return Math.min(1, n);
                }
                int k = Math.min(n, addr.record.arrayCount(addr.field));
                org.jioc.db.ArrayConvert.copy(addr.record.arrayValue(addr.field), 0, false, dst, 0, k);
                return k;
            }
        }

        @Override
        void put(double v, Consumer<String> done) {
            FieldDef f = addr.field;
            addr.record.database().putFieldNotify(addr, r -> r.storeDouble(f, v),
                    err -> done.accept(err == null ? null : err.getMessage()));
        }

        @Override
        Meta meta() {
            try (LockSet.Guard g = addr.lock()) {
                Record r = addr.record;
                Limits lim = new Limits();
                r.limits(addr.field, lim);
                return new Meta(r.units(addr.field), r.precision(addr.field), lim.displayLow, lim.displayHigh,
                        lim.controlLow, lim.controlHigh);
            }
        }

        @Override
        SscanPv sibling(String field) {
            FieldAddress a = addr.record.database().resolve(addr.record.name() + "." + field);
            return a == null ? null : new Local(a.channelName(), a);
        }
    }

    /** A PV of another IOC through a CA link (monitored for reads, put with callback for writes). */
    static final class Remote extends SscanPv {
        /** The link field CA links of sscan records report in dbcar. */
        static final FieldDef LINK_FIELD;
        static {
            RecordType t = new RecordType("sscanPv");
            LINK_FIELD = t.inlink("PV").def();
        }

        private final Record owner;
        private final org.jioc.db.Link link;

        Remote(String name, Record owner, org.jioc.db.Link link) {
            super(name);
            this.owner = owner;
            this.link = link;
        }

        @Override
        int status() { return link.isConnected() ? SscanMenus.PV_OK : SscanMenus.PV_NOREAD; }

        @Override
        double read() {
            try (LockSet.Guard g = owner.database().lock(owner)) {
                return link.readDouble(owner, Double.NaN);
            }
        }

        @Override
        int count() { return link.isConnected() ? link.sourceCount() : 0; }

        @Override
        int readArray(float[] dst, int n) {
            try (LockSet.Guard g = owner.database().lock(owner)) {
                return Math.max(0, link.readArray(owner, dst, n));
            }
        }

        @Override
        void put(double v, Consumer<String> done) {
            boolean ok;
            try (LockSet.Guard g = owner.database().lock(owner)) {
                ok = link.writeDoubleAsync(owner, v, () -> done.accept(null));
            }
            if (!ok) done.accept("cannot put to " + name + " (not connected)");
        }

        @Override
        Meta meta() { return null; }

        @Override
        SscanPv sibling(String field) {
            int dot = name.lastIndexOf('.');
            String rec = dot < 0 ? name : name.substring(0, dot);
            return open(owner, rec + "." + field);
        }

        @Override
        void close() { link.close(); }
    }
}
