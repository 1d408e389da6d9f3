package org.ltintercom.app.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.internal.json.Json;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class StateStoreTest {

    @TempDir
    Path dir;

    @Test
    void writesAreOwnerOnlyAndReadBack() throws Exception {
        StateStore store = new StateStore(dir.resolve("state"));
        assertTrue(store.provisioned().isEmpty());
        store.writeProvisioned(new ProvisionedConfig(3, StateWriterChild.settings(3), 2));
        store.writeLastGood(new ProvisionedConfig(2, StateWriterChild.settings(2), 0));
        store.writeCalibration(Json.object().put("echoDelayMs", 42));

        StateStore reopened = new StateStore(dir.resolve("state"));
        assertEquals(3, reopened.provisioned().orElseThrow().version());
        assertEquals(2, reopened.provisioned().orElseThrow().failedVersion());
        assertEquals(2, reopened.lastGood().orElseThrow().version());
        assertEquals(42, reopened.calibration().orElseThrow().get("echoDelayMs").asInt());
        for (String name : List.of(StateStore.PROVISIONED, StateStore.LAST_GOOD, StateStore.CALIBRATION)) {
            assertEquals("rw-------", PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(dir.resolve("state").resolve(name))), name);
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("state"))));
    }

    @Test
    void corruptFileIsTreatedAsAbsentAndTempLeftoversAreRemoved() throws Exception {
        Files.writeString(dir.resolve(StateStore.PROVISIONED), "{\"version\": 4, \"settings\": {\"tru");
        Files.writeString(dir.resolve(AtomicFiles.TEMP_PREFIX + "provisioned.json-1"), "half");
        StateStore store = new StateStore(dir);
        assertTrue(store.provisioned().isEmpty());
        assertFalse(Files.exists(dir.resolve(AtomicFiles.TEMP_PREFIX + "provisioned.json-1")));
    }

    @Test
    void killingTheWriterMidWriteNeverLeavesAHalfWrittenConfig() throws Exception {
        for (int killAfter : new int[] {5, 60, 150}) {
            Path state = dir.resolve("kill-" + killAfter);
            int lastReported = runWriterAndKill(state, killAfter);
            StateStore store = new StateStore(state);
            ProvisionedConfig survived = store.provisioned()
                    .orElseThrow(() -> new AssertionError("no valid config after kill at " + lastReported));
            assertTrue(survived.version() >= lastReported, "a reported write was lost: " + survived + " < " + lastReported);
            assertEquals(survived.version(), survived.settings().get("check").asLong(), "body of another version");
            assertEquals(64 * 1024, survived.settings().get("filler").asText().length(), "truncated body");
            try (var files = Files.list(state)) {
                assertEquals(List.of(StateStore.PROVISIONED), files.map(p -> p.getFileName().toString()).toList());
            }
        }
    }

    /** Starts the writer for 200 versions, kills it (SIGKILL) once it reported {@code killAfter}. */
    private static int runWriterAndKill(Path state, int killAfter) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                StateWriterChild.class.getName(), state.toString(), "200").redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            int last = 0;
            String line;
            while ((line = out.readLine()) != null) {
                if (!line.startsWith("wrote ")) {
                    continue;
                }
                last = Integer.parseInt(line.substring(6));
                if (last >= killAfter) {
                    child.destroyForcibly();
                    break;
                }
            }
            if (last < killAfter) {
                fail("writer ended before version " + killAfter + " (exit " + child.waitFor() + ")");
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
            return last;
        } finally {
            child.destroyForcibly();
        }
    }
}
