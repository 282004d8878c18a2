package org.jioc.pva;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.epics.pva.data.PVABool;
import org.epics.pva.data.PVAByte;
import org.epics.pva.data.PVAData;
import org.epics.pva.data.PVADouble;
import org.epics.pva.data.PVAFloat;
import org.epics.pva.data.PVAInt;
import org.epics.pva.data.PVALong;
import org.epics.pva.data.PVAShort;
import org.epics.pva.data.PVAString;
import org.epics.pva.data.PVAStringArray;
import org.epics.pva.data.PVAStructure;
import org.epics.pva.data.nt.PVAEnum;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.EpicsTime;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.Limits;
import org.jioc.db.Record;

/**
 * One field (through its {@link FieldAddress}) as a pvAccess normative type, laid out as QSRV (pvxs) serves
 * records: numbers as {@code epics:nt/NTScalar:1.0} / {@code epics:nt/NTScalarArray:1.0} with value, alarm,
 * timeStamp, display, control and valueAlarm; strings and links the same with a string value and a display of
 * description and units only; ENUM/MENU/DEVICE fields as {@code epics:nt/NTEnum:1.0}. Limits have the value's
 * element type. Metadata comes from the record's own methods (units, precision, limits, choices); no record logic
 * here. The shape is fixed when the channel opens (core-pva updates must keep the type).
 */
final class NtCodec {
    static final String NT_SCALAR = "epics:nt/NTScalar:1.0";
    static final String NT_SCALAR_ARRAY = "epics:nt/NTScalarArray:1.0";
    static final String NT_ENUM = "epics:nt/NTEnum:1.0";
    /** display.form choices, as QSRV lists them; info(Q:form, "...") on a record picks one for its VAL. */
    static final String[] FORMS = {"Default", "String", "Binary", "Decimal", "Hex", "Exponential", "Engineering"};

    enum Kind { NUMERIC, STRING, ENUM }

    private final FieldAddress addr;
    private final Kind kind;
    private final boolean array;
    private final PvaType type;

    NtCodec(FieldAddress a) {
        this.addr = a;
        FieldDef f = a.field;
        DbfType t = a.type();
        if (a.longString) {
            kind = Kind.STRING; // QSRV serves "REC.FIELD$" as one string, not as the CA char array
            array = false;
            type = PvaType.STRING;
        } else if (f.isArray()) {
            type = PvaType.of(t);
            kind = type == PvaType.STRING ? Kind.STRING : Kind.NUMERIC;
            array = true;
        } else if (t.isEnumLike()) {
            kind = Kind.ENUM;
            array = false;
            type = PvaType.USHORT;
        } else {
            type = PvaType.of(t);
            kind = type == PvaType.STRING ? Kind.STRING : Kind.NUMERIC;
            array = false;
        }
    }

    Kind kind() { return kind; }

    boolean isArray() { return array; }

    PvaType elementType() { return type; }

