package org.ltintercom.callserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The path the demo and the systemd unit take: {@code java -jar call-server.jar}, SIGTERM to stop. */
class ShadedJarIT {
    private static final Pattern LISTENING = Pattern.compile("call-server listening on (http://127\\.0\\.0\\.1:\\d+)");

    @Test
    void theJarServesTheDemoUsersAndStopsCleanlyOnSigterm(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "call-server.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), jar + " missing: run mvn verify (package builds it)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--data-dir",
                dir.resolve("data").toString()).redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (java.io.IOException e) {
                    return null;
                }
            }).get(60, TimeUnit.SECONDS);
            assertTrue(line != null, "no output; stderr: " + Files.readString(stderr));
            Matcher m = LISTENING.matcher(line);
            assertTrue(m.matches(), "unexpected first line: " + line);

            RestClient client = new RestClient(URI.create(m.group(1)));
            String token = client.init("door-1", "3d6f0a52-demo-door-1");
            assertEquals("door-1", client.get("/v1/users", token).body().get("users").get(0).get("userID").asText());
            assertTrue(Files.exists(dir.resolve("data").resolve("call-server.db")), "SQLite file in the data dir");
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("data").resolve("admin-token"))));

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "did not stop on SIGTERM");
            assertEquals(143, p.exitValue(), "exit status of a JVM ended by SIGTERM");
            String log = Files.readString(stderr);
            assertTrue(log.contains("call-server stopped"), "shutdown hook did not run: " + log);
            assertTrue(!log.contains(token), "the token must never be logged");
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("no listening line within 60 s; stderr: " + Files.readString(stderr), e);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    @Test
    void theJarRefusesABadUsersFileWithTheFieldNamed(@TempDir Path dir) throws Exception {
        Path users = dir.resolve("users.yaml");
        Files.writeString(users, "users:\n  - {userID: x, uuid: y, deviceID: d, brandID: b, corpID: c, sipPassword: s}\n");
        Path jar = Path.of("target", "call-server.jar").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path stderr = dir.resolve("stderr.log");
        Process p = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0", "--data-dir",
                dir.resolve("data").toString(), "--users", users.toString())
                .redirectError(stderr.toFile()).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        try {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(2, p.exitValue());
            assertTrue(Files.readString(stderr).contains("users[0].sipPassword: shorter than 8 characters"),
                    Files.readString(stderr));
        } finally {
            p.destroyForcibly();
        }
    }
}
