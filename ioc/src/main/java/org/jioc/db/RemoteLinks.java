package org.jioc.db;

/** Makes links to PVs outside this IOC (CA links). Installed by the protocol layer; the core knows no protocol. */
public interface RemoteLinks {
    Link create(Record owner, FieldDef field, String pvName, LinkOptions options);

    void close();
}
