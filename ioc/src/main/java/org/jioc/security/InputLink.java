package org.jioc.security;

import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.FieldListener;
import org.jioc.db.LockSet;
import org.jioc.db.Record;
import org.jioc.db.RemoteLinks;

/**
 * One INPx of one ASG, connected the way base's asCa does it: a PV of this IOC through a field subscription, any
 * other PV through the remote-link provider (CA). Each update goes to the group's state; the rules are told when
 * an outcome may have changed.
 */
abstract class InputLink {
    final GroupState group;
    final AcfConfig.Input input;
    final Runnable changed;

    InputLink(GroupState group, AcfConfig.Input input, Runnable changed) {
        this.group = group;
        this.input = input;
        this.changed = changed;
    }

    abstract void start();

    abstract void close();

    abstract boolean isConnected();

    /** Where the PV is (for ascar): "local" or the remote server. */
    abstract String where();

    final void apply(double value, int severity) {
        if (group.update(input.index(), value, severity)) changed.run();
    }

    final void lost() {
        if (group.disconnected(input.index())) changed.run();
    }

    /** A field of this IOC: subscribe, and take the current value at once. */
    static final class Local extends InputLink implements FieldListener {
        private final FieldAddress addr;

        Local(GroupState group, AcfConfig.Input input, Runnable changed, FieldAddress addr) {
            super(group, input, changed);
            this.addr = addr;
        }

        @Override
        void start() {
            addr.subscribe(this);
            double v;
            int sevr;
            try (LockSet.Guard g = addr.lock()) {
                v = addr.record.getDouble(addr.field);
                sevr = (int) addr.record.l[Record.SEVR];
            }
            apply(v, sevr);
        }

        @Override
        public void posted(Record record, FieldDef field, int mask) {
            if ((mask & (DBE_VALUE | DBE_ALARM)) == 0) return;
            apply(record.getDouble(field), (int) record.l[Record.SEVR]);
        }

        @Override
        void close() { addr.unsubscribe(this); }

        @Override
        boolean isConnected() { return true; }

        @Override
        String where() { return "local"; }
    }

    /** A PV outside this IOC, followed through the remote-link provider. */
    static final class Remote extends InputLink implements RemoteLinks.WatchListener {
        private final RemoteLinks provider;
        private volatile RemoteLinks.Watch watch;

        Remote(GroupState group, AcfConfig.Input input, Runnable changed, RemoteLinks provider) {
            super(group, input, changed);
            this.provider = provider;
        }

        @Override
        void start() {
            watch = provider == null ? null : provider.watch(input.pv(), this);
        }

        @Override
        public void update(double value, int severity) { apply(value, severity); }

        @Override
        public void disconnected() { lost(); }

        @Override
        void close() {
            RemoteLinks.Watch w = watch;
            watch = null;
            if (w != null) w.close();
        }

        @Override
        boolean isConnected() {
            RemoteLinks.Watch w = watch;
            return w != null && w.isConnected();
        }

        @Override
        String where() {
            RemoteLinks.Watch w = watch;
            if (w == null) return provider == null ? "no remote links" : "cannot watch";
            return w.host();
        }
    }
}
