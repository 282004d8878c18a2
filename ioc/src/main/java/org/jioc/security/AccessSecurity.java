package org.jioc.security;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jioc.db.Database;
import org.jioc.db.FieldAddress;
import org.jioc.db.FieldDef;
import org.jioc.db.Record;

/**
 * The IOC's one access-security object, handed to every protocol server at start. The rules behind it may be
 * replaced (asInit) or change their answers (CALC conditions); either way the servers are told through the rights
 * listeners so they can re-send rights to connected clients. Without rules everybody may read and write.
 *
 * <p>A protocol adapter asks {@link #canRead}/{@link #canWrite} for each channel and, for a permitted write, passes
 * its store through {@link #trapWrite} so writes under a TRAPWRITE rule are reported with user, host, channel and
 * the value before and after.
 */
public final class AccessSecurity implements AccessGate {
    private volatile AccessGate rules = AccessGate.ALLOW_ALL;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<TrapWriteListener> trapListeners = new CopyOnWriteArrayList<>(List.of(TrapWrite.LOGGER));

    public AccessGate rules() { return rules; }

    /** Replace the rules (null: allow all) and tell the servers. */
    public void install(AccessGate newRules) {
        rules = newRules == null ? AccessGate.ALLOW_ALL : newRules;
        rightsChanged();
    }

    /** Answers may have changed (a CALC input moved, a record's ASG changed): servers re-check their channels. */
    public void rightsChanged() {
        for (Runnable l : listeners) l.run();
    }

    public void addRightsListener(Runnable l) { listeners.add(l); }

    public void removeRightsListener(Runnable l) { listeners.remove(l); }

    @Override
    public boolean canRead(Record r, FieldDef f, String user, String host) {
        return rules.canRead(r, f, user, host);
    }

    @Override
    public boolean canWrite(Record r, FieldDef f, String user, String host) {
        return rules.canWrite(r, f, user, host);
    }

    @Override
    public boolean isTrapWrite(Record r, FieldDef f, String user, String host) {
        return rules.isTrapWrite(r, f, user, host);
    }

    /**
     * The store to use for a permitted write by this client: the same store when the write is not trapped, else one
     * that reports the write (old and new value read under the put's lock) to the trap-write listeners.
     */
    public Database.Store trapWrite(FieldAddress a, String user, String host, Database.Store store) {
        if (!rules.isTrapWrite(a.record, a.field, user, host)) return store;
        return TrapWrite.wrap(a, user, host, store, trapListeners);
    }

    /** Also tell l of trapped writes (the default logger stays). */
    public void addTrapWriteListener(TrapWriteListener l) { trapListeners.add(l); }

    public void removeTrapWriteListener(TrapWriteListener l) { trapListeners.remove(l); }
}
