package org.jioc.db;

/** Makes links to PVs outside this IOC (CA links). Installed by the protocol layer; the core knows no protocol. */
public interface RemoteLinks {
    Link create(Record owner, FieldDef field, String pvName, LinkOptions options);

    /**
     * Follow a remote PV's value (as a double) and alarm severity without a record to own it: access-security
     * inputs (INPA..) that name a PV outside this IOC (base's asCa). Returns null if this provider cannot.
     */
    default Watch watch(String pvName, WatchListener listener) { return null; }

    /** What a {@link Watch} reports, on the provider's threads. */
    interface WatchListener {
        /** The connection went down (the value is no longer known). */
        void disconnected();

        /** A new value and alarm severity (Menus severities: 0 NO_ALARM .. 3 INVALID). */
        void update(double value, int severity);
    }

    /** A running watch of a remote PV. */
    interface Watch {
        boolean isConnected();

        /** Where the PV is served from (host:port), or "" when not connected. */
        String host();

        void close();
    }

    void close();
}
