package org.ltintercom.app.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.testing.Configs;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IntercomCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = IntercomCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void configValidatePrintsOkForAGoodFile() {
        Path file = Configs.write(dir, Configs.SIMULATED);
        assertEquals(0, run("config", "validate", file.toString()), err.toString());
        assertTrue(out.toString().startsWith("OK: " + file + " (device door-1, platform simulated, 2 ring group(s))"), out.toString());
    }

    @Test
    void configValidatePrintsEveryLineAndFieldErrorAndExits2() {
        Path file = Configs.write(dir, Configs.SIMULATED.replace("timeout: 20s", "timeout: 1s").replace("transport: udp", "transport: x"));
        assertEquals(2, run("config", "validate", file.toString()));
        String text = err.toString();
        assertTrue(text.contains("intercom.yaml:8: sip.transport: must be one of auto, udp, tcp, was \"x\""), text);
        assertTrue(text.contains("intercom.yaml:26: ringPlan.groups[1].timeout: must be between 5s and 300s, was 1s"), text);
        assertFalse(text.contains("SECRET"));
    }

    @Test
    void missingFileIsAConfigError() {
        assertEquals(2, run("config", "validate", dir.resolve("nope.yaml").toString()));
        assertTrue(err.toString().contains("file not found"), err.toString());
    }

    @Test
    void demoRefusesAMissingCallServerJarAndCallFailsWhenTheServiceCannotBeReached() {
        assertEquals(2, run("demo", "--call-server-jar", dir.resolve("no-such.jar").toString()));
        assertTrue(out.toString().contains("demo: call-server jar not found at " + dir.resolve("no-such.jar")), out.toString());
        Path file = Configs.write(dir, Configs.SIMULATED.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + closedPort()));
        assertEquals(1, run("call", "flat-1", "-c", file.toString(), "-s", dir.resolve("state").toString()));
        assertTrue(err.toString().contains("call flat-1: not registered with the SIP service within 30 s (sdk: sign-in could not reach the service"),
                err.toString());
    }

    /** A loopback port nobody listens on (bound, then released). */
    private static int closedPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void selftestChecksTheSimulatedStationAndFailsTheSipCheckWithoutAService() {
        Path file = Configs.write(dir, Configs.SIMULATED.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + closedPort()));
        int code = run("selftest", "-c", file.toString(), "-s", dir.resolve("state").toString());
        String text = out.toString();
        assertEquals(1, code, text + err);
        assertTrue(text.contains("FAIL        sip-registration  not registered with the SIP service (sdk: sign-in could not reach"), text);
        assertTrue(text.contains("PASS        audio-loop        SPEAKER: 1000 Hz tone heard"), text);
        assertTrue(text.lines().anyMatch(l -> l.startsWith("FAIL") && l.contains(" mqtt ")
                && l.contains("no connection to tcp://127.0.0.1:1883")), text);
        assertTrue(text.contains("PASS        state-dir"), text);
        assertTrue(text.contains("PASS        led status        switched on and off"), text);
        assertTrue(text.contains("PASS        audio             routes available: [SPEAKER]"), text);
    }
}
