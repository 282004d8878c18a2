package org.jioc.security;

/**
 * Told of every permitted write to a field whose rule has TRAPWRITE (base's asTrapWrite listeners, which caPutLog
 * uses). Called with the record's lock set held, right after the value was stored: return quickly.
 */
@FunctionalInterface
public interface TrapWriteListener {
    /** One trapped write: who (user, host as the client claims), which channel, the value before and after. */
    record Event(String user, String host, String channel, String oldValue, String newValue) {
        @Override
        public String toString() {
            return user + "@" + host + " " + channel + ": " + oldValue + " -> " + newValue;
        }
    }

    void trapped(Event e);
}
