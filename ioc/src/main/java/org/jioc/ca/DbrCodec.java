package org.jioc.ca;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import gov.aps.jca.dbr.BYTE;
import gov.aps.jca.dbr.CTRL;
import gov.aps.jca.dbr.DBR;
import gov.aps.jca.dbr.DBRType;
import gov.aps.jca.dbr.DOUBLE;
import gov.aps.jca.dbr.ENUM;
import gov.aps.jca.dbr.FLOAT;
import gov.aps.jca.dbr.GR;
import gov.aps.jca.dbr.INT;
import gov.aps.jca.dbr.LABELS;
import gov.aps.jca.dbr.PRECISION;
import gov.aps.jca.dbr.SHORT;
import gov.aps.jca.dbr.STRING;
import gov.aps.jca.dbr.STS;
import gov.aps.jca.dbr.TIME;
import gov.aps.jca.dbr.TimeStamp;

import org.jioc.db.ArrayConvert;
import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.EpicsTime;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.Limits;
import org.jioc.db.Record;

/** Conversions between a field of a record (through its {@link FieldAddress}) and jca DBR objects. No record logic. */
final class DbrCodec {
    private DbrCodec() { }

    /** CA protocol limits (db_access.h): MAX_STRING_SIZE 40, MAX_UNITS_SIZE 8, 16 enum states of 26 bytes. */
    static final int MAX_STRING = 39, MAX_UNITS = 7, MAX_ENUM_STATES = 16, MAX_ENUM_STRING = 25;

    /** The plain DBR type a field is served as. */
    static DBRType dbrType(FieldAddress a) {
        if (a.longString) return DBRType.BYTE;
        return dbrType(a.type());
    }

    static DBRType dbrType(DbfType t) {
        switch (t) {
            case STRING: return DBRType.STRING;
            case CHAR: case UCHAR: return DBRType.BYTE;
            case SHORT: return DBRType.SHORT;
            case USHORT: case LONG: return DBRType.INT;
            case ULONG: case INT64: case UINT64: return DBRType.DOUBLE;
            case FLOAT: return DBRType.FLOAT;
            case DOUBLE: return DBRType.DOUBLE;
            case ENUM: case MENU: case DEVICE: return DBRType.ENUM;
            default: return DBRType.STRING; // links and anything else read as their text
        }
    }

    /** Enum labels as CA can carry them: at most 16 states, 25 characters each. */
    static String[] enumLabels(FieldAddress a) {
        if (a.longString || !a.type().isEnumLike() || a.field.isArray()) return null;
        String[] all = a.record.choices(a.field);
        String[] out = new String[Math.min(all.length, MAX_ENUM_STATES)];
        for (int i = 0; i < out.length; i++) out[i] = truncate(all[i], MAX_ENUM_STRING);
        return out;
    }

    static String truncate(String s, int max) {
        if (s == null) return "";
        if (s.length() <= max) return s;
        return s.substring(0, max);
    }

    private static boolean unsigned(DbfType t) {
        return t == DbfType.UCHAR || t == DbfType.USHORT || t == DbfType.ULONG || t == DbfType.UINT64;
    }

