package org.ltintercom.callserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.testing.PostgresServer;
import org.ltintercom.callserver.testing.TestUsers;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ltintercom.callserver.RestClient.json;

/** The database goes away under a running server: requests get 3 DATABASE_ERROR, the server stays up. */
class DatabaseOutageIT {
    @Test
    void aLostDatabaseAnswersCode3AndTheServerKeepsServing(@TempDir Path dir) throws Exception {
        TestUsers users = TestUsers.write(dir, 2);
        PostgresServer pg = PostgresServer.start();
        try (CallServer server = CallServer.start(CallServerConfig.builder().dataDir(dir.resolve("data"))
                .usersFile(users.file()).jdbcUrl(pg.jdbcUrl()).jdbcUser(pg.user()).jdbcPassword(pg.password())
                .adminToken("admin").build())) {
            RestClient client = new RestClient(server.baseUri());
            String token = client.init("u-1", users.get(0).uuid());
            assertEquals(0, client.post("/v1/block", token, json("userID", "u-1", "blockUserIDs", List.of("u-2")))
                    .code());

            pg.close();

            for (int i = 0; i < 3; i++) { // pooled connections are broken now; each failure discards one
                RestClient.Reply r = client.post("/v1/block/list", token, json("userID", "u-1"));
                assertEquals(500, r.status());
                assertEquals(3, r.code());
                assertEquals("database: the request failed and nothing was written", r.message());
            }
            RestClient.Reply init = client.post("/v1/init", null, json("licenseKey", "demo-license",
                    "userID", "u-1", "uuid", users.get(0).uuid()));
            assertEquals(3, init.code());
            // requests that need no database are still answered
            assertEquals(5, client.get("/v1/nope", token).code());
            assertEquals(6, client.post("/v1/init", null, "{").code());
        } finally {
            pg.close();
        }
    }
}
