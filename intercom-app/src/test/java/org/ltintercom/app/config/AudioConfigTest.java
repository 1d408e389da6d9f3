package org.ltintercom.app.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.testing.Configs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code audio} section of intercom.yaml: microphone processing of calls. */
class AudioConfigTest {
    /** The audio section starts on line 34, after the simulated config's 33 lines. */
    private static final String WITH_AUDIO = Configs.SIMULATED + """
            audio:
              echoCancellation: true
              echoDelay: 80ms
              echoTail: auto
              residualEchoSuppression: false
              noiseSuppression: true
              agc: true
            """;

    @TempDir
    Path dir;

    private IntercomConfig load(String yaml) {
        return ConfigLoader.load(Configs.write(dir, yaml));
    }

    @Test
    void withoutTheSectionADoorStationCancelsEchoWithTheCalibratedDelay() {
        assertEquals(Settings.Audio.defaults(), load(Configs.SIMULATED).audio());
        assertEquals(new Settings.Audio(true, null, null, true, true, false), Settings.Audio.defaults());
    }

    @Test
    void everyFieldIsRead() {
        assertEquals(new Settings.Audio(true, Duration.ofMillis(80), null, false, true, true), load(WITH_AUDIO).audio());
        Settings.Audio off = load(WITH_AUDIO.replace("echoCancellation: true", "echoCancellation: false")
                .replace("echoDelay: 80ms", "echoDelay: auto").replace("echoTail: auto", "echoTail: 250ms")).audio();
        assertEquals(new Settings.Audio(false, null, Duration.ofMillis(250), false, true, true), off);
    }

    @Test
    void mistakesNameTheLineAndTheField() {
        int line = (int) Configs.SIMULATED.lines().count() + 1;
        String yaml = WITH_AUDIO.replace("echoDelay: 80ms", "echoDelay: 600ms").replace("echoTail: auto", "echoTail: 20ms")
                .replace("agc: true", "agc: yes please").replace("noiseSuppression: true", "noiseSupression: true");
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        List<String> errors = e.errors().stream().map(ConfigError::toString).toList();
        assertTrue(errors.contains("intercom.yaml:" + (line + 2) + ": audio.echoDelay: must be between 0s and 500ms, was 600ms"), errors.toString());
        assertTrue(errors.contains("intercom.yaml:" + (line + 3) + ": audio.echoTail: must be between 50ms and 500ms, was 20ms"), errors.toString());
        assertTrue(errors.stream().anyMatch(s -> s.startsWith("intercom.yaml:" + (line + 6) + ": audio.agc: must be true or false")), errors.toString());
        assertTrue(errors.stream().anyMatch(s -> s.startsWith("intercom.yaml:" + (line + 5) + ": audio.noiseSupression: unknown field")), errors.toString());
        assertEquals(4, errors.size(), errors.toString());
    }

    @Test
    void aProvisionedAudioSectionReplacesTheLocalOneAndIsCheckedAlike() {
        LocalConfig local = ConfigLoader.readLocal(Configs.write(dir, WITH_AUDIO));
        ConfigNode settings = ConfigNode.parseJson("{\"settings\": {\"audio\": {\"echoTail\": \"300ms\"}}}", "config")
                .get("settings");
        assertEquals(new Settings.Audio(true, null, Duration.ofMillis(300), true, true, false),
                local.bindWith(settings, "config").audio(), "the whole section is replaced");
        ConfigNode bad = ConfigNode.parseJson("{\"settings\": {\"audio\": {\"echoTail\": \"5s\"}}}", "config").get("settings");
        ConfigException e = assertThrows(ConfigException.class, () -> local.bindWith(bad, "config"));
        assertEquals("settings.audio.echoTail", e.errors().get(0).field());
    }
}
