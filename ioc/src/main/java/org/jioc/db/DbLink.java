package org.jioc.db;

/**
 * A link to a field of a record in this IOC (dbDbLink). PP processes a passive target before reading / after
 * writing; MS/MSI/MSS carry severity across; CP/CPP subscribe and process the owner when the target posts.
 * Both ends are always in one lock set, so no further locking happens here.
 */
public final class DbLink extends Link {
    private final Record target;
    private final FieldDef field;     // null for a .TIME link
    private final LinkOptions opts;
    private final Record owner;
    private FieldListener cpListener;

    DbLink(String text, Record owner, Record target, FieldDef field, LinkOptions opts) {
        super(text);
        this.owner = owner;
        this.target = target;
        this.field = field;
        this.opts = opts;
    }

    public Record target() { return target; }

    public FieldDef field() { return field; }

    public LinkOptions options() { return opts; }

    @Override
    public Record lockTarget() { return target; }

    /** CP/CPP: subscribe to the target so the owner processes on each value or alarm change. */
    void subscribeIfCp() {
        if (field == null || (opts.pp != LinkOptions.Pp.CP && opts.pp != LinkOptions.Pp.CPP)) return;
        final boolean onlyPassive = opts.pp == LinkOptions.Pp.CPP;
        cpListener = (rec, f, mask) -> {
            if ((mask & (FieldListener.DBE_VALUE | FieldListener.DBE_ALARM)) == 0) return;
            if (onlyPassive && owner.l[Record.SCAN] != Menus.SCAN_PASSIVE) return;
            owner.db.scanOnce(owner);
        };
        target.addListener(field, cpListener);
    }

    /**
     * The first monitor update a CP link gets after connecting (EPICS CP links are CA monitors): process the owner
     * once at the end of iocInit, so readbacks start with their source's value.
     */
    void initialUpdate() {
        if (cpListener == null) return;
        if (opts.pp == LinkOptions.Pp.CPP && owner.l[Record.SCAN] != Menus.SCAN_PASSIVE) return;
        owner.db.scanOnce(owner);
    }

    @Override
    public void close() {
        if (cpListener != null) target.removeListener(field, cpListener);
        cpListener = null;
    }

    private void processIfPassive(Record from) {
        if (opts.pp == LinkOptions.Pp.PP && target.l[Record.SCAN] == Menus.SCAN_PASSIVE) {
            from.db.scanPassive(from, target);
        }
    }

    private void inherit(Record from) {
        if (opts.ms != LinkOptions.Ms.NMS) {
            from.inheritSevr(opts.ms, (int) target.l[Record.STAT], (int) target.l[Record.SEVR],
                    (String) target.o[Record.AMSG]);
        }
    }

    @Override
    public double readDouble(Record from, double fallback) {
        if (field == null) return fallback;
        processIfPassive(from);
        inherit(from);
        return target.getDouble(field);
    }

    @Override
    public long readLong(Record from, long fallback) {
        if (field == null) return fallback;
        processIfPassive(from);
        inherit(from);
        return target.getLong(field);
    }

    @Override
    public String readString(Record from, String fallback) {
        if (field == null) return fallback;
        processIfPassive(from);
        inherit(from);
        return target.getString(field);
    }

    @Override
    public int readArray(Record from, Object dst, int capacity) {
        if (field == null) return -1;
        processIfPassive(from);
        inherit(from);
        if (field.isArray()) {
            int n = Math.min(target.arrayCount(field), capacity);
            Object src = target.arrayValue(field);
            if (src instanceof String[] && !(dst instanceof String[])) {
                for (int i = 0; i < n; i++) ArrayConvert.set(dst, i, Record.parseNumber(((String[]) src)[i]));
            } else {
                ArrayConvert.copy(src, 0, isUnsigned(field, target), dst, 0, n);
            }
            return n;
        }
        if (capacity < 1) return 0;
        if (dst instanceof String[]) ((String[]) dst)[0] = target.getString(field);
        else if (dst instanceof byte[] && (field.type == DbfType.STRING || field.type.isLink())) {
            byte[] b = target.getString(field).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int n = Math.min(b.length, capacity - 1);
            System.arraycopy(b, 0, dst, 0, n);
            ((byte[]) dst)[n] = 0;
            return n + 1;
        } else ArrayConvert.set(dst, 0, target.getDouble(field));
        return 1;
    }

    private static boolean isUnsigned(FieldDef f, Record r) {
        DbfType t = r.fieldType(f);
        return t == DbfType.UCHAR || t == DbfType.USHORT || t == DbfType.ULONG || t == DbfType.UINT64;
    }

    @Override
    public int sourceCount() {
        return field != null && field.isArray() ? target.arrayCount(field) : 1;
    }

    private boolean afterWrite(Record from, boolean ok) {
        if (!ok) {
            from.setSevr(Menus.LINK_ALARM, Menus.INVALID);
            return false;
        }
        if (opts.ms != LinkOptions.Ms.NMS) {
            // MS on an output link passes the owner's pending severity to the target (recGblInheritSevr).
            target.inheritSevr(opts.ms, (int) from.l[Record.NSTA], (int) from.l[Record.NSEV],
                    (String) from.o[Record.NAMSG]);
        }
        boolean isProc = Record.isProc(field);
        if (isProc || (opts.pp == LinkOptions.Pp.PP && target.l[Record.SCAN] == Menus.SCAN_PASSIVE)) {
            if (target.l[Record.PUTF] != 0) target.l[Record.RPRO] = 1;
            else from.db.scanPassive(from, target, isProc);
        }
        return true;
    }

    @Override
    public boolean writeDouble(Record from, double v) {
        if (field == null) return false;
        return afterWrite(from, from.db.dbPut(target, field, r -> r.storeDouble(field, v)));
    }

    @Override
    public boolean writeLong(Record from, long v) {
        if (field == null) return false;
        return afterWrite(from, from.db.dbPut(target, field, r -> r.storeLong(field, v)));
    }

    @Override
    public boolean writeString(Record from, String v) {
        if (field == null) return false;
        return afterWrite(from, from.db.dbPut(target, field, r -> r.storeString(field, v)));
    }

    @Override
    public boolean writeArray(Record from, Object src, int n) {
        if (field == null) return false;
        return afterWrite(from, from.db.dbPut(target, field, r -> {
            if (field.isArray()) r.arrayPut(field, src, n);
            else if (src instanceof String[]) r.storeString(field, n > 0 ? ((String[]) src)[0] : "");
            else if (src instanceof byte[] && (field.type == DbfType.STRING || field.type.isLink()))
                r.storeString(field, ArrayConvert.charsToString((byte[]) src, n));
            else r.storeDouble(field, n > 0 ? ArrayConvert.getDouble(src, 0, n) : 0);
        }));
    }

    @Override
    public void forward(Record from) {
        from.db.scanPassive(from, target);
    }

    @Override
    public boolean copiesTime() { return field == null; }

    @Override
    public boolean copyTimeInto(Record into) {
        into.timeSec = target.timeSec;
        into.timeNsec = target.timeNsec;
        return true;
    }
}
