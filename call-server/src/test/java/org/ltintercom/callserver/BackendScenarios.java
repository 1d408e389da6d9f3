package org.ltintercom.callserver;

import org.junit.jupiter.api.extension.ExtendWith;
import org.ltintercom.callserver.testing.PostgresServer;

import java.nio.file.Path;

/**
 * Base of the REST scenarios that run once on SQLite and once on a real PostgreSQL (shared by
 * all scenario classes, its schema reset for every server a test starts).
 */
@ExtendWith(SharedPostgres.class)
abstract class BackendScenarios {
    static PostgresServer postgres;

    static ServerFixture serve(Backend backend, Path dir, int users) throws Exception {
        return ServerFixture.start(backend, postgres, dir, users);
    }
}
