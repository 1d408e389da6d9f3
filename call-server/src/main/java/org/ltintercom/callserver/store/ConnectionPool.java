package org.ltintercom.callserver.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed-size JDBC connection pool: at most {@code size} connections, opened on demand,
 * reused while healthy, closed when they failed. Enough for a bounded HTTP executor; no framework.
 */
final class ConnectionPool implements AutoCloseable {
    interface Opener {
        Connection open() throws SQLException;
    }

    private static final long BORROW_TIMEOUT_SECONDS = 30;

    private final Opener opener;
    private final Semaphore permits;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    ConnectionPool(Opener opener, int size) {
        this.opener = opener;
        this.permits = new Semaphore(size, true);
    }

    Connection borrow() throws SQLException {
        try {
            if (!permits.tryAcquire(BORROW_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLException("no database connection free within " + BORROW_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a database connection", e);
        }
        try {
            Connection c;
            synchronized (this) {
                if (closed) {
                    throw new SQLException("database is closed");
                }
                c = idle.pollFirst();
            }
            return c != null ? c : opener.open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a connection; {@code broken} ones (after an error) are closed instead of reused. */
    void release(Connection c, boolean broken) {
        boolean keep;
        synchronized (this) {
            keep = !broken && !closed;
            if (keep) {
                idle.addFirst(c);
            }
        }
        if (!keep) {
            closeQuietly(c);
        }
        permits.release();
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            idle.forEach(ConnectionPool::closeQuietly);
            idle.clear();
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is being discarded; nothing more to do
        }
    }
}
