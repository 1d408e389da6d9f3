package org.ltintercom.sdk.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.ltintercom.callserver.testing.PostgresServer;

/** The SDK scenarios against a real call-server on a real PostgreSQL started for this class. */
class SdkOnPostgresIT extends SdkScenarios {
    private static PostgresServer postgres;

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

    @Override
    CallServerBackend backend() {
        return CallServerBackend.postgres(postgres);
    }
}
