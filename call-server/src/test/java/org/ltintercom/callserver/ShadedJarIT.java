package org.ltintercom.callserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.callserver.mqtt.PahoProbe;
import org.ltintercom.callserver.testing.PostgresServer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The path the demo and the systemd unit take: {@code java -jar call-server.jar}, SIGTERM to stop. */
class ShadedJarIT {
    private static final Pattern LISTENING = Pattern.compile("call-server listening on (http://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern MQTT = Pattern.compile("call-server mqtt on (tcp://127\\.0\\.0\\.1:\\d+) \\(embedded\\)");
    private static final Pattern SIP = Pattern.compile("call-server sip on udp\\+tcp 127\\.0\\.0\\.1:(\\d+)");

    /** A running jar: its process, base URL and stderr log. */
    private record Running(Process process, URI url, int sipPort, String mqttLine, Path stderr) {
    }

    private static Running startJar(Path dir, String... options) throws Exception {
        Path jar = Path.of("target", "call-server.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " missing: run mvn verify (package builds it)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("stderr.log");
        List<String> cmd = new ArrayList<>(List.of(java, "-jar", jar.toString(), "--sip-port", "0", "--mqtt-port", "0"));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        try {
            String lines = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine() + "\n" + out.readLine() + "\n" + out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            assertTrue(lines != null, "no output; stderr: " + Files.readString(stderr));
            String[] two = lines.split("\n");
            Matcher m = LISTENING.matcher(two[0]);
            assertTrue(m.matches(), "unexpected first line: " + two[0]);
            Matcher sip = SIP.matcher(two[1]);
            assertTrue(sip.matches(), "unexpected second line: " + two[1]);
            return new Running(p, URI.create(m.group(1)), Integer.parseInt(sip.group(1)), two[2], stderr);
        } catch (ExecutionException | TimeoutException | AssertionError e) {
            stop(p);
            throw new AssertionError("the jar did not start; stderr: " + Files.readString(stderr), e);
        }
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    @Test
    void theJarServesTheDemoUsersAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Running jar = startJar(dir, "--port", "0", "--data-dir", dir.resolve("data").toString());
        Process p = jar.process();
        try {
            RestClient client = new RestClient(jar.url());
            RestClient.Reply init = client.post("/v1/init", null, RestClient.json("licenseKey", "demo-license",
                    "userID", "door-1", "uuid", "3d6f0a52-demo-door-1"));
            assertEquals("sip:127.0.0.1:" + jar.sipPort(), init.body().get("sip").get("proxy").asText(),
                    "init points the device at the SIP port in use");
            String token = init.body().get("token").asText();
            assertEquals("door-1", client.get("/v1/users", token).body().get("users").get(0).get("userID").asText());
            assertTrue(Files.exists(dir.resolve("data").resolve("call-server.db")), "SQLite file in the data dir");
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("data").resolve("admin-token"))));

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
            assertEquals(143, p.exitValue(), "exit status of a JVM ended by SIGTERM");
            String log = Files.readString(jar.stderr());
            assertTrue(log.contains("call-server stopped"), "shutdown hook did not run: " + log);
            assertFalse(log.contains(token), "the token must never be logged");
        } finally {
            stop(p);
        }
    }

    @Test
    void theJarRunsOnPostgresqlWithThePasswordFromAFile(@TempDir Path dir) throws Exception {
        try (PostgresServer pg = PostgresServer.start()) {
            Path passwordFile = dir.resolve("pg-password");
            Files.writeString(passwordFile, pg.password() + "\n");
            Path adminTokenFile = dir.resolve("admin-token");
            Files.writeString(adminTokenFile, "jar-admin-token\n");
            Running jar = startJar(dir, "--port", "0", "--data-dir", dir.resolve("data").toString(),
                    "--jdbc-url", pg.jdbcUrl(), "--jdbc-user", pg.user(), "--jdbc-password-file",
                    passwordFile.toString(), "--admin-token-file", adminTokenFile.toString(),
                    "--license-key", "key-a", "--license-key", "key-b");
            try {
                RestClient client = new RestClient(jar.url());
                RestClient.Reply init = client.post("/v1/init", null, RestClient.json("licenseKey", "key-b",
                        "userID", "indoor-1", "uuid", "9b2e71c4-demo-indoor-1"));
                assertEquals(0, init.code(), init.body().toString());
                assertEquals(1, client.post("/v1/init", null, RestClient.json("licenseKey", "demo-license",
                        "userID", "indoor-1", "uuid", "9b2e71c4-demo-indoor-1")).code(), "only the given keys");
                RestClient.Reply health = client.get("/v1/admin/health", "jar-admin-token");
                assertEquals(3, health.body().get("users").asInt());
                assertFalse(Files.exists(dir.resolve("data").resolve("call-server.db")), "no SQLite file");
                String log = Files.readString(jar.stderr());
                assertFalse(log.contains(pg.password()), "the database password must never be logged");
            } finally {
                stop(jar.process());
            }
        }
    }

    @Test
    void theJarHostsTheEmbeddedBrokerAndSaysWhere(@TempDir Path dir) throws Exception {
        Running jar = startJar(dir, "--port", "0", "--data-dir", dir.resolve("data").toString());
        try {
            Matcher m = MQTT.matcher(jar.mqttLine());
            assertTrue(m.matches(), "unexpected third line: " + jar.mqttLine());
            try (PahoProbe client = new PahoProbe(m.group(1))) {
                assertEquals(1, client.subscribe("lt/v1/indoor-1/wakeup"));
                client.publish("lt/v1/indoor-1/wakeup", "{\"probe\":1}", false);
                assertEquals("{\"probe\":1}", client.next(Duration.ofSeconds(20)).payload());
            }
        } finally {
            stop(jar.process());
        }
    }

    @Test
    void theJarRefusesABadUsersFileWithTheFieldNamed(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, "users:\n  - {userID: x, uuid: y, deviceID: d, brandID: b, corpID: c, sipPassword: s}\n");
        Path jar = Path.of("target", "call-server.jar").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--mqtt-port", "0",
                "--data-dir", dir.resolve("data").toString(), "--users", users.toString())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue());
            assertTrue(Files.readString(stderr).contains("users[0].sipPassword: shorter than 8 characters"),
                    Files.readString(stderr));
        } finally {
            stop(p);
        }
    }
}
