package org.jioc.catalog;

/** The two SQL databases the catalog runs on; the schema is shared, only the queue claim differs. */
enum Dialect {
    H2, POSTGRESQL;

    static Dialect of(String productName) throws CatalogException {
        if (productName.equalsIgnoreCase("H2")) return H2;
        if (productName.equalsIgnoreCase("PostgreSQL")) return POSTGRESQL;
        throw new CatalogException("unsupported catalog database '" + productName + "' (H2 or PostgreSQL)");
    }
}
