package org.jioc.db;

/**
 * One field of a record type, declared once in the type's {@link RecordType}. A field's value lives in one of the
 * record's storage arrays at {@link #slot}; array-valued fields (waveform VAL) keep their primitive array in the
 * object storage.
 */
public final class FieldDef {
    /**
     * Flags, as in dbd: process-passive, read-only (SPC_NOMOD), special hook, property (posts DBE_PROPERTY), and
     * access-security level 0 (dbd {@code asl(ASL0)}; every other field is ASL1).
     */
    public static final int PP = 1, READ_ONLY = 2, SPECIAL = 4, PROP = 8, ARRAY = 16, VALUE = 32, ASL0 = 64;

    public final String name;
    public final DbfType type;
    public final int index;   // position in the record type's field list
    public final int slot;    // index into the storage array for this type
    final int flags;
    public final Menu menu;   // MENU fields
    public final int size;    // STRING capacity in bytes including NUL (dbd "size")
    public final String initial;
    public final int interest; // dbpr level at which this field is shown

    FieldDef(String name, DbfType type, int index, int slot, int flags, Menu menu, int size, String initial,
             int interest) {
        this.name = name;
        this.type = type;
        this.index = index;
        this.slot = slot;
        this.flags = flags;
        this.menu = menu;
        this.size = size;
        this.initial = initial;
        this.interest = interest;
    }

    public boolean isPP() { return (flags & PP) != 0; }
    public boolean isReadOnly() { return (flags & READ_ONLY) != 0; }
    public boolean isSpecial() { return (flags & SPECIAL) != 0; }
    public boolean isProperty() { return (flags & PROP) != 0; }
    public boolean isArray() { return (flags & ARRAY) != 0; }
    /** dbIsValueField: the record type's VAL field (puts to it clear UDF). */
    public boolean isValueField() { return (flags & VALUE) != 0; }
    /**
     * Access-security level (dbd asl): 0 for the fields operators change (asl(ASL0) in base), 1 for all others. A
     * RULE of level 1 applies to both levels, a RULE of level 0 only to ASL0 fields.
     */
    public int asl() { return (flags & ASL0) != 0 ? 0 : 1; }

    @Override
    public String toString() { return name + ":" + type; }
}
