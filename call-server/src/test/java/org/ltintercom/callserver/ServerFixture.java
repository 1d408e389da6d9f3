package org.ltintercom.callserver;

import org.ltintercom.callserver.testing.PostgresServer;
import org.ltintercom.callserver.testing.TestUsers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;

/**
 * A call-server on a fresh database of the given backend with {@code n} generated users, and a
 * client for it. PostgreSQL comes from the test class's shared {@link PostgresServer}, reset first.
 */
final class ServerFixture implements AutoCloseable {
    static final String ADMIN_TOKEN = "test-admin-token";

    final CallServer server;
    final TestUsers users;
    final RestClient client;

    private ServerFixture(CallServer server, TestUsers users) {
        this.server = server;
        this.users = users;
        this.client = new RestClient(server.baseUri());
    }

    static ServerFixture start(Backend backend, PostgresServer pg, Path dir, int userCount) throws Exception {
        TestUsers users = TestUsers.write(dir, userCount);
        return new ServerFixture(CallServer.start(config(backend, pg, dir, users).build()), users);
    }

    static CallServerConfig.Builder config(Backend backend, PostgresServer pg, Path dir, TestUsers users) {
        CallServerConfig.Builder b = CallServerConfig.builder().dataDir(dir.resolve("data")).usersFile(users.file())
                .adminToken(ADMIN_TOKEN);
        if (backend == Backend.POSTGRESQL) {
            pg.resetSchema();
            b.jdbcUrl(pg.jdbcUrl()).jdbcUser(pg.user()).jdbcPassword(pg.password());
        }
        return b;
    }

    /** init as generated user {@code index} (0-based); returns the token. */
    String init(int index) {
        return client.init(users.get(index).userID(), users.get(index).uuid());
    }

    /** Every row of every table, in a stable order: equal snapshots mean nothing was written. */
    List<String> snapshot() throws Exception {
        return server.database().inTransaction(c -> {
            List<String> rows = new ArrayList<>();
            for (String table : List.of("users", "tokens", "notification_keys", "blocks", "cdrs", "schema_version")) {
                rows.addAll(rows(c, table));
            }
            return rows;
        });
    }

    private static List<String> rows(Connection c, String table) throws java.sql.SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder(table).append(':');
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                out.add(row.toString());
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public void close() {
        server.close();
    }
}
