package org.ltintercom.callserver.store;

/** The SQL databases the server runs on; chosen from the JDBC URL. */
public enum Dialect {
    SQLITE, POSTGRESQL;

    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("jdbcUrl: only jdbc:sqlite: and jdbc:postgresql: URLs are supported");
    }
}
