package org.ltintercom.app.calls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.IntercomApp;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.control.CommandResult;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.systemd.SdNotify;
import org.ltintercom.app.testing.Configs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The commands the MQTT session forwards, with bad input and in states where they make no sense:
 * each fails with the field or the state at fault, and the station keeps running. The station
 * runs on the simulated HAL with a service nobody answers (it keeps retrying the sign-in).
 */
class DeviceControlTest {

    @TempDir
    Path dir;
    IntercomApp app;
    Path config;

    @BeforeEach
    void start() throws Exception {
        config = Configs.write(dir, Configs.SIMULATED.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + closedPort()));
        app = new IntercomApp(ConfigLoader.readLocal(config), new StateStore(dir.resolve("state")),
                SdNotify.fromEnvironment(Map.of()), Map.of());
        app.start();
    }

    @AfterEach
    void stop() {
        app.close();
    }

    static int closedPort() throws Exception {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static CommandResult get(CompletableFuture<CommandResult> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    private static void failsWith(String expected, CompletableFuture<CommandResult> f) throws Exception {
        CommandResult r = get(f);
        assertFalse(r.ok(), "should fail: " + r);
        assertEquals(expected, r.error());
    }

    @Test
    void anUnknownGestureIsRefusedNamingTheField() throws Exception {
        failsWith("gesture: must be short or long, was 'double'", app.pressButton("double"));
        failsWith("gesture: must be short or long, was absent", app.pressButton(null));
    }

    @Test
    void dtmfKeysAreCheckedBeforeTheCallIs() throws Exception {
        failsWith("keys: required (1-32 of 0-9 * # A-D)", app.sendDtmf(""));
        failsWith("keys: 'x' is not a DTMF key (0-9 * # A-D)", app.sendDtmf("12x"));
        failsWith("keys: at most 32 keys, was 33", app.sendDtmf("1".repeat(33)));
        failsWith("call: no connected call to send DTMF into", app.sendDtmf("12#"));
    }

    @Test
    void hangupAnswerAndCallFailWhenThereIsNothingToDo() throws Exception {
        failsWith("call: there is no call to hang up", app.hangup());
        failsWith("call: no incoming call is ringing", app.answer());
        failsWith("target: a userID of 1-128 characters, or absent for the ring plan", app.call(" "));
        failsWith("sip: not registered; cannot call now", app.call("flat-1"));
        assertEquals("idle", app.status().callState());
        assertEquals("SPEAKER", app.status().audioRoute());
    }

    @Test
    void openDoorPulsesTheRelayAndQueuesTheEventWithoutAReporter() throws Exception {
        int queued = app.pendingEvents().size();
        assertTrue(get(app.openDoor()).ok());
        assertTrue(app.hardware().relay().orElseThrow().isEnergised());
        assertEquals(queued + 1, app.pendingEvents().size());
    }

    @Test
    void reloadNeedsTheFileAndKeepsTheConfigWhenItIsInvalid() throws Exception {
        failsWith("reload: the app was started without a configuration file", app.reload());
        app.setConfigFile(config);
        Files.writeString(config, Files.readString(config).replace("timeout: 20s", "timeout: 2s"));
        CommandResult r = get(app.reload());
        assertFalse(r.ok());
        assertTrue(r.error().contains("ringPlan.groups[1].timeout: must be between 5s and 300s, was 2s"), r.error());
        assertEquals(Duration.ofSeconds(20), app.config().ringPlan().groups().get(1).timeout());
    }

    @Test
    void reloadAppliesALiveChangeWithoutRestartingTheSdk() throws Exception {
        app.setConfigFile(config);
        Files.writeString(config, Files.readString(config).replace("timeout: 20s", "timeout: 40s"));
        assertTrue(get(app.reload()).ok());
        assertEquals(Duration.ofSeconds(40), app.config().ringPlan().groups().get(1).timeout());
    }

    @Test
    void pressIsOnlyForSimulatedStations() throws Exception {
        Path piDir = Files.createDirectories(dir.resolve("pi"));
        Path pi = Configs.write(piDir, Configs.SIMULATED.replace("platform: simulated", "platform: raspberry_pi"));
        IntercomApp onPi = new IntercomApp(ConfigLoader.readLocal(pi), new StateStore(piDir.resolve("state")),
                SdNotify.fromEnvironment(Map.of()), Map.of());
        failsWith("press: only on the simulated or pi4j_mock HAL platform; this station runs on raspberry_pi",
                onPi.pressButton("short"));
        assertTrue(get(app.pressButton("short")).ok(), "the simulated station takes it");
    }

    @Test
    void aWakeupBeforeSignInOrMalformedRingsNothing() {
        assertFalse(app.onWakeup("{not json"));
        assertFalse(app.onWakeup("{}"));
        assertEquals("idle", app.status().callState());
    }

    @Test
    void signInRetriesBackOffWithJitterUpToAMinute() {
        assertEquals(Duration.ofMillis(500), SdkSession.retryDelay(1, 0));
        assertEquals(Duration.ofMillis(1000), SdkSession.retryDelay(1, 1));
        assertEquals(Duration.ofMillis(4000), SdkSession.retryDelay(3, 1));
        assertEquals(Duration.ofSeconds(60), SdkSession.retryDelay(50, 1));
        assertEquals(Duration.ofSeconds(30), SdkSession.retryDelay(50, 0));
    }
}
