package org.jioc.db;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** DTYP choices per record type (the "device" lines of a dbd) and the factories that make each support. */
public final class DeviceRegistry {
    private final Map<String, LinkedHashMap<String, Supplier<DeviceSupport>>> byType = new HashMap<>();

    public synchronized void register(String recordType, String dtyp, Supplier<DeviceSupport> factory) {
        byType.computeIfAbsent(recordType, k -> new LinkedHashMap<>()).put(dtyp, factory);
    }

    /** DTYP menu strings for a record type, in registration order (index 0 is the default). */
    public synchronized String[] names(String recordType) {
        Map<String, Supplier<DeviceSupport>> m = byType.get(recordType);
        if (m == null || m.isEmpty()) return new String[] {"Soft Channel"};
        return m.keySet().toArray(new String[0]);
    }

    /** New device support for the DTYP index, or null when the type has none registered. */
    public synchronized DeviceSupport create(String recordType, int index) {
        Map<String, Supplier<DeviceSupport>> m = byType.get(recordType);
        if (m == null) return null;
        List<Supplier<DeviceSupport>> l = new ArrayList<>(m.values());
        if (index < 0 || index >= l.size()) return null;
        return l.get(index).get();
    }
}