    /**
     * Fill value, alarm, time and (for GR/CTRL types) metadata of dbr from the field. The caller holds the lock set.
     */
    static void fill(FieldAddress a, DBR dbr) {
        Record r = a.record;
        FieldDef f = a.field;
        fillValue(a, dbr);
        if (dbr instanceof STS) {
            STS sts = (STS) dbr;
            sts.setStatus((int) r.l[Record.STAT]);
            sts.setSeverity((int) r.l[Record.SEVR]);
        }
        if (dbr instanceof TIME) {
            long sec = EpicsTime.posixToEpics(r.timeSec);
            ((TIME) dbr).setTimeStamp(sec < 0 ? new TimeStamp(0, 0) : new TimeStamp(sec, r.timeNsec));
        }
        boolean numeric = !a.longString && (a.type().isNumeric());
        if (dbr instanceof PRECISION) {
            ((PRECISION) dbr).setPrecision((short) (numeric ? r.precision(f) : 0));
        }
        if (dbr instanceof GR) {
            GR gr = (GR) dbr;
            gr.setUnits(truncate(numeric ? r.units(f) : "", MAX_UNITS));
            Limits lim = new Limits();
            if (numeric) r.limits(f, lim);
            else lim.display(0, 0).control(0, 0);
            gr.setUpperDispLimit(lim.displayHigh);
            gr.setLowerDispLimit(lim.displayLow);
            gr.setUpperAlarmLimit(lim.hihi);
            gr.setUpperWarningLimit(lim.high);
            gr.setLowerWarningLimit(lim.low);
            gr.setLowerAlarmLimit(lim.lolo);
            if (dbr instanceof CTRL) {
                ((CTRL) dbr).setUpperCtrlLimit(lim.controlHigh);
                ((CTRL) dbr).setLowerCtrlLimit(lim.controlLow);
            }
        }
        if (dbr instanceof LABELS) {
            String[] labels = enumLabels(a);
            ((LABELS) dbr).setLabels(labels == null ? new String[0] : labels);
        }
    }

    /** Copy the current value into the DBR's array; elements past the current count stay zero. */
    static void fillValue(FieldAddress a, DBR dbr) {
        Record r = a.record;
        FieldDef f = a.field;
        Object dst = dbr.getValue();
        int cap = ArrayConvert.length(dst);
        if (cap == 0) return;
        if (a.longString) {
            byte[] b = r.getString(f).getBytes(StandardCharsets.UTF_8);
            int n = Math.min(b.length, Math.min(cap, a.capacity()) - 1);
            if (n < 0) n = 0;
            if (dst instanceof byte[]) {
                byte[] out = (byte[]) dst;
                System.arraycopy(b, 0, out, 0, n);
                Arrays.fill(out, n, out.length, (byte) 0);
            } else if (dst instanceof String[]) {
                ((String[]) dst)[0] = truncate(new String(b, 0, n, StandardCharsets.UTF_8), MAX_STRING);
            } else {
                ArrayConvert.copy(b, 0, false, dst, 0, Math.min(n, cap));
            }
            return;
        }
        if (f.isArray()) {
            Object src = r.arrayValue(f);
            int n = Math.min(Math.min(r.arrayCount(f), cap), src == null ? 0 : ArrayConvert.length(src));
            if (n > 0) {
                if (src instanceof String[] && !(dst instanceof String[])) {
                    for (int i = 0; i < n; i++) setNumber(dst, i, parse(((String[]) src)[i]));
                } else {
                    ArrayConvert.copy(src, 0, unsigned(a.type()), dst, 0, n);
                }
            }
            if (dst instanceof String[]) {
                String[] s = (String[]) dst;
                for (int i = 0; i < s.length; i++) s[i] = i < n ? truncate(s[i], MAX_STRING) : "";
            } else if (n < cap) {
                zero(dst, n);
            }
            return;
        }
        if (dst instanceof String[]) {
            ((String[]) dst)[0] = truncate(r.getString(f), MAX_STRING);
            for (int i = 1; i < cap; i++) ((String[]) dst)[i] = "";
        } else if (dst instanceof double[]) {
            ((double[]) dst)[0] = r.getDouble(f);
        } else if (dst instanceof float[]) {
            ((float[]) dst)[0] = (float) r.getDouble(f);
        } else if (dst instanceof int[]) {
            ((int[]) dst)[0] = f.type.isFloating() ? (int) r.getDouble(f) : (int) r.getLong(f);
        } else if (dst instanceof short[]) {
            ((short[]) dst)[0] = f.type.isFloating() ? (short) r.getDouble(f) : (short) r.getLong(f);
        } else if (dst instanceof byte[]) {
            ((byte[]) dst)[0] = f.type.isFloating() ? (byte) r.getDouble(f) : (byte) r.getLong(f);
        }
    }

