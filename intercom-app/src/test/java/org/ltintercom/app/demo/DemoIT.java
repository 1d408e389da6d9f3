package org.ltintercom.app.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's main job as a user runs it: {@code java -jar intercom-app.jar demo}. */
class DemoIT {

    @Test
    void theDemoRunsTheWholeVisitToTheEndAndPasses(@TempDir Path dir) throws Exception {
        Path app = Path.of("target", "intercom-app.jar").toAbsolutePath();
        Path server = Path.of("..", "call-server", "target", "call-server.jar").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(app), app + " missing: the package phase builds it");
        assertTrue(Files.isRegularFile(server), server + " missing: call-server's package phase builds it");
        Path output = dir.resolve("demo.out");
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-jar", app.toString(), "demo", "--call-server-jar", server.toString(),
                "--work-dir", dir.resolve("work").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(demo.waitFor(5, TimeUnit.MINUTES), "the demo did not end");
            String printed = Files.readString(output);
            assertEquals(0, demo.exitValue(), printed);
            for (String step : new String[] {"call-server wakes the indoor unit over MQTT", "indoor unit rings",
                    "call connected", "door code received by DTMF, relay pulsed", "call ended on both sides",
                    "speech door -> indoor", "speech indoor -> door", "CDR of the call queried"}) {
                assertTrue(printed.lines().anyMatch(l -> l.startsWith(step) && l.contains("PASS")),
                        "summary row '" + step + "' missing or failed:\n" + printed);
            }
            assertTrue(printed.contains("demo PASSED"), printed);
        } finally {
            demo.destroy();
            if (!demo.waitFor(20, TimeUnit.SECONDS)) {
                demo.destroyForcibly();
            }
        }
    }
}
