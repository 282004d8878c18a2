package org.jioc.record;

import org.jioc.db.DeviceRegistry;
import org.jioc.db.RecordType;

/** Filled by its own change. */
final class DiscreteRecords {
    private DiscreteRecords() { }

    static final RecordType[] TYPES = {};

    static void registerDevices(DeviceRegistry r) { }
}
