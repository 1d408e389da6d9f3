package org.ltintercom.callserver.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The schema, as numbered migrations. Each runs in its own transaction together with the
 * {@code schema_version} row that records it, so a failed migration leaves the previous schema.
 * Never edit a released migration: append a new one. The SQL is the common subset of SQLite
 * and PostgreSQL.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> ALL = List.of(
            new Migration(1, "users, tokens, notification keys, block lists, CDRs", List.of(
                    "CREATE TABLE users (user_id VARCHAR(64) PRIMARY KEY, uuid VARCHAR(256) NOT NULL,"
                            + " semi_uid VARCHAR(256), phone_number VARCHAR(21), email VARCHAR(256),"
                            + " device_id VARCHAR(64) NOT NULL, brand_id VARCHAR(256) NOT NULL,"
                            + " corp_id VARCHAR(256) NOT NULL, can_voip BOOLEAN NOT NULL, can_im BOOLEAN NOT NULL,"
                            + " sip_password VARCHAR(256) NOT NULL, nick_name VARCHAR(256) NOT NULL)",
                    "CREATE UNIQUE INDEX users_phone_number ON users (phone_number)",
                    "CREATE UNIQUE INDEX users_semi_uid ON users (semi_uid)",
                    "CREATE TABLE tokens (token_hash CHAR(64) PRIMARY KEY,"
                            + " user_id VARCHAR(64) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,"
                            + " device_id VARCHAR(64) NOT NULL, created_at BIGINT NOT NULL,"
                            + " UNIQUE (user_id, device_id))",
                    "CREATE TABLE notification_keys ("
                            + " user_id VARCHAR(64) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,"
                            + " device_id VARCHAR(64) NOT NULL, wakeup_topic VARCHAR(256) NOT NULL,"
                            + " updated_at BIGINT NOT NULL, PRIMARY KEY (user_id, device_id))",
                    "CREATE TABLE blocks ("
                            + " user_id VARCHAR(64) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,"
                            + " blocked_user_id VARCHAR(64) NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,"
                            + " created_at BIGINT NOT NULL, PRIMARY KEY (user_id, blocked_user_id))",
                    "CREATE TABLE cdrs (send_time BIGINT PRIMARY KEY, msg_id VARCHAR(64) NOT NULL UNIQUE,"
                            + " trans_id VARCHAR(256) NOT NULL, receiver VARCHAR(256) NOT NULL,"
                            + " sender_id VARCHAR(256) NOT NULL, call_id VARCHAR(256) NOT NULL,"
                            + " caller VARCHAR(256) NOT NULL, callee VARCHAR(256) NOT NULL,"
                            + " caller_info TEXT NOT NULL, callee_info TEXT NOT NULL,"
                            + " call_start_time BIGINT NOT NULL, call_end_time BIGINT NOT NULL,"
                            + " billing_second BIGINT NOT NULL, isr_code VARCHAR(256) NOT NULL,"
                            + " forwarder VARCHAR(256) NOT NULL, end_reason INTEGER NOT NULL)",
                    "CREATE INDEX cdrs_caller ON cdrs (caller, send_time)",
                    "CREATE INDEX cdrs_callee ON cdrs (callee, send_time)")));

    private final Dialect dialect;

    Migrations(Dialect dialect) {
        this.dialect = dialect;
    }

    void migrate(Database db) throws SQLException {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                            + " description VARCHAR(256) NOT NULL, applied_at BIGINT NOT NULL)")) {
                ps.execute();
            }
            return null;
        });
        int current = db.inTransaction(Migrations::currentVersion);
        for (Migration m : ALL) {
            if (m.version() > current) {
                db.inTransaction(c -> apply(c, m));
                LOG.info("{} schema migrated to version {}: {}", dialect, m.version(), m.description());
            }
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(version) FROM schema_version");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static Void apply(Connection c, Migration m) throws SQLException {
        if (currentVersion(c) >= m.version()) {
            return null; // another server process migrated meanwhile
        }
        for (String sql : m.statements()) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.execute();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.description());
            ps.setLong(3, System.currentTimeMillis());
            ps.executeUpdate();
        }
        return null;
    }
}
