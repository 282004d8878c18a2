package org.jioc.areadetector.asyn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The IOC's named port drivers (the asyn port list): records and plugins find ports here by name. */
public final class PortRegistry {
    private final Map<String, PortDriver> ports = new LinkedHashMap<>();

    /** IllegalArgumentException if the name is taken. */
    public synchronized void add(PortDriver p) {
        if (ports.containsKey(p.portName())) throw new IllegalArgumentException("port '" + p.portName() + "' exists");
        ports.put(p.portName(), p);
    }

    public synchronized PortDriver get(String name) { return ports.get(name); }

    public synchronized List<PortDriver> all() { return new ArrayList<>(ports.values()); }
}
