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
        for (RecordType t : AnalogRecords.TYPES) m.put(t.name(), t);
        for (RecordType t : DiscreteRecords.TYPES) m.put(t.name(), t);
        for (RecordType t : ArrayCalcRecords.TYPES) m.put(t.name(), t);
        m.put(MotorRecord.TYPE.name(), MotorRecord.TYPE);
        m.put(SscanRecord.TYPE.name(), SscanRecord.TYPE);
        return m;
    }

    /** Soft device supports; the first registered DTYP of each type is its default ("Soft Channel"). */
    public static void registerDevices(DeviceRegistry r) {
        AnalogRecords.registerDevices(r);
        DiscreteRecords.registerDevices(r);
        ArrayCalcRecords.registerDevices(r);
    }
}
