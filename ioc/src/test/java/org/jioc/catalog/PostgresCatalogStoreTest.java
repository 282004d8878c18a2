package org.jioc.catalog;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;

/**
 * The same catalog store tests on a real PostgreSQL server: scripts/test starts a private cluster on a free
 * loopback port and passes its URL in JIOC_TEST_PG_URL (user in JIOC_TEST_PG_USER). Without it (a plain
 * {@code mvn test}, or a machine where Debian's postgresql cannot be installed) these tests are skipped, saying so.
 */
class PostgresCatalogStoreTest extends CatalogStoreContract {
    static final String URL = System.getenv("JIOC_TEST_PG_URL");
    static final String USER = System.getenv().getOrDefault("JIOC_TEST_PG_USER", "");

    @Override
    CatalogConfig config() { return new CatalogConfig(URL, USER, ""); }

    @BeforeEach
    void emptyDatabase() throws Exception {
        Assumptions.assumeTrue(URL != null && !URL.isBlank(),
                "JIOC_TEST_PG_URL is not set: no PostgreSQL server for this run (scripts/test starts one)");
        try (Connection c = DriverManager.getConnection(URL, USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS run_files, runs, commands, catalog_meta");
        }
    }
}
