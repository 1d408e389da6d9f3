package org.ltintercom.callserver;

import org.junit.jupiter.api.Test;
import org.ltintercom.callserver.testing.PostgresServer;

import java.net.InetAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture other modules rely on: a real server, its own user, and nothing left after close. */
class PostgresServerIT {
    @Test
    void aFreshServerAcceptsItsUserOnLoopbackAndDisappearsOnClose() throws Exception {
        PostgresServer pg = PostgresServer.start();
        long pid;
        try {
            pid = pg.pid();
            assertTrue(pid > 0);
            assertTrue(pg.jdbcUrl().startsWith("jdbc:postgresql://127.0.0.1:" + pg.port() + "/"));
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
                 PreparedStatement ps = c.prepareStatement("SELECT current_user, inet_server_addr()::text");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertEquals(pg.user(), rs.getString(1));
                assertTrue(rs.getString(2).startsWith("127.0.0.1"), rs.getString(2));
            }
            assertThrows(java.sql.SQLException.class,
                    () -> DriverManager.getConnection(pg.jdbcUrl(), pg.user(), "wrong-password").close());
        } finally {
            pg.close();
        }
        pg.close(); // idempotent
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        assertFalse(postmaster.isPresent() && postmaster.get().isAlive(), "postmaster still running");
        assertEquals(-1, pg.pid());
        assertThrows(java.io.IOException.class,
                () -> new Socket(InetAddress.getLoopbackAddress(), pg.port()).close(), "port still open");
    }
}
