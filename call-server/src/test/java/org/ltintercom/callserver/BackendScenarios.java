package org.ltintercom.callserver;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ltintercom.callserver.testing.PostgresServer;

import java.nio.file.Path;

/** Base of the REST scenarios that run once on SQLite and once on a real PostgreSQL. */
abstract class BackendScenarios {
    static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    static ServerFixture serve(Backend backend, Path dir, int users) throws Exception {
        return ServerFixture.start(backend, postgres, dir, users);
    }
}
