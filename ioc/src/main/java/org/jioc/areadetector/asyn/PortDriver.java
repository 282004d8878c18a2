package org.jioc.areadetector.asyn;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An asynPortDriver: a named port with typed parameters. Drivers change parameters with set* and then call
 * {@link #callParamCallbacks()}, which hands every value that changed since the last call to its listeners (the
 * I/O Intr records), in order. Records write through write*; the defaults store the value and echo it, drivers
 * override them to act. One lock (this object) guards the parameter table, as asynPortDriver's lock does.
 */
public abstract class PortDriver {
    private final String portName;
    private final List<Param> params = new ArrayList<>();
    private final Map<String, Param> byName = new HashMap<>();
    private final List<Object> values = new ArrayList<>();
    private final List<Boolean> changed = new ArrayList<>();
    private final List<CopyOnWriteArrayList<ParamListener>> listeners = new ArrayList<>();

    protected PortDriver(String portName) {
        if (portName == null || portName.isBlank()) throw new IllegalArgumentException("port name is empty");
        this.portName = portName;
    }

    public final String portName() { return portName; }

    /** createParam; the name must be new. */
    protected final synchronized Param createParam(String name, ParamType type) {
        if (byName.containsKey(name)) throw new IllegalStateException(portName + ": parameter " + name + " twice");
        Param p = new Param(name, params.size(), type);
        params.add(p);
        byName.put(name, p);
        values.add(null);
        changed.add(false);
        listeners.add(new CopyOnWriteArrayList<>());
        return p;
    }

    /** The parameter a link names (drvUserCreate), or null. */
    public final synchronized Param param(String name) { return byName.get(name); }

    public final synchronized List<Param> params() { return List.copyOf(params); }

    // --- parameter values ---

    private void set(Param p, Object v) {
        if (!Objects.equals(values.get(p.index()), v)) {
            values.set(p.index(), v);
            changed.set(p.index(), true);
        }
    }

    public final synchronized void setInteger(Param p, int v) { set(check(p, ParamType.INT32), v); }

    public final synchronized void setDouble(Param p, double v) { set(check(p, ParamType.FLOAT64), v); }

    public final synchronized void setString(Param p, String v) { set(check(p, ParamType.OCTET), v == null ? "" : v); }

    public final synchronized int getInteger(Param p) {
        Object v = values.get(check(p, ParamType.INT32).index());
        return v == null ? 0 : (Integer) v;
    }

    public final synchronized double getDouble(Param p) {
        Object v = values.get(check(p, ParamType.FLOAT64).index());
        return v == null ? 0 : (Double) v;
    }

    public final synchronized String getString(Param p) {
        Object v = values.get(check(p, ParamType.OCTET).index());
        return v == null ? "" : (String) v;
    }

    /** The value as it is (Integer, Double, String, an array object), or null if never set (asynParamUndefined). */
    public final synchronized Object value(Param p) { return values.get(p.index()); }

    private Param check(Param p, ParamType t) {
        if (p.type() != t) throw new IllegalArgumentException(portName + ": " + p.name() + " is " + p.type() + ", not " + t);
        return p;
    }

    /** callParamCallbacks: every changed parameter's value goes to its listeners, in parameter order. */
    public final synchronized void callParamCallbacks() {
        for (int i = 0; i < params.size(); i++) {
            if (!changed.get(i)) continue;
            changed.set(i, false);
            Object v = values.get(i);
            for (ParamListener l : listeners.get(i)) l.changed(params.get(i), v);
        }
    }

    /**
     * Mark one parameter as changed, so the next callParamCallbacks posts it even if its value is the same: a busy
     * output's driver must echo 0 after refusing a 1 (the record already shows 1), or its put-callback never ends.
     */
    protected final synchronized void markChanged(Param p) {
        if (values.get(p.index()) != null) changed.set(p.index(), true);
    }

    /** Mark every scalar parameter that has a value as changed, so the next callParamCallbacks posts it. */
    protected final synchronized void markAllChanged() {
        for (int i = 0; i < params.size(); i++) {
            if (values.get(i) != null && params.get(i).type() != ParamType.ARRAY) changed.set(i, true);
        }
    }

    /** doCallbacksGenericPointer / doCallbacks*Array: an array value goes out now (kept as the current value). */
    public final synchronized void doCallbacksArray(Param p, Object array) {
        values.set(check(p, ParamType.ARRAY).index(), array);
        for (ParamListener l : listeners.get(p.index())) l.changed(p, array);
    }

    public final void addListener(Param p, ParamListener l) { listeners.get(p.index()).add(l); }

    public final void removeListener(Param p, ParamListener l) { listeners.get(p.index()).remove(l); }

    // --- writes from records (asynInt32->write, asynFloat64->write, asynOctet->write) ---

    /**
     * Whether writing value to p may take long (seconds): the device support then writes on another thread and the
     * record stays active until the write returns. Drivers override for such commands.
     */
    public boolean writeMayBlock(Param p, int value) { return false; }

    public synchronized void writeInt32(Param p, int value) throws PortException {
        setInteger(p, value);
        callParamCallbacks();
    }

    public synchronized void writeFloat64(Param p, double value) throws PortException {
        setDouble(p, value);
        callParamCallbacks();
    }

    public synchronized void writeOctet(Param p, String value) throws PortException {
        setString(p, value);
        callParamCallbacks();
    }

    /** Stop threads; called when the IOC stops. */
    public void shutdown() { }

    /** One line for the shell's report. */
    public String report() { return portName + " (" + getClass().getSimpleName() + ")"; }
}
