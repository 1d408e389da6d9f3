package org.ltintercom.app.calls;

import org.ltintercom.app.IntercomApp;
import org.ltintercom.app.config.ConfigLoader;
import org.ltintercom.app.control.DeviceReporter;
import org.ltintercom.app.control.DeviceStatus;
import org.ltintercom.app.state.StateStore;
import org.ltintercom.app.systemd.SdNotify;
import org.ltintercom.app.testing.Configs;
import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.testing.TestUsers;
import org.ltintercom.callserver.testing.peers.Kamailio;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * What the app's ITs run against, all on 127.0.0.1: Kamailio with the generated users' SIP
 * accounts, the real call-server handing that Kamailio out at sign-in, and the door station
 * (user 0) as an in-process {@link IntercomApp} on the simulated HAL. User {@link #WRONG_PASSWORD_USER}
 * has another SIP password in Kamailio than the call-server hands out: its registration is refused.
 */
final class StationRig implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final int WRONG_PASSWORD_USER = 3;

    final Path dir;
    final TestUsers users;
    final Kamailio kamailio;
    final CallServer server;

    StationRig(Path dir) throws Exception {
        this.dir = dir;
        this.users = TestUsers.write(dir.resolve("users"), 4);
        Map<String, String> accounts = new LinkedHashMap<>();
        users.users().forEach(u -> accounts.put(u.userID(), u.sipPassword()));
        accounts.put(users.get(WRONG_PASSWORD_USER).userID(), "not-" + users.get(WRONG_PASSWORD_USER).sipPassword());
        Kamailio k = Kamailio.start(accounts, 60, true);
        try {
            this.server = CallServer.start(CallServerConfig.builder().dataDir(dir.resolve("server-data"))
                    .usersFile(users.file()).adminToken("it-admin-token").httpThreads(4)
                    .sipDomain("127.0.0.1").sipProxy("sip:127.0.0.1:" + k.port()).build());
        } catch (Exception e) {
            k.close();
            throw e;
        }
        this.kamailio = k;
    }

    /** The door station's intercom.yaml: user 0, ringing user 1, door code 4711 (2 wrong attempts lock). */
    Path doorConfig(String extra) throws Exception {
        Path configDir = Files.createDirectories(dir.resolve("door"));
        TestUsers.User door = users.get(0);
        String yaml = """
                deviceId: door-1
                secretsFile: secrets.yaml
                sdk:
                  serviceUrl: %s
                  userId: %s
                  uuid: %s
                sip:
                  registrationTimeout: 10s
                mqtt:
                  brokerUri: tcp://127.0.0.1:1883
                hal:
                  platform: simulated
                  buttons:
                    call: {pin: 17}
                  leds:
                    - {name: status, pin: 18}
                  relay: {pin: 23, pulse: 1s}
                  audio:
                    routes:
                      - {route: speaker, capture: mic, playback: spk}
                ringPlan:
                  groups:
                    - targets: [%s]
                doorCode:
                  maxAttempts: 2
                %s""".formatted(server.baseUri(), door.userID(), door.uuid(), users.get(1).userID(), extra);
        return Configs.write(configDir, yaml, """
                sdk: {licenseKey: demo-license}
                doorCode: {code: "4711"}
                """, "rw-------");
    }

    /** The station, started with a recording reporter. */
    Station start(Path config) {
        Station s = new Station(new IntercomApp(ConfigLoader.readLocal(config), new StateStore(dir.resolve("door-state")),
                SdNotify.fromEnvironment(Map.of()), Map.of()));
        s.app.setReporter(s.reporter);
        s.app.start();
        return s;
    }

    @Override
    public void close() {
        server.close();
        kamailio.close();
    }

    /** Waits for {@code condition}, polling every 20 ms until the deadline. */
    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT.toSeconds() + " s: " + what);
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    static void until(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not within " + WAIT.toSeconds() + " s: " + what.get());
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    /** A started app with what it reported. */
    static final class Station implements AutoCloseable {
        final IntercomApp app;
        final Recorder reporter = new Recorder();

        Station(IntercomApp app) {
            this.app = app;
        }

        void awaitRegistered() {
            until(() -> "registered; status " + reporter.last(), () -> reporter.last() != null
                    && reporter.last().registration().equals("registered"));
        }

        @Override
        public void close() {
            app.close();
        }
    }

    /** A DeviceReporter that records (as the MQTT session would publish). */
    static final class Recorder implements DeviceReporter {
        final List<DeviceStatus> statuses = new CopyOnWriteArrayList<>();
        final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();

        @Override
        public void statusChanged(DeviceStatus status) {
            statuses.add(status);
        }

        @Override
        public boolean event(Map<String, Object> event) {
            events.add(Map.copyOf(event));
            return true;
        }

        DeviceStatus last() {
            return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1);
        }

        List<Map<String, Object>> events(String type) {
            return events.stream().filter(e -> type.equals(e.get("type"))).toList();
        }
    }
}
