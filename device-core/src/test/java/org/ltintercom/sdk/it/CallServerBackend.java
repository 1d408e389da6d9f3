package org.ltintercom.sdk.it;

import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.testing.PostgresServer;
import org.ltintercom.callserver.testing.TestUsers;

import java.nio.file.Path;

/** Where the real call-server of an IT keeps its data: its SQLite file, or a real PostgreSQL. */
interface CallServerBackend {

    /** Starts a call-server with the generated users on a fresh database. */
    CallServer start(Path dir, TestUsers users) throws Exception;

    static CallServerConfig.Builder config(Path dir, TestUsers users) {
        return CallServerConfig.builder().dataDir(dir.resolve("server-data")).usersFile(users.file())
                .adminToken("it-admin-token").httpThreads(4);
    }

    /** The SQLite file in the server's data directory. */
    static CallServerBackend sqlite() {
        return (dir, users) -> CallServer.start(config(dir, users).build());
    }

    /** A PostgreSQL server shared by a test class; its schema is emptied for each server started. */
    static CallServerBackend postgres(PostgresServer pg) {
        return (dir, users) -> {
            pg.resetSchema();
            return CallServer.start(config(dir, users).jdbcUrl(pg.jdbcUrl()).jdbcUser(pg.user())
                    .jdbcPassword(pg.password()).build());
        };
    }
}
