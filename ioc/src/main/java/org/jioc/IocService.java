package org.jioc;

import java.util.Map;

import org.jioc.db.Database;

/** A protocol server or other service the IOC runs around its database (CA, PVA, autosave, ...). */
public interface IocService {
    String name();

    /** Before iocInit: e.g. install the CA link provider so remote links resolve. */
    default void beforeInit(Database db, Map<String, String> env) throws Exception { }

    /** After iocInit: start serving. */
    void start(Database db, Map<String, String> env) throws Exception;

    /**
     * A protocol server (CA, PVA). Servers start after every other service, as rsrv starts at the end of a C IOC's
     * iocInit, so that no client sees a PV before its service has set it up (a procedure's :Precheck, a device's
     * state); they stop first.
     */
    default boolean servesClients() { return false; }

    void stop();
}