    String typeId() {
        return kind == Kind.ENUM ? NT_ENUM : array ? NT_SCALAR_ARRAY : NT_SCALAR;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Record -> structure

    /** The field as it is now. The caller holds the record's lock set. */
    PVAStructure encode() {
        Record r = addr.record;
        FieldDef f = addr.field;
        List<PVAData> items = new ArrayList<>(6);
        items.add(value(r, f));
        items.add(alarm(r));
        items.add(timeStamp(r));
        if (kind == Kind.NUMERIC) {
            Limits lim = new Limits();
            r.limits(f, lim);
            items.add(numericDisplay(r, f, lim));
            items.add(new PVAStructure("control", "control_t",
                    type.ofDouble("limitLow", lim.controlLow),
                    type.ofDouble("limitHigh", lim.controlHigh),
                    type.ofDouble("minStep", 0)));
            items.add(valueAlarm(r, f, lim));
        } else if (kind == Kind.STRING) {
            items.add(new PVAStructure("display", "display_t",
                    new PVAString("description", r.str(Record.DESC)),
                    new PVAString("units", "")));
        }
        return new PVAStructure("", typeId(), items);
    }

    private PVAData value(Record r, FieldDef f) {
        switch (kind) {
            case ENUM:
                return new PVAEnum("value", (int) r.getLong(f), r.choices(f));
            case STRING:
                if (array) return type.array("value", r.arrayValue(f), r.arrayCount(f));
                return new PVAString("value", r.getString(f));
            default:
                if (array) return type.array("value", r.arrayValue(f), r.arrayCount(f));
                return type.isFloating() ? type.ofDouble("value", r.getDouble(f)) : type.ofLong("value", r.getLong(f));
        }
    }

    private static PVAStructure alarm(Record r) {
        int stat = (int) r.l[Record.STAT];
        return new PVAStructure("alarm", "alarm_t",
                new PVAInt("severity", (int) r.l[Record.SEVR]),
                new PVAInt("status", PvaAlarm.status(stat)),
                new PVAString("message", PvaAlarm.message(stat, r.str(Record.AMSG))));
    }

    private static PVAStructure timeStamp(Record r) {
        // before the first processing the time is the EPICS epoch, as CA shows it
        return new PVAStructure("timeStamp", "time_t",
                new PVALong("secondsPastEpoch", false, Math.max(r.timeSec, EpicsTime.EPICS_EPOCH)),
                new PVAInt("nanoseconds", r.timeNsec),
                new PVAInt("userTag", (int) r.l[Record.UTAG]));
    }

    private PVAStructure numericDisplay(Record r, FieldDef f, Limits lim) {
        return new PVAStructure("display", "display_t",
                type.ofDouble("limitLow", lim.displayLow),
                type.ofDouble("limitHigh", lim.displayHigh),
                new PVAString("description", r.str(Record.DESC)),
                new PVAString("units", r.units(f)),
                new PVAInt("precision", r.precision(f)),
                new PVAEnum("form", formIndex(r, f), FORMS));
    }

    /** info(Q:form, "Hex") on the record selects the display form of its VAL, as in QSRV. */
    private static int formIndex(Record r, FieldDef f) {
        String tag = f.isValueField() ? r.info("Q:form") : null;
        if (tag != null) for (int i = 0; i < FORMS.length; i++) if (FORMS[i].equals(tag.trim())) return i;
        return 0;
    }

    /**
     * Alarm limits as the record reports them (a limit whose severity is NO_ALARM is NaN), active when any is set;
     * for a record's VAL also the HHSV/HSV/LSV/LLSV severities and HYST the analog records carry.
     */
    private PVAStructure valueAlarm(Record r, FieldDef f, Limits lim) {
        boolean active = !Double.isNaN(lim.lolo) || !Double.isNaN(lim.low) || !Double.isNaN(lim.high)
                || !Double.isNaN(lim.hihi);
        return new PVAStructure("valueAlarm", "valueAlarm_t",
                new PVABool("active", active),
                type.ofDouble("lowAlarmLimit", lim.lolo),
                type.ofDouble("lowWarningLimit", lim.low),
                type.ofDouble("highWarningLimit", lim.high),
                type.ofDouble("highAlarmLimit", lim.hihi),
                new PVAInt("lowAlarmSeverity", severity(r, f, "LLSV")),
                new PVAInt("lowWarningSeverity", severity(r, f, "LSV")),
                new PVAInt("highWarningSeverity", severity(r, f, "HSV")),
                new PVAInt("highAlarmSeverity", severity(r, f, "HHSV")),
                new PVADouble("hysteresis", valueFieldDouble(r, f, "HYST")));
    }

    private static int severity(Record r, FieldDef f, String name) {
        FieldDef s = f.isValueField() ? r.type().field(name) : null;
        return s != null && s.type == DbfType.MENU ? (int) r.getLong(s) : 0;
    }

    private static double valueFieldDouble(Record r, FieldDef f, String name) {
        FieldDef s = f.isValueField() ? r.type().field(name) : null;
        return s != null && s.type.isNumeric() ? r.getDouble(s) : 0;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Client put -> store

    /**
     * How to store what a client wrote. Only the value is written (for an enum its index); alarm, time and metadata
     * in a put are ignored, as QSRV does. The value goes through the same stores as a CA put (storeString,
     * storeLong, storeDouble, arrayPut), so conversions and range checks are the core's.
     */
    Database.Store decode(BitSet changes, PVAStructure written) throws Exception {
        final FieldDef f = addr.field;
        PVAData value = written.get("value");
        boolean wholeValue = changes.get(0) || changes.get(written.getIndex(value));
        if (kind == Kind.ENUM) {
            PVAStructure v = (PVAStructure) value;
            PVAInt index = v.get("index");
            if (!wholeValue && !changes.get(written.getIndex(index))) {
                PVAStringArray choices = v.get("choices");
                if (changes.get(written.getIndex(choices)))
                    throw new DbException(DbException.Kind.BAD_VALUE, addr + ": the choices cannot be written");
                throw noValue();
            }
            final long i = index.get();
            return r -> r.storeLong(f, i);
        }
        if (!wholeValue) throw noValue();
        if (array) {
            final Object values = PvaType.arrayOf(value);
            if (values == null) throw new DbException(DbException.Kind.BAD_TYPE, addr + ": not an array put");
            final int n = java.lang.reflect.Array.getLength(values);
            return r -> r.arrayPut(f, values, n);
        }
        if (value instanceof PVAString) {
            String s = ((PVAString) value).get();
            final String text = s == null ? "" : s;
            return r -> r.storeString(f, text);
        }
        if (value instanceof PVADouble || value instanceof PVAFloat) {
            final double d = value instanceof PVADouble ? ((PVADouble) value).get() : ((PVAFloat) value).get();
            return r -> r.storeDouble(f, d);
        }
        final long bits = integerBits(value);
        return r -> r.storeLong(f, bits);
    }

    private DbException noValue() {
        return new DbException(DbException.Kind.BAD_VALUE, addr + ": a put must write the value field");
    }

    /** An integer item's value, widened without sign extension for the unsigned types. */
    private static long integerBits(PVAData v) throws DbException {
        if (v instanceof PVAByte) {
            PVAByte b = (PVAByte) v;
            return b.isUnsigned() ? Byte.toUnsignedLong(b.get()) : b.get();
        }
        if (v instanceof PVAShort) {
            PVAShort s = (PVAShort) v;
            return s.isUnsigned() ? Short.toUnsignedLong(s.get()) : s.get();
        }
        if (v instanceof PVAInt) {
            PVAInt i = (PVAInt) v;
            return i.isUnsigned() ? Integer.toUnsignedLong(i.get()) : i.get();
        }
        if (v instanceof PVALong) return ((PVALong) v).get();
        throw new DbException(DbException.Kind.BAD_TYPE, "cannot put a " + v.getType());
    }
}
