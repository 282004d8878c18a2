package org.jioc.pva;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The {@link OwnedChannel}s an IOC serves besides its record fields. Owners add them before or after iocInit; a
 * name may be used once, and never by a record field (the server checks every name against the database when it
 * starts, and each later addition as it comes).
 */
public final class OwnedChannels {
    private final ConcurrentHashMap<String, OwnedChannel> byName = new ConcurrentHashMap<>();
    /** Says whether a name is a record field's; set when the server starts. */
    private volatile Predicate<String> recordNames = n -> false;

    /** Serve ch; IllegalArgumentException if its name is taken by another owned channel or a record field. */
    public void add(OwnedChannel ch) {
        if (recordNames.test(ch.name()))
            throw new IllegalArgumentException("pvAccess channel " + ch.name() + " is the name of a record field");
        OwnedChannel old = byName.putIfAbsent(ch.name(), ch);
        if (old != null)
            throw new IllegalArgumentException("pvAccess channel " + ch.name() + " is already served by " + old.owner());
    }

    /** Stop serving ch (clients that have it open keep their last value until they close it). */
    public void remove(OwnedChannel ch) { byName.remove(ch.name(), ch); }

    /** The channel of that name, or null. */
    public OwnedChannel get(String name) { return byName.get(name); }

    public List<OwnedChannel> all() { return new ArrayList<>(byName.values()); }

    /**
     * The server starts: from now on, names are checked against record fields. IllegalStateException naming the
     * first channel already added under a record field's name.
     */
    void checkAgainst(Predicate<String> isRecordField) {
        for (OwnedChannel ch : byName.values()) {
            if (isRecordField.test(ch.name()))
                throw new IllegalStateException("pvAccess channel " + ch.name() + " of " + ch.owner()
                        + " has the name of a record field");
        }
        recordNames = isRecordField;
    }

    /** The most bytes any owned channel's structure can take (for the send buffer). */
    long largestValueBytes() {
        long max = 0;
        for (OwnedChannel ch : byName.values()) max = Math.max(max, ch.largestValueBytes());
        return max;
    }
}
