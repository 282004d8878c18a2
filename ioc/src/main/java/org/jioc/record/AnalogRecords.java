package org.jioc.record;

import org.jioc.db.DeviceRegistry;
import org.jioc.db.RecordType;

/** ai and ao. */
final class AnalogRecords {
    private AnalogRecords() { }

    static final RecordType[] TYPES = {AiRecord.TYPE, AoRecord.TYPE};

    static void registerDevices(DeviceRegistry r) {
        r.register("ai", "Soft Channel", AiRecord.Soft::new);
        r.register("ai", "Raw Soft Channel", AiRecord.RawSoft::new);
        r.register("ao", "Soft Channel", AoRecord.Soft::new);
        r.register("ao", "Raw Soft Channel", AoRecord.RawSoft::new);
        r.register("ao", "Async Soft Channel", AoRecord.AsyncSoft::new);
    }
}
