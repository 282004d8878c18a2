package org.jioc.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jioc.db.ArrayConvert;
import org.jioc.db.DbfType;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.LockSet;
import org.jioc.db.NumberFormat;
import org.jioc.db.Record;

/** Text forms of fields for dbgf/dbpf/dbpr, close to what EPICS prints. */
final class DbFormat {
    private DbFormat() { }

    /** Fields dbpr shows at level 0 besides VAL (dbCommon fields with no interest level in the dbd). */
    private static final Set<String> LEVEL0 = Set.of("ASG", "DESC", "DISA", "DISP", "DISV", "NAME", "SEVR", "STAT",
            "TPRO");

    /** "DBF_DOUBLE:         42" and for arrays the elements after the count. */
    static String fieldValue(FieldAddress a) {
        try (LockSet.Guard g = a.lock()) {
            Record r = a.record;
            FieldDef f = a.field;
            DbfType t = a.type();
            String label = String.format("%-20s", "DBF_" + t.name() + ":");
            if (a.longString) return label + '"' + r.getString(f) + '"';
            if (f.isArray()) {
                int n = r.arrayCount(f);
                Object arr = r.arrayValue(f);
                if (t == DbfType.CHAR || t == DbfType.UCHAR) {
                    return label + '"' + ArrayConvert.charsToString((byte[]) arr, n) + '"';
                }
                StringBuilder b = new StringBuilder(label).append(n).append(" [");
                int shown = Math.min(n, 100);
                for (int i = 0; i < shown; i++) {
                    if (i > 0) b.append(", ");
                    b.append(element(arr, i));
                }
                if (n > shown) b.append(", ...");
                return b.append(']').toString();
            }
            if (t.isEnumLike()) return label + r.l[f.slot] + " = \"" + r.getString(f) + '"';
            if (t == DbfType.STRING || t.isLink()) return label + '"' + r.getString(f) + '"';
            if (t.isFloating()) return label + NumberFormat.plain(r.d[f.slot]);
            return label + r.getString(f);
        }
    }

    private static String element(Object arr, int i) {
        if (arr instanceof String[]) return '"' + ((String[]) arr)[i] + '"';
        double v = ArrayConvert.getDouble(arr, i, i + 1);
        return NumberFormat.plain(v);
    }

    /** "NAME: value" cells of every field up to the interest level, sorted by name as dbpr does. */
    static List<String> recordFields(Record r, int level) {
        List<String> out = new ArrayList<>();
        try (LockSet.Guard g = r.database().lock(r)) {
            List<FieldDef> fields = new ArrayList<>(r.type().fields());
            fields.sort((x, y) -> x.name.compareTo(y.name));
            for (FieldDef f : fields) {
                int interest = LEVEL0.contains(f.name) || f.isValueField() ? 0 : Math.max(1, f.interest);
                if (interest > level || f.type == DbfType.NOACCESS) continue;
                String v;
                if (f.isArray()) {
                    v = r.fieldType(f) == DbfType.CHAR || r.fieldType(f) == DbfType.UCHAR
                            ? '"' + r.getString(f) + '"' : "(" + r.arrayCount(f) + " elements)";
                } else if (f.type.isFloating()) {
                    v = NumberFormat.plain(r.d[f.slot]);
                } else {
                    v = r.getString(f);
                }
                out.add(f.name + ": " + v);
            }
        }
        return out;
    }
}
