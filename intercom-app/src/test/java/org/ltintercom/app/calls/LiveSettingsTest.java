package org.ltintercom.app.calls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.IntercomApp;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.provisioning.ConfigResult;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.systemd.SdNotify;
import org.ltintercom.app.testing.Await;
import org.ltintercom.app.testing.Configs;
import org.ltintercom.hal.Hardware;
import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.gpio.LedTransition;
import org.ltintercom.hal.gpio.StatusLed;
import org.ltintercom.sdk.call.LTAudioRoute;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Remote provisioning of volumes and LED brightness on a running station (simulated HAL, a call
 * service nobody answers, so the status LED keeps blinking "registering"): they take effect on
 * the hardware at once, with no restart of the HAL or the SDK.
 */
class LiveSettingsTest {

    @TempDir
    Path dir;
    private IntercomApp app;

    private IntercomApp start(boolean dimmableLed) throws Exception {
        String yaml = Configs.SIMULATED.replace("http://127.0.0.1:8080", "http://127.0.0.1:" + DeviceControlTest.closedPort());
        if (dimmableLed) {
            yaml = yaml.replace("{name: status, pin: 18}", "{name: status, pin: 18, dimmable: true}");
        }
        yaml = yaml.replace("{route: speaker, capture: mic, playback: spk}", "{route: speaker, capture: mic, playback: spk, volume: 3.0}");
        app = new IntercomApp(ConfigLoader.readLocal(Configs.write(dir, yaml)), new StateStore(dir.resolve("state")),
                SdNotify.fromEnvironment(Map.of()), Map.of());
        app.start();
        StatusLed led = app.hardware().statusLed();
        Await.condition(() -> led.pattern() != LedPattern.OFF, 10_000, () -> "the status LED shows no pattern");
        return app;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    private String provision(long version, String settings) throws Exception {
        ConfigResult result = app.onConfigMessage("{\"version\": " + version + ", \"settings\": " + settings + "}")
                .get(10, TimeUnit.SECONDS);
        return result.toJson();
    }

    private static List<String> ledWarnings(IntercomApp app) {
        return app.status().warnings().stream().filter(w -> w.startsWith("ledBrightness")).toList();
    }

    @Test
    void provisionedBrightnessDimsEveryLaterStepOfThePatternShowingWithoutRestart() throws Exception {
        start(true);
        Hardware before = app.hardware();
        StatusLed led = before.statusLed();
        List<LedTransition> seen = new CopyOnWriteArrayList<>();

        String result = provision(1, "{\"ledBrightness\": 0.2}");
        assertTrue(result.contains("\"applied\""), result);
        assertEquals(0.2, led.brightness());
        led.addListener(seen::add);                       // every step from now on
        // a blink pattern keeps running: wait for two "on" steps after the change
        Await.condition(() -> seen.stream().filter(LedTransition::on).count() >= 2, 10_000,
                () -> "no lit steps after the change: " + seen);
        assertTrue(seen.stream().allMatch(t -> t.brightness() == 0.0 || t.brightness() == 0.2),
                "every step at the provisioned level: " + seen);
        assertEquals(List.of(), ledWarnings(app), "a PWM LED honours it");
        assertSame(before, app.hardware(), "no restart of the HAL");
    }

    @Test
    void ledWithoutPwmStaysFullyLitWithAWarningAndZeroIsDarkModeEverywhere() throws Exception {
        start(false);
        StatusLed led = app.hardware().statusLed();

        provision(1, "{\"ledBrightness\": 0.5}");
        assertEquals(List.of("ledBrightness: 0.5 cannot dim LED status (no hardware PWM on its pin): "
                + "it lights at full brightness; 0 turns it off"), ledWarnings(app));

        List<LedTransition> seen = new CopyOnWriteArrayList<>();
        provision(2, "{\"ledBrightness\": 0.0}");
        led.addListener(seen::add);                       // from here on, blink steps must not light it
        assertEquals(List.of(), ledWarnings(app), "dark mode works on any LED: the warning goes");
        assertFalse(app.hardware().statusLed().pattern() == LedPattern.OFF, "the pattern itself goes on");

        provision(3, "{\"ledBrightness\": 1.0}");
        Await.condition(() -> seen.stream().anyMatch(LedTransition::on), 10_000, () -> "never lit again: " + seen);
        int firstLit = seen.indexOf(seen.stream().filter(LedTransition::on).findFirst().orElseThrow());
        assertFalse(seen.subList(0, firstLit).stream().anyMatch(LedTransition::on), "dark until morning: " + seen);
        assertEquals(1.0, seen.get(firstLit).brightness(), "full brightness: the pin has no PWM");
        assertEquals(List.of(), ledWarnings(app));
    }

    @Test
    void provisionedMicrophoneAndSpeakerGainReachEveryRouteAtOnce() throws Exception {
        start(false);
        SimulatedAudioBackend audio = (SimulatedAudioBackend) app.hardware().audio();
        assertEquals(1.0, audio.captureGain(LTAudioRoute.SPEAKER));

        String result = provision(1, "{\"volumes\": {\"speaker\": 0.5, \"microphone\": 2.5}}");
        assertTrue(result.contains("\"applied\""), result);
        for (LTAudioRoute route : LTAudioRoute.values()) {
            assertEquals(2.5, audio.captureGain(route), route + ", plugged in or not");
        }
        assertTrue(app.status().warnings().stream().noneMatch(w -> w.startsWith("volumes")), app.status().warnings().toString());
        audio.clearPlayed();
        try (var speaker = audio.openPlayback(LTAudioRoute.SPEAKER)) {
            short[] frame = new short[org.ltintercom.sdk.spi.AudioFrames.FRAME_SAMPLES];
            java.util.Arrays.fill(frame, (short) 1000);
            speaker.writeFrame(frame);
        }
        assertEquals(1500, audio.playedFrames(LTAudioRoute.SPEAKER).get(0)[0],
                "the route's trim 3.0 (audio.routes[].volume) times volumes.speaker 0.5");

        String rejected = provision(2, "{\"volumes\": {\"microphone\": 4.5}}");
        assertTrue(rejected.contains("settings.volumes.microphone: must be between 0"), rejected);
        assertEquals(2.5, audio.captureGain(LTAudioRoute.SPEAKER), "the previous gain stays");
    }
}
