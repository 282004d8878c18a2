package org.jioc.security;

import org.jioc.db.FieldDef;
import org.jioc.db.Record;

/**
 * The access-security decision the protocol servers ask for each channel (asCheckGet / asCheckPut). User and host are
 * what the client claims (CA CLIENT_NAME / HOST_NAME). An ACF implementation plugs in here; the default allows all.
 */
public interface AccessGate {
    boolean canRead(Record r, FieldDef f, String user, String host);

    boolean canWrite(Record r, FieldDef f, String user, String host);

    /** Is a write by this client to this field trapped (RULE option TRAPWRITE): logged with old and new value? */
    default boolean isTrapWrite(Record r, FieldDef f, String user, String host) { return false; }

    /** No access security: everybody may read and write (read-only fields are refused by the database anyway). */
    AccessGate ALLOW_ALL = new AccessGate() {
        @Override
        public boolean canRead(Record r, FieldDef f, String user, String host) { return true; }

        @Override
        public boolean canWrite(Record r, FieldDef f, String user, String host) { return true; }
    };
}
