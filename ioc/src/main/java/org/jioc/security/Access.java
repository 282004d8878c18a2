package org.jioc.security;

/** What a RULE grants (asAccessRights): each level implies the ones below it (WRITE implies READ). */
public enum Access {
    NONE, READ, WRITE, RPC;

    public boolean canRead() { return this.compareTo(READ) >= 0; }

    public boolean canWrite() { return this.compareTo(WRITE) >= 0; }
}
