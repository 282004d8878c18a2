package org.jioc.catalog;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done inside one catalog transaction. */
@FunctionalInterface
interface SqlWork<T> {
    T run(Connection c, Dialect dialect) throws SQLException, CatalogException;
}
