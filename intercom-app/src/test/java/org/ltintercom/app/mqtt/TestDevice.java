package org.ltintercom.app.mqtt;

import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.config.LocalConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Local configurations of a test intercom on the simulated HAL, pointed at a test broker. */
final class TestDevice {

    static final String DEVICE = "door-1";
    static final String USER = "door-user-1";
    /** A short backoff so that the tests do not wait for the production 1 s .. 2 min. */
    static final Duration BACKOFF_MIN = Duration.ofMillis(100);
    static final Duration BACKOFF_MAX = Duration.ofSeconds(1);

    private TestDevice() {
    }

    /** intercom.yaml text; {@code mqttExtra} are more lines of the mqtt section (indented by 2). */
    static String yaml(String brokerUri, String mqttExtra, boolean discovery) {
        return """
                deviceId: %s
                sdk:
                  serviceUrl: http://127.0.0.1:8080
                  licenseKey: lic-1
                  userId: %s
                  uuid: 00000000-0000-4000-8000-000000000001
                sip:
                  transport: udp
                mqtt:
                  brokerUri: %s
                %s
                hal:
                  platform: simulated
                  buttons:
                    call: {pin: 17}
                  leds:
                    - {name: status, pin: 18}
                  relay: {pin: 23, pulse: 3s}
                  audio:
                    routes:
                      - {route: speaker, capture: mic, playback: spk}
                ringPlan:
                  groups:
                    - targets: [flat-1]
                homeAssistantDiscovery: %s
                """.formatted(DEVICE, USER, brokerUri, mqttExtra.isEmpty() ? "" : mqttExtra.indent(2).stripTrailing(),
                discovery);
    }

    /** Writes {@code yaml} as {@code dir/intercom.yaml} and reads it back as the local config. */
    static LocalConfig write(Path dir, String yaml) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("intercom.yaml");
            Files.writeString(file, yaml);
            return ConfigLoader.readLocal(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
