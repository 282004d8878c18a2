package org.jioc.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Where iocInit runs its hooks: what autosave's pass 0 / pass 1 restore relies on. */
class InitHookTest {
    @Test
    void hooksRunBeforeLinksAfterInitRecordAndBeforePini() throws Exception {
        Database db = CoreSmokeTest.newDb();
        Record src = db.create("ao", "src");
        src.storeString(src.type().field("DOL"), "5");
        src.storeString(src.type().field("PINI"), "YES");
        Record dst = db.create("ao", "dst");
        List<String> seen = new ArrayList<>();
        FieldDef val = src.type().field("VAL");
        db.addInitHook(new Database.InitHook() {
            @Override
            public void beforeRecordInit(Database d, int pass) {
                try {
                    if (pass == 0) src.storeString(src.type().field("OUT"), "dst PP"); // a link, still text here
                } catch (DbException e) {
                    throw new IllegalStateException(e);
                }
                seen.add("before" + pass + " VAL=" + src.getString(val));
            }

            @Override
            public void afterRecordInit(Database d) {
                seen.add("afterRecordInit VAL=" + src.getString(val)); // init_record loaded DOL already
                src.d[val.slot] = 7;                                   // a restored value, before PINI
            }

            @Override
            public void afterInit(Database d) { seen.add("afterInit"); }
        });
        db.init();
        assertEquals(List.of("before0 VAL=0", "before1 VAL=0", "afterRecordInit VAL=5", "afterInit"), seen);
        // PINI processed src with the value set after init_record, through the link stored in pass 0
        assertEquals(7.0, dst.getDouble(dst.type().field("VAL")));
        db.shutdown();
    }
}
