package org.jioc.catalog;

import java.sql.SQLException;

/**
 * A catalog operation failed. {@link #connectionLost()} says whether the database could not be reached (the
 * operation may be retried once it is back) rather than refusing the operation itself.
 */
public final class CatalogException extends Exception {
    private final boolean connectionLost;

    public CatalogException(String message) {
        super(message);
        this.connectionLost = false;
    }

    public CatalogException(String message, Throwable cause, boolean connectionLost) {
        super(message, cause);
        this.connectionLost = connectionLost;
    }

    public boolean connectionLost() { return connectionLost; }

    /** One line for a status PV or a log: the SQL state and the driver's first message line. */
    static String describe(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        if (nl > 0) m = m.substring(0, nl);
        return (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + m.trim();
    }
}
