package org.jioc.autosave;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.jioc.db.Database;
import org.jioc.db.DbfType;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;

/**
 * PV lists from info tags, as autosave's makeAutosaveFiles builds them: {@code info(autosaveFields, "VAL DESC")}
 * names fields of its record for the settings set (info_settings), {@code info(autosaveFields_pass0, "VAL")} for
 * the positions set (info_positions). A trailing '$' asks for a long string (string and link fields only).
 */
final class InfoTags {
    /** Settings: restored in pass 0 and pass 1. */
    static final String SETTINGS_TAG = "autosaveFields";
    /** Positions: restored in pass 0 only (before device support reads hardware). */
    static final String POSITIONS_TAG = "autosaveFields_pass0";
    static final String SETTINGS_SET = "info_settings.req";
    static final String POSITIONS_SET = "info_positions.req";

    private InfoTags() { }

    /** Every record.FIELD named by the tag, in database order; names the record type lacks go to warn. */
    static List<RequestEntry> entries(Database db, String tag, Consumer<String> warn) {
        List<RequestEntry> out = new ArrayList<>();
        for (Record r : db.records()) {
            String value = r.info(tag);
            if (value == null) continue;
            String where = "info(" + tag + ") of " + r.name();
            for (String field : value.strip().split("\\s+")) {
                if (field.isEmpty()) continue;
                boolean longString = field.endsWith("$");
                String name = longString ? field.substring(0, field.length() - 1) : field;
                FieldDef f = r.type().field(name);
                if (f == null || f.type == DbfType.NOACCESS
                        || longString && f.type != DbfType.STRING && !f.type.isLink()) {
                    warn.accept("autosave: " + where + ": record type " + r.type().name() + " has no field "
                            + field + "; not saved");
                    continue;
                }
                out.add(new RequestEntry(r.name() + "." + field, where));
            }
        }
        return out;
    }

    static boolean any(Database db, String tag) {
        for (Record r : db.records()) if (r.info(tag) != null) return true;
        return false;
    }
}
