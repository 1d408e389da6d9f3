package org.ltintercom.app.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A small valid configuration on the simulated HAL, and helpers to write config files. */
public final class Configs {

    /** Line numbers matter in tests: ringPlan.groups[1].timeout is on line 26. */
    public static final String SIMULATED = """
            deviceId: door-1
            secretsFile: secrets.yaml
            sdk:
              serviceUrl: http://127.0.0.1:8080
              userId: door-1
              uuid: 00000000-0000-4000-8000-000000000001
            sip:
              transport: udp
            mqtt:
              brokerUri: tcp://127.0.0.1:1883
              username: door-1
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
                - targets: [flat-2, flat-3]
                  timeout: 20s
            """;

    public static final String SECRETS = """
            sdk: {licenseKey: lic-SECRET-1}
            mqtt: {password: mqtt-SECRET-3}
            doorCode: {code: "4711"}
            """;

    private Configs() {
    }

    /** Writes intercom.yaml (and a 0600 secrets.yaml) into {@code dir}; returns the config path. */
    public static Path write(Path dir, String config) {
        return write(dir, config, SECRETS, "rw-------");
    }

    public static Path write(Path dir, String config, String secrets, String secretsMode) {
        try {
            Path file = dir.resolve("intercom.yaml");
            Files.writeString(file, config);
            Path secretsFile = dir.resolve("secrets.yaml");
            Files.writeString(secretsFile, secrets);
            Files.setPosixFilePermissions(secretsFile, PosixFilePermissions.fromString(secretsMode));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
