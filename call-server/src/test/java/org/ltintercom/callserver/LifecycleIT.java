package org.ltintercom.callserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ltintercom.callserver.testing.TestUsers;
import org.ltintercom.callserver.users.UsersFileException;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleIT extends BackendScenarios {
    /** Not the server's: the test's own HTTP client, and the PostgreSQL driver's JVM-wide cleaner (exits when idle). */
    private static boolean foreign(String name) {
        return name.startsWith("HttpClient-") || name.equals("PostgreSQL-JDBC-Cleaner");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void startStopStartLeavesNoThreadBehindAndKeepsTheData(Backend backend, @TempDir Path dir) throws Exception {
        TestUsers users = TestUsers.write(dir, 3);
        CallServerConfig config = ServerFixture.config(backend, postgres, dir, users).build();
        Set<String> before = Threads.names();
        Set<String> serverThreads = new HashSet<>();
        String token;
        try (CallServer server = CallServer.start(config)) {
            RestClient client = new RestClient(server.baseUri());
            token = client.init("u-2", users.get(1).uuid());
            serverThreads.addAll(Threads.names());
            server.close();
            server.close(); // idempotent
        }
        serverThreads.removeAll(before);
        serverThreads.removeIf(LifecycleIT::foreign);
        assertTrue(serverThreads.stream().anyMatch(n -> n.startsWith("lt-callserver-http-")), serverThreads.toString());
        assertTrue(serverThreads.stream().anyMatch(n -> n.startsWith("lt-cs-sip-")), "SIP runs with HTTP: " + serverThreads);
        assertTrue(Threads.await(() -> Threads.names().stream().noneMatch(serverThreads::contains), 10_000),
                "threads left after the first stop: " + Threads.names());

        try (CallServer again = CallServer.start(config)) {
            RestClient client = new RestClient(again.baseUri());
            assertEquals(0, client.get("/v1/users", token).code(), "tokens survive a restart");
            int migrations = again.database().inTransaction(c -> {
                try (var ps = c.prepareStatement("SELECT COUNT(*) FROM schema_version");
                     var rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertEquals(1, migrations, "migrations ran once");
        }
        assertTrue(Threads.await(() -> Threads.names().stream().noneMatch(serverThreads::contains), 10_000),
                "threads left after the second stop: " + Threads.names());
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void usersDroppedFromTheFileLoseTheirTokensAtRestart(Backend backend, @TempDir Path dir) throws Exception {
        TestUsers three = TestUsers.write(dir, 3);
        CallServerConfig config = ServerFixture.config(backend, postgres, dir, three).build();
        String token3;
        try (CallServer server = CallServer.start(config)) {
            RestClient client = new RestClient(server.baseUri());
            token3 = client.init("u-3", three.get(2).uuid());
            String token1 = client.init("u-1", three.get(0).uuid());
            assertEquals(0, client.post("/v1/block", token1, RestClient.json("userID", "u-1",
                    "blockUserIDs", java.util.List.of("u-3"))).code());
        }
        TestUsers.write(dir, 2); // same file, now without u-3
        try (CallServer server = CallServer.start(config)) {
            RestClient client = new RestClient(server.baseUri());
            assertEquals(1, client.get("/v1/users", token3).code());
            String token1 = client.init("u-1", three.get(0).uuid());
            RestClient.Reply list = client.post("/v1/block/list", token1, RestClient.json("userID", "u-1"));
            assertEquals(0, list.body().get("userIDs").size());
        }
    }

    @Test
    void aBadUsersFileRefusesToStartNamingEntryAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("users.yaml");
        Files.writeString(file, """
                users:
                  - {userID: a-1, uuid: x, deviceID: d-1, brandID: b, corpID: c, sipPassword: secret-1, phoneNumber: "+12345"}
                  - {userID: a-2, uuid: y, deviceID: d-2, brandID: b, corpID: c, sipPassword: secret-2, phoneNumber: "12-34"}
                """);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CallServerConfig config = CallServerConfig.builder().dataDir(dir.resolve("data")).usersFile(file).port(port)
                .build();
        UsersFileException e = assertThrows(UsersFileException.class, () -> CallServer.start(config));
        assertTrue(e.getMessage().contains("users[1].phoneNumber: not a phone number"), e.getMessage());
        // nothing was left listening
        assertDoesNotThrow(() -> new ServerSocket(port, 1, InetAddress.getLoopbackAddress()).close());
    }
}
