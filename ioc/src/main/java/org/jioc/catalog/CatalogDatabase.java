package org.jioc.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One JDBC connection to the catalog, opened on first use and reopened after it broke. Every operation is one
 * transaction, retried when the database says it lost a race (lock timeout, serialization failure, deadlock);
 * operations of one instance are serialised, separate instances (two IOCs) meet only in the database.
 */
public final class CatalogDatabase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(CatalogDatabase.class.getName());
    private static final int RACE_RETRIES = 5;

    private final CatalogConfig config;
    private Connection conn; // guarded by this
    private Dialect dialect;

    public CatalogDatabase(CatalogConfig config) { this.config = config; }

    public CatalogConfig config() { return config; }

    /** Connect (if not connected) and create or check the schema; throws with the reason when it cannot. */
    public synchronized void connect() throws CatalogException {
        connection();
    }

    public synchronized boolean isConnected() { return conn != null; }

    synchronized Dialect dialect() throws CatalogException {
        connection();
        return dialect;
    }

    private Connection connection() throws CatalogException {
        if (conn != null) return conn;
        Properties p = new Properties();
        if (!config.user().isEmpty()) p.setProperty("user", config.user());
        if (!config.password().isEmpty()) p.setProperty("password", config.password());
        if (config.isPostgres()) {
            p.setProperty("connectTimeout", "5");
            p.setProperty("ApplicationName", "jioc run catalog");
        }
        Connection c;
        try {
            c = DriverManager.getConnection(config.url(), p);
        } catch (SQLException e) {
            throw new CatalogException("cannot connect to " + config.safeUrl() + ": " + CatalogException.describe(e),
                    e, true);
        }
        try {
            Dialect d = Dialect.of(c.getMetaData().getDatabaseProductName());
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            CatalogSchema.ensure(c, d);
            conn = c;
            dialect = d;
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw new CatalogException("catalog schema on " + config.safeUrl() + ": " + CatalogException.describe(e),
                    e, isConnectionError(e));
        } catch (CatalogException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /** Run work in one transaction: committed when it returns, rolled back when it throws. */
    public synchronized <T> T transaction(SqlWork<T> work) throws CatalogException {
        for (int attempt = 1; ; attempt++) {
            Connection c = connection();
            try {
                T result = work.run(c, dialect);
                c.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(c);
                if (isRace(e) && attempt < RACE_RETRIES) {
                    LOG.fine(() -> "catalog: retrying after " + CatalogException.describe(e));
                    continue;
                }
                boolean lost = isConnectionError(e) || !isValid(c);
                if (lost) {
                    closeQuietly(c);
                    conn = null;
                }
                throw new CatalogException((lost ? "lost the catalog database " + config.safeUrl() + ": " : "")
                        + CatalogException.describe(e), e, lost);
            } catch (CatalogException | RuntimeException e) {
                rollbackQuietly(c);
                throw e;
            }
        }
    }

    /** Lost a race with another transaction: H2 lock timeout / concurrent update, serialization failure, deadlock. */
    private static boolean isRace(SQLException e) {
        String s = e.getSQLState();
        return e.getErrorCode() == 50200 || e.getErrorCode() == 90131 || "40001".equals(s) || "40P01".equals(s)
                || "HYT00".equals(s);
    }

    /** SQL state class 08 is "connection exception"; 57P01..03 is a PostgreSQL server shutting down. */
    private static boolean isConnectionError(SQLException e) {
        String s = e.getSQLState();
        return s != null && (s.startsWith("08") || s.startsWith("57P"));
    }

    private static boolean isValid(Connection c) {
        try {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "catalog rollback", e);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            LOG.log(Level.FINE, "catalog close", e);
        }
    }

    /** Close the connection; an embedded H2 database is shut down with it (its files are then consistent). */
    @Override
    public synchronized void close() {
        if (conn == null) return;
        if (dialect == Dialect.H2) {
            try (var st = conn.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                LOG.log(Level.FINE, "catalog H2 shutdown", e);
            }
        }
        closeQuietly(conn);
        conn = null;
    }
}
