package org.jioc.autosave;

import java.util.ArrayList;
import java.util.List;

import org.jioc.db.Database;
import org.jioc.db.DbException;
import org.jioc.db.DbfType;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;

/**
 * Field values to and from their save-file text, with autosave's conventions: doubles "%.14g" and floats "%.7g"
 * whatever PREC says; menus and enums as their index (enum strings may not exist yet when a file is restored);
 * strings as a DBR_STRING carries them (39 characters) unless the name ends in '$'; arrays element by element.
 */
final class FieldValues {
    /** What fits in a DBR_STRING: MAX_STRING_SIZE (40) including the NUL. */
    static final int DBR_STRING_CHARS = 39;

    private FieldValues() { }

    /** The field's value as it is saved. The caller holds the record's lock set. */
    static SavedValue read(FieldAddress a) {
        Record r = a.record;
        FieldDef f = a.field;
        if (a.longString) return new SavedValue.Scalar(r.getString(f));
        if (f.isArray()) return readArray(r, f);
        switch (f.type) {
            case DOUBLE: return new SavedValue.Scalar(CFormat.g(r.getDouble(f), 14));
            case FLOAT: return new SavedValue.Scalar(CFormat.g(r.getDouble(f), 7));
            case ENUM: case MENU: case DEVICE: return new SavedValue.Scalar(Long.toString(r.getLong(f)));
            case STRING: case INLINK: case OUTLINK: case FWDLINK: {
                String s = r.getString(f);
                return new SavedValue.Scalar(s.length() > DBR_STRING_CHARS ? s.substring(0, DBR_STRING_CHARS) : s);
            }
            default: return new SavedValue.Scalar(r.getString(f)); // integers, unsigned ones unsigned
        }
    }

    /** Whether read() cut the value to what a DBR_STRING holds (a string or link field named without '$'). */
    static boolean truncated(FieldAddress a) {
        FieldDef f = a.field;
        return !a.longString && !f.isArray() && (f.type == DbfType.STRING || f.type.isLink())
                && a.record.getString(f).length() > DBR_STRING_CHARS;
    }

    private static SavedValue readArray(Record r, FieldDef f) {
        DbfType t = r.fieldType(f);
        Object arr = r.arrayValue(f);
        int n = Math.min(r.arrayCount(f), arr == null ? 0 : java.lang.reflect.Array.getLength(arr));
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) out.add(element(arr, k, t));
        return new SavedValue.Array(out);
    }

    private static String element(Object arr, int k, DbfType t) {
        if (arr instanceof double[] a) return CFormat.g(a[k], 14);
        if (arr instanceof float[] a) return CFormat.g(a[k], 7);
        if (arr instanceof String[] a) return a[k];
        if (arr instanceof byte[] a) return Integer.toString(t == DbfType.UCHAR ? a[k] & 0xFF : a[k]);
        if (arr instanceof short[] a) return Integer.toString(t == DbfType.SHORT ? a[k] : a[k] & 0xFFFF);
        if (arr instanceof int[] a) return t == DbfType.ULONG ? Long.toString(a[k] & 0xFFFFFFFFL) : Integer.toString(a[k]);
        if (arr instanceof long[] a) return t == DbfType.UINT64 ? Long.toUnsignedString(a[k]) : Long.toString(a[k]);
        return "0";
    }

    /**
     * Store a saved value into a field at boot, as autosave does: in pass 0 as dbStatic stores (no processing, no
     * hooks); in pass 1 a field with a special hook goes through dbPut without processing (as autosave's dbPut of
     * such fields), so derived fields (a long string's LEN, a CALC's compiled form) follow. A restored VAL makes
     * the record defined (UDF 0, as base's dbPutString of VAL). Returns null when stored, or why the field is left
     * alone in this pass (links and DTYP only before link resolution, arrays only in pass 1).
     *
     * @throws DbException when the value does not fit the field
     */
    static String restore(Database db, FieldAddress a, SavedValue v, int pass) throws DbException {
        Record r = a.record;
        FieldDef f = a.field;
        if (f.name.equals("NAME") || f.name.equals("RTYP")) {
            throw new DbException(DbException.Kind.READ_ONLY, f.name + " cannot be restored");
        }
        if (f.type.isLink() && pass != 0) return "link fields are restored in pass 0 only";
        if (f.type == DbfType.DEVICE && pass != 0) return "DTYP is restored in pass 0 only";
        if (f.isArray() && !a.longString) {
            if (pass == 0) return "arrays are restored in pass 1 only";
            restoreArray(r, f, v);
        } else if (v instanceof SavedValue.Scalar s) {
            if (pass == 1 && f.isSpecial()) {
                db.putNoProcess(a, rec -> restoreScalar(rec, f, a.longString, s.text()));
            } else {
                restoreScalar(r, f, a.longString, s.text());
            }
        } else {
            throw new DbException(DbException.Kind.BAD_TYPE, "an array value for the scalar field " + f.name);
        }
        if (f.isValueField()) r.l[Record.UDF] = 0;
        return null;
    }

    private static void restoreScalar(Record r, FieldDef f, boolean longString, String text) throws DbException {
        if (f.type.isEnumLike()) {
            try {
                r.storeLong(f, Long.parseLong(text.strip()));
            } catch (NumberFormatException e) {
                r.storeString(f, text); // a choice string: not what autosave writes, but unambiguous
            }
        } else if (f.type.isFloating()) {
            r.storeDouble(f, number(r, f, text));
        } else if (f.type == DbfType.STRING && !longString && text.isEmpty() && f.name.equals("CALC")) {
            r.storeString(f, "0"); // an empty CALC is invalid (autosave does the same)
        } else {
            r.storeString(f, text);
        }
    }

    private static void restoreArray(Record r, FieldDef f, SavedValue v) throws DbException {
        DbfType t = r.fieldType(f);
        List<String> el;
        if (v instanceof SavedValue.Array a) {
            el = a.elements();
        } else {
            String s = ((SavedValue.Scalar) v).text(); // a scalar line for an array PV: one element
            el = s.isEmpty() && t == DbfType.STRING ? List.of() : List.of(s.isEmpty() ? "0" : s);
        }
        int n = el.size();
        Object src;
        if (t == DbfType.STRING) {
            src = el.toArray(new String[0]);
        } else if (t.isFloating()) {
            double[] d = new double[n];
            for (int k = 0; k < n; k++) d[k] = number(r, f, el.get(k));
            src = d;
        } else {
            long[] l = new long[n];
            for (int k = 0; k < n; k++) l[k] = integer(r, f, t, el.get(k));
            src = l;
        }
        r.arrayPut(f, src, n);
    }

    private static double number(Record r, FieldDef f, String text) throws DbException {
        try {
            return CFormat.parseDouble(text);
        } catch (NumberFormatException e) {
            throw bad(r, f, text);
        }
    }

    private static long integer(Record r, FieldDef f, DbfType t, String text) throws DbException {
        String s = text.strip();
        try {
            return t == DbfType.UINT64 ? Long.parseUnsignedLong(s) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            try {
                return (long) CFormat.parseDouble(s);
            } catch (NumberFormatException e2) {
                throw bad(r, f, text);
            }
        }
    }

    private static DbException bad(Record r, FieldDef f, String text) {
        return new DbException(DbException.Kind.BAD_VALUE, "bad value '" + text + "' for " + r.name() + "." + f.name);
    }
}
