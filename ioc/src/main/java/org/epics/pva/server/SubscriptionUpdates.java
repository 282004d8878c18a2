package org.epics.pva.server;

import java.lang.reflect.Field;
import java.util.BitSet;
import java.util.Set;

import org.epics.pva.data.PVAStructure;

/**
 * Monitor updates that keep what is still waiting to be sent. core-pva 5.0.5's {@code MonitorSubscription.update}
 * replaces the subscription's pending changes with the new difference: a monitor whose first, complete value is
 * not yet on the wire gets only the difference (its client sees the other fields empty), and of two updates between
 * sends the first one's changes are lost. Every update of a jioc PV goes through here instead: under the
 * subscription's own lock (the one its sender takes), the waiting changes are added back. The fields are private in
 * core-pva, hence reflection (same package, unnamed module).
 */
final class SubscriptionUpdates {
    private static final Field SUBSCRIPTION_DATA = field(MonitorSubscription.class, "data");
    private static final Field SUBSCRIPTION_CHANGES = field(MonitorSubscription.class, "changes");
    private static final Field PV_SUBSCRIPTIONS = field(ServerPV.class, "subscriptions");

    private SubscriptionUpdates() { }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("core-pva changed: no " + c.getSimpleName() + "." + name, e);
        }
    }

    /** Send new data to every monitor of pv. */
    @SuppressWarnings("unchecked")
    static void updateAll(ServerPV pv, PVAStructure newData) throws Exception {
        for (MonitorSubscription s : (Set<MonitorSubscription>) PV_SUBSCRIPTIONS.get(pv)) update(s, newData);
    }

    /** Send new data to one monitor, keeping the changes it has not sent yet. */
    static void update(MonitorSubscription s, PVAStructure newData) throws Exception {
        synchronized (SUBSCRIPTION_DATA.get(s)) {
            BitSet waiting = (BitSet) ((BitSet) SUBSCRIPTION_CHANGES.get(s)).clone();
            s.update(newData);
            BitSet changes = (BitSet) SUBSCRIPTION_CHANGES.get(s);
            if (waiting.get(0)) {
                // the whole structure is still to go (a new monitor's first value): bit 0 alone says so, as the
                // sender encodes every set bit's element
                changes.clear();
                changes.set(0);
            } else {
                changes.or(waiting);
            }
        }
    }
}
