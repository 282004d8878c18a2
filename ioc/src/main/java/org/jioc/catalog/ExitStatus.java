package org.jioc.catalog;

/** A run's state in the catalog: bluesky's RunStop exit_status, and "running" while the run is open. */
public enum ExitStatus {
    RUNNING, SUCCESS, ABORT, FAIL;

    /** The text in the exit_status column. */
    public String sql() { return name().toLowerCase(java.util.Locale.ROOT); }

    static ExitStatus ofSql(String s) { return valueOf(s.toUpperCase(java.util.Locale.ROOT)); }
}
