package org.ltintercom.callserver.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DatabaseTest {
    @TempDir
    Path dir;

    @Test
    void aFailingUnitOfWorkLeavesNothingWritten() throws Exception {
        try (Database db = Database.open(url(), null, null, 2)) {
            assertThrows(IllegalStateException.class, () -> db.inTransaction(c -> {
                insertUser(c, "u-1");
                throw new IllegalStateException("fails half-way");
            }));
            assertThrows(SQLException.class, () -> db.inTransaction(c -> {
                insertUser(c, "u-2");
                insertUser(c, "u-2"); // primary key violation
                return null;
            }));
            assertEquals(0, countUsers(db));
            db.inTransaction(c -> insertUser(c, "u-3"));
            assertEquals(1, countUsers(db));
        }
    }

    @Test
    void migrationsRunOnceAndAreRecorded() throws Exception {
        try (Database db = Database.open(url(), null, null, 1)) {
            assertEquals(Migrations.ALL.size(), (int) db.inTransaction(Migrations::currentVersion));
        }
        try (Database db = Database.open(url(), null, null, 1)) {
            int rows = db.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM schema_version");
                     ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(Migrations.ALL.size(), rows);
        }
    }

    @Test
    void onlySqliteAndPostgresqlUrlsAreAccepted() {
        assertEquals(Dialect.SQLITE, Dialect.of("jdbc:sqlite:/tmp/x.db"));
        assertEquals(Dialect.POSTGRESQL, Dialect.of("jdbc:postgresql://127.0.0.1/db"));
        assertThrows(IllegalArgumentException.class, () -> Dialect.of("jdbc:mysql://127.0.0.1/db"));
        assertEquals("jdbc:postgresql://h/db?...", Database.redact("jdbc:postgresql://h/db?password=secret"));
    }

    private String url() {
        return "jdbc:sqlite:" + dir.resolve("db.sqlite");
    }

    private static Void insertUser(java.sql.Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO users (user_id, uuid, device_id, brand_id, corp_id,"
                + " can_voip, can_im, sip_password, nick_name) VALUES (?, 'u', 'd', 'b', 'c', TRUE, FALSE, 'p', 'n')")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        return null;
    }

    private static long countUsers(Database db) throws SQLException {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM users");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
