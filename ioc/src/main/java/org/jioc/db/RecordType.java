package org.jioc.db;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A record type's field table and factory. Declared once per type as a static builder chain; every type starts with
 * the common (dbCommon) fields in the same order, so their slots are the same in every record.
 */
public final class RecordType {
    private final String name;
    private final List<FieldDef> fields = new ArrayList<>();
    private final Map<String, FieldDef> byName = new LinkedHashMap<>();
    private int longs, doubles, objects;
    private final List<FieldDef> longDefs = new ArrayList<>(), doubleDefs = new ArrayList<>(),
            objectDefs = new ArrayList<>();
    private Function<RecordType, Record> factory;
    private boolean sealed;

    public RecordType(String name) {
        this.name = name;
        Record.declareCommon(this);
    }

    public String name() { return name; }

    public List<FieldDef> fields() { return Collections.unmodifiableList(fields); }

    /** The VAL field, or null; looked up once, since dbProcess needs it on every disable/active pass. */
    public FieldDef valueField() { return byName.get("VAL"); }

    /** Field by name (case-sensitive, as in EPICS), or null. */
    public FieldDef field(String fieldName) { return byName.get(fieldName); }

    FieldDef longField(int slot) { return longDefs.get(slot); }
    FieldDef doubleField(int slot) { return doubleDefs.get(slot); }
    FieldDef objectField(int slot) { return objectDefs.get(slot); }

    int longCount() { return longs; }
    int doubleCount() { return doubles; }
    int objectCount() { return objects; }

    public RecordType factory(Function<RecordType, Record> f) {
        this.factory = f;
        this.sealed = true;
        return this;
    }

    public Record newRecord(String recordName) {
        Record r = factory.apply(this);
        r.initStorage(recordName);
        return r;
    }

    /** Start declaring a field; finish with {@link Builder#slot()} (returns the storage slot) or {@link Builder#def()}. */
    public Builder add(String fieldName, DbfType type) {
        if (sealed) throw new IllegalStateException("record type " + name + " is sealed");
        if (byName.containsKey(fieldName)) throw new IllegalStateException(name + "." + fieldName + " declared twice");
        return new Builder(fieldName, type);
    }

    // Shorthands for the common declarations.
    public Builder dbl(String n) { return add(n, DbfType.DOUBLE); }
    public Builder flt(String n) { return add(n, DbfType.FLOAT); }
    public Builder lng(String n) { return add(n, DbfType.LONG); }
    public Builder shrt(String n) { return add(n, DbfType.SHORT); }
    public Builder ushrt(String n) { return add(n, DbfType.USHORT); }
    public Builder uchar(String n) { return add(n, DbfType.UCHAR); }
    public Builder ulng(String n) { return add(n, DbfType.ULONG); }
    public Builder str(String n, int size) { return add(n, DbfType.STRING).size(size); }
    public Builder menu(String n, Menu m) { return add(n, DbfType.MENU).menu(m); }
    public Builder inlink(String n) { return add(n, DbfType.INLINK); }
    public Builder outlink(String n) { return add(n, DbfType.OUTLINK); }
    public Builder noaccess(String n) { return add(n, DbfType.NOACCESS).readOnly(); }

    public final class Builder {
        private final String fname;
        private final DbfType type;
        private int flags;
        private Menu menu;
        private int size = 40;
        private String initial;
        private int interest = 1;

        Builder(String fname, DbfType type) {
            this.fname = fname;
            this.type = type;
            if (type == DbfType.STRING) size = 40;
            if (type.isLink()) size = 1024;
        }

        public Builder pp() { flags |= FieldDef.PP; return this; }
        public Builder readOnly() { flags |= FieldDef.READ_ONLY; return this; }
        public Builder special() { flags |= FieldDef.SPECIAL; return this; }
        public Builder prop() { flags |= FieldDef.PROP; return this; }
        public Builder array() { flags |= FieldDef.ARRAY; return this; }
        public Builder value() { flags |= FieldDef.VALUE; return this; }
        /** dbd asl(ASL0): access-security level 0 (fields operators change); the default is ASL1. */
        public Builder asl0() { flags |= FieldDef.ASL0; return this; }
        public Builder menu(Menu m) { this.menu = m; return this; }
        public Builder size(int s) { this.size = s; return this; }
        public Builder initial(String v) { this.initial = v; return this; }
        public Builder interest(int level) { this.interest = level; return this; }

        public FieldDef def() {
            int slot;
            DbfType.Storage st = (flags & FieldDef.ARRAY) != 0 ? DbfType.Storage.OBJECT : type.storage;
            switch (st) {
                case LONG: slot = longs++; break;
                case DOUBLE: slot = doubles++; break;
                default: slot = objects++; break;
            }
            FieldDef f = new FieldDef(fname, type, fields.size(), slot, flags, menu, size, initial, interest);
            fields.add(f);
            (st == DbfType.Storage.LONG ? longDefs : st == DbfType.Storage.DOUBLE ? doubleDefs : objectDefs).add(f);
            byName.put(fname, f);
            return f;
        }

        /** Declare and return the storage slot, for the record class's constants. */
        public int slot() { return def().slot; }
    }
}
