package org.jioc.catalog;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The catalog store on the embedded H2 database the IOC uses by default, in a file under a temporary directory. */
class H2CatalogStoreTest extends CatalogStoreContract {
    @TempDir
    Path dir;

    @Override
    CatalogConfig config() { return CatalogConfig.embedded(dir); }
}
