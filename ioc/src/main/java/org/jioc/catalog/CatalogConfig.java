package org.jioc.catalog;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the run catalog lives: a JDBC URL with optional user and password. Without runCatalogConfigure the IOC
 * uses an embedded H2 file database under $(JIOC_HOME)/var/catalog/.
 */
public record CatalogConfig(String url, String user, String password) {
    private static final Pattern SECRET = Pattern.compile("(?i)(password=)[^&;]*");

    public CatalogConfig {
        if (url == null || url.isBlank()) throw new IllegalArgumentException("the catalog JDBC URL is empty");
        if (!url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:"))
            throw new IllegalArgumentException("unsupported catalog URL '" + redact(url)
                    + "' (use jdbc:h2:... or jdbc:postgresql://host:port/database)");
        user = user == null ? "" : user;
        password = password == null ? "" : password;
    }

    /**
     * The default embedded database: H2 files catalog.mv.db in dir. The IOC closes the database itself at stop
     * (DB_CLOSE_ON_EXIT=FALSE: H2's own shutdown hook would race the IOC's), and concurrent claims wait for each
     * other's row locks up to 10 s rather than H2's default 1 s.
     */
    public static CatalogConfig embedded(Path dir) {
        return new CatalogConfig("jdbc:h2:file:" + dir.toAbsolutePath().resolve("catalog")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000", "", "");
    }

    /** The URL with any password=... parameter blanked, for PVs and logs. */
    public String safeUrl() { return redact(url); }

    static String redact(String url) { return SECRET.matcher(url).replaceAll("$1***"); }

    public boolean isPostgres() { return url.startsWith("jdbc:postgresql:"); }
}
