package org.jioc.record;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jioc.db.DeviceRegistry;
import org.jioc.db.RecordType;

/** The record types and soft device supports every jioc IOC has (base.dbd + the synApps types we ship). */
public final class StandardRecords {
    private StandardRecords() { }

    /** Record types by name. */
    public static Map<String, RecordType> types() {
        Map<String, RecordType> m = new LinkedHashMap<>();
        for (RecordType t : new RecordType[] {AiRecord.TYPE, AoRecord.TYPE}) m.put(t.name(), t);
        return m;
    }

    /** Soft device supports; index 0 of each type is its default DTYP ("Soft Channel"). */
    public static void registerDevices(DeviceRegistry r) {
        r.register("ai", "Soft Channel", AiRecord.Soft::new);
        r.register("ai", "Raw Soft Channel", AiRecord.RawSoft::new);
        r.register("ao", "Soft Channel", AoRecord.Soft::new);
        r.register("ao", "Raw Soft Channel", AoRecord.RawSoft::new);
        r.register("ao", "Async Soft Channel", AoRecord.AsyncSoft::new);
    }
}
