package org.ltintercom.app.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The demo's two devices (users of call-server's bundled demo users) and their config files. */
final class DemoDevices {

    /** A demo device: its ids, its secrets and where its files go. */
    record Device(String id, String uuid, String ringTarget, String doorCode, Path dir) {
        Path config() {
            return dir.resolve("intercom.yaml");
        }

        Path state() {
            return dir.resolve("state");
        }

        Path speech() {
            return dir.resolve("microphone.wav");
        }

        Path recording() {
            return dir.resolve("speaker.wav");
        }
    }

    static final String DOOR_CODE = "1234";
    static final String LICENSE = "demo-license";

    private DemoDevices() {
    }

    static Device door(Path work) {
        return new Device("door-1", "3d6f0a52-demo-door-1", "indoor-1", DOOR_CODE, work.resolve("door-1"));
    }

    static Device indoor(Path work) {
        return new Device("indoor-1", "9b2e71c4-demo-indoor-1", "door-1", null, work.resolve("indoor-1"));
    }

    /** Writes the device's intercom.yaml and its 0600 secrets.yaml. */
    static void writeConfig(Device d, String serviceUrl, String brokerUri) throws IOException {
        Files.createDirectories(d.state());
        String config = """
                # demo device %s on the simulated HAL (written by intercom-app demo)
                deviceId: %s
                secretsFile: secrets.yaml
                sdk:
                  serviceUrl: %s
                  userId: %s
                  uuid: %s
                sip:
                  transport: udp
                mqtt:
                  brokerUri: %s
                hal:
                  platform: simulated
                  buttons:
                    call: {pin: 17}
                  leds:
                    - {name: status, pin: 18}
                  relay: {pin: 23, pulse: 2s}
                  audio:
                    routes:
                      - {route: speaker, capture: mic, playback: spk}
                ringPlan:
                  groups:
                    - targets: [%s]
                      timeout: 30s
                """.formatted(d.id(), d.id(), serviceUrl, d.id(), d.uuid(), brokerUri, d.ringTarget())
                + (d.doorCode() == null ? "" : "doorCode:\n  maxAttempts: 3\n  lockout: 30s\n");
        Files.writeString(d.config(), config);
        String secrets = "sdk: {licenseKey: " + LICENSE + "}\n"
                + (d.doorCode() == null ? "" : "doorCode: {code: \"" + d.doorCode() + "\"}\n");
        Path secretsFile = d.dir().resolve("secrets.yaml");
        Files.writeString(secretsFile, secrets);
        Files.setPosixFilePermissions(secretsFile, PosixFilePermissions.fromString("rw-------"));
    }
}
