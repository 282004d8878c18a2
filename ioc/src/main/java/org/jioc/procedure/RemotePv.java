package org.jioc.procedure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.jioc.db.NumberFormat;
import org.jioc.db.RemoteLinks;

/**
 * A PV of another IOC, followed through the database's remote links (a CA monitor) for conditions and prechecks:
 * its value as a number and its severity. Puts to other IOCs are not offered: a procedure drives this IOC's records.
 */
final class RemotePv implements Pv, RemoteLinks.WatchListener {
    private final String name;
    private final List<Consumer<PvValue>> listeners = new CopyOnWriteArrayList<>();
    private volatile PvValue last = PvValue.DISCONNECTED;
    private RemoteLinks.Watch watch;

    RemotePv(String name) { this.name = name; }

    /** Start following the PV; false when the remote links cannot watch. */
    boolean open(RemoteLinks links) {
        watch = links.watch(name, this);
        return watch != null;
    }

    void close() {
        if (watch != null) watch.close();
    }

    @Override
    public String name() { return name; }

    @Override
    public PvValue read() { return last; }

    @Override
    public AutoCloseable watch(Consumer<PvValue> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void put(Object value, Consumer<String> done) {
        done.accept(refusal());
    }

    @Override
    public void putNoWait(Object value) throws ProcedureFailure {
        throw new ProcedureFailure(refusal());
    }

    private String refusal() { return "cannot put to " + name + ": it is not a PV of this IOC"; }

    @Override
    public void disconnected() { publish(PvValue.DISCONNECTED); }

    @Override
    public void update(double value, int severity) {
        publish(new PvValue(value, NumberFormat.plain(value), severity, true));
    }

    private void publish(PvValue v) {
        last = v;
        for (Consumer<PvValue> l : listeners) l.accept(v);
    }

    @Override
    public String toString() { return name; }
}
