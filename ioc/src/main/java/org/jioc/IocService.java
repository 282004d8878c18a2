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

    void stop();
}