    private static double parse(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static void setNumber(Object dst, int i, double v) {
        ArrayConvert.copy(new double[] {v}, 0, false, dst, i, 1);
    }

    private static void zero(Object dst, int from) {
        if (dst instanceof double[]) Arrays.fill((double[]) dst, from, ((double[]) dst).length, 0);
        else if (dst instanceof float[]) Arrays.fill((float[]) dst, from, ((float[]) dst).length, 0);
        else if (dst instanceof int[]) Arrays.fill((int[]) dst, from, ((int[]) dst).length, 0);
        else if (dst instanceof short[]) Arrays.fill((short[]) dst, from, ((short[]) dst).length, (short) 0);
        else if (dst instanceof byte[]) Arrays.fill((byte[]) dst, from, ((byte[]) dst).length, (byte) 0);
    }

    /** The values a client sent, as a primitive array (or String[]) and a count. */
    static Object valueArray(DBR dbr) {
        if (dbr instanceof DOUBLE) return ((DOUBLE) dbr).getDoubleValue();
        if (dbr instanceof FLOAT) return ((FLOAT) dbr).getFloatValue();
        if (dbr instanceof INT) return ((INT) dbr).getIntValue();
        if (dbr instanceof SHORT) return ((SHORT) dbr).getShortValue();
        if (dbr instanceof ENUM) return ((ENUM) dbr).getEnumValue();
        if (dbr instanceof BYTE) return ((BYTE) dbr).getByteValue();
        if (dbr instanceof STRING) return ((STRING) dbr).getStringValue();
        return dbr.getValue();
    }

    /**
     * How to store what a client put, whatever DBR type it sent: long strings from CHAR arrays, arrays through
     * arrayPut, strings through storeString (enum by state string or index, numbers parsed, links relinked), enum
     * indices and numbers through storeLong / storeDouble.
     */
    static Database.Store decode(FieldAddress a, DBR dbr) throws DbException {
        final FieldDef f = a.field;
        final Object arr = valueArray(dbr);
        if (arr == null) throw new DbException(DbException.Kind.BAD_TYPE, "no value in " + dbr.getType());
        final int n = Math.min(dbr.getCount(), ArrayConvert.length(arr));
        if (n <= 0) throw new DbException(DbException.Kind.BAD_VALUE, "empty put to " + a);
        if (a.longString || (!f.isArray() && (f.type == DbfType.STRING || f.type.isLink()) && arr instanceof byte[]
                && n > 1)) {
            final String s;
            if (arr instanceof byte[]) s = ArrayConvert.charsToString((byte[]) arr, n);
            else if (arr instanceof String[]) s = ((String[]) arr)[0];
            else throw new DbException(DbException.Kind.BAD_TYPE, a + " takes a string or CHAR array");
            return r -> r.storeString(f, s);
        }
        if (f.isArray()) {
            final Object copy;
            if (arr instanceof String[]) {
                copy = Arrays.copyOf((String[]) arr, n);
            } else {
                // copy: jca may reuse nothing, but the record keeps whatever arrayPut stores
                copy = java.lang.reflect.Array.newInstance(arr.getClass().getComponentType(), n);
                System.arraycopy(arr, 0, copy, 0, n);
            }
            return r -> r.arrayPut(f, copy, n);
        }
        if (arr instanceof String[]) {
            final String s = ((String[]) arr)[0] == null ? "" : ((String[]) arr)[0];
            return r -> r.storeString(f, s);
        }
        if (arr instanceof double[]) {
            final double v = ((double[]) arr)[0];
            return r -> r.storeDouble(f, v);
        }
        if (arr instanceof float[]) {
            final double v = ((float[]) arr)[0];
            return r -> r.storeDouble(f, v);
        }
        final long v;
        if (arr instanceof int[]) v = ((int[]) arr)[0];
        else if (arr instanceof short[]) v = dbr instanceof ENUM ? ((short[]) arr)[0] & 0xFFFF : ((short[]) arr)[0];
        else if (arr instanceof byte[]) v = ((byte[]) arr)[0];
        else throw new DbException(DbException.Kind.BAD_TYPE, "cannot put " + dbr.getType() + " to " + a);
        return r -> r.storeLong(f, v);
    }
}
