package org.ltintercom.callserver.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The service's database: SQLite (WAL, busy timeout) or PostgreSQL, chosen by the JDBC URL.
 * All work runs through {@link #inTransaction}: one transaction per unit of work, rolled back
 * on any failure, so a failed request never leaves the database half-written.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

    /** A unit of work inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final Dialect dialect;
    private final ConnectionPool pool;

    private Database(Dialect dialect, ConnectionPool pool) {
        this.dialect = dialect;
        this.pool = pool;
    }

    /** Opens the database, creating or migrating its schema. The password is never logged. */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) throws SQLException {
        Dialect dialect = Dialect.of(jdbcUrl);
        Properties props = dialect == Dialect.SQLITE ? sqliteProperties() : new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        ConnectionPool pool = new ConnectionPool(() -> DriverManager.getConnection(jdbcUrl, props), poolSize);
        Database db = new Database(dialect, pool);
        try {
            new Migrations(dialect).migrate(db);
        } catch (SQLException | RuntimeException e) {
            db.close();
            throw e;
        }
        LOG.info("database ready: {} ({})", dialect, redact(jdbcUrl));
        return db;
    }

    private static Properties sqliteProperties() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        return config.toProperties();
    }

    public Dialect dialect() {
        return dialect;
    }

    /** Runs {@code work} in one read-write transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) throws SQLException {
        return run(work, false);
    }

    /**
     * Runs read-only {@code work} in one transaction (a consistent snapshot). On SQLite this does
     * not take the write lock, so reads never wait for writers.
     */
    public <T> T inReadTransaction(Work<T> work) throws SQLException {
        return run(work, true);
    }

    private <T> T run(Work<T> work, boolean readOnly) throws SQLException {
        Connection c = pool.borrow();
        boolean broken = false;
        try {
            begin(c, readOnly);
            T result = work.run(c);
            commit(c);
            return result;
        } catch (SQLException | RuntimeException e) {
            broken = !rollback(c);
            throw e;
        } finally {
            pool.release(c, broken);
        }
    }

    /*
     * SQLite: explicit BEGIN IMMEDIATE / COMMIT on a connection left in JDBC auto-commit mode.
     * With setAutoCommit(false) the sqlite-jdbc driver opens the next transaction right after each
     * commit, so an idle pooled connection would keep holding the database lock. IMMEDIATE takes
     * the write lock at BEGIN, so a read-then-write transaction never fails with SQLITE_BUSY
     * half-way; concurrent transactions wait up to the busy timeout instead.
     */
    private void begin(Connection c, boolean readOnly) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            execute(c, readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
        } else {
            c.setAutoCommit(false);
        }
    }

    private void commit(Connection c) throws SQLException {
        if (dialect == Dialect.SQLITE) {
            execute(c, "COMMIT");
        } else {
            c.commit();
        }
    }

    private boolean rollback(Connection c) {
        try {
            if (dialect == Dialect.SQLITE) {
                if (!c.getAutoCommit()) {
                    return false; // not a state this class leaves connections in
                }
                execute(c, "ROLLBACK");
            } else {
                c.rollback();
            }
            return true;
        } catch (SQLException e) {
            if (dialect == Dialect.SQLITE && e.getMessage() != null && e.getMessage().contains("no transaction is active")) {
                return true; // BEGIN itself failed (busy): nothing to undo, the connection is fine
            }
            LOG.warn("rollback failed, discarding the connection: {}", e.getMessage());
            return false;
        }
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.execute();
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** A JDBC URL for logs: query parameters may carry passwords, so they are dropped. */
    static String redact(String jdbcUrl) {
        int q = jdbcUrl.indexOf('?');
        return q < 0 ? jdbcUrl : jdbcUrl.substring(0, q) + "?...";
    }
}
