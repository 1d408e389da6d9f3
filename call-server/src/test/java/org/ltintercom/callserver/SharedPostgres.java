package org.ltintercom.callserver;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ltintercom.callserver.testing.PostgresServer;

/**
 * One PostgreSQL for all scenario classes of a test run (initdb is the slow part): started by the
 * first class that needs it, stopped by JUnit when the whole run ends, also after failures.
 */
final class SharedPostgres implements BeforeAllCallback {
    private record Running(PostgresServer server) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            server.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(Running.class, k -> new Running(PostgresServer.start()), Running.class);
        BackendScenarios.postgres = running.server();
    }
}
