package org.ltintercom.hil.scenarios;

import org.ltintercom.app.IntercomApp;
import org.ltintercom.app.mqtt.DeviceMqtt;
import org.ltintercom.callserver.CallServer;
import org.ltintercom.callserver.CallServerConfig;
import org.ltintercom.callserver.mqtt.MqttWakeupPublisher;
import org.ltintercom.callserver.mqtt.WakeupPublisher;
import org.ltintercom.callserver.testing.peers.Baresip;
import org.ltintercom.callserver.testing.peers.Sipp;
import org.ltintercom.hil.Rig;
import org.ltintercom.sdk.internal.mqtt.peers.Mosquitto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything around the door station in a call scenario, all on 127.0.0.1: a real mosquitto, the
 * real call-server (REST, its own SIP registrar/proxy, wakeups published to mosquitto and
 * timestamped here), and far ends: baresip phones and SIPp devices that answer busy or decline.
 * The door station is the rig's app with its MQTT face ({@link DeviceMqtt}), as {@code run} starts it.
 *
 * <p>Users: {@code door-1} (the station), {@code flat-1} and {@code flat-4} (baresip phones),
 * {@code flat-2} (busy), {@code flat-3} (declines). One SIP password for all: the one the
 * call-server test-jar's {@code csRegister} SIPp scenario authenticates with.
 */
final class CallWorld implements AutoCloseable {

    static final String SIP_PASSWORD = "lt-test-sip-secret";
    static final String DOOR = DeviceConfigs.DEVICE_ID;
    static final String DOOR_UUID = "uuid-door-1-hil";
    static final String LICENSE = CallServerConfig.DEMO_LICENSE_KEY;
    static final String DOOR_CODE = "4711";

    final Mosquitto broker;
    final CallServer server;
    final TimedWakeups wakeups;
    private final Path dir;
    private final List<AutoCloseable> peers = new ArrayList<>();
    private DeviceMqtt deviceMqtt;

    CallWorld(Path dir) throws Exception {
        this.dir = dir;
        Path users = dir.resolve("users.yaml");
        StringBuilder yaml = new StringBuilder("users:\n");
        for (String user : List.of(DOOR, "flat-1", "flat-2", "flat-3", "flat-4")) {
            yaml.append("  - userID: ").append(user).append('\n')
                    .append("    uuid: ").append(user.equals(DOOR) ? DOOR_UUID : "uuid-" + user).append('\n')
                    .append("    deviceID: dev-").append(user).append('\n')
                    .append("    brandID: lt-hil\n    corpID: lt-hil-corp\n")
                    .append("    sipPassword: ").append(SIP_PASSWORD).append('\n');
        }
        Files.createDirectories(dir);
        Files.writeString(users, yaml);
        broker = Mosquitto.anonymousKeepingSessions(); // the watch keeps its session over restarts
        try {
            wakeups = new TimedWakeups(new MqttWakeupPublisher(MqttWakeupPublisher.Config.of(broker.uri(), "lt-call-server")));
            server = CallServer.start(CallServerConfig.builder().dataDir(dir.resolve("server")).usersFile(users)
                    .adminToken("hil-admin-token").httpThreads(4).sipPort(0).build(), wakeups);
        } catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    /** The door station's intercom.yaml, ringing {@code target}. */
    String doorConfig(String target) {
        return DeviceConfigs.doorStation(DOOR, DOOR_UUID, server.baseUri().toString(), broker.uri(), target);
    }

    /** Starts the station on {@code rig} with its MQTT face, and waits until it is registered and online. */
    IntercomApp startDoor(Rig rig, String target, BrokerWatch watch) throws InterruptedException {
        IntercomApp app = rig.startApp(doorConfig(target), DeviceConfigs.secrets(LICENSE, DOOR_CODE));
        attachMqtt(app);
        if (!deviceMqtt.awaitConnected(rig.patience())) {
            throw new AssertionError("the station's MQTT session did not connect to " + broker.uri());
        }
        watch.awaitStatus("registered", s -> "registered".equals(s.path("registration").asText()), rig.patience());
        return app;
    }

    /** Starts the station's MQTT face for {@code app} (as {@code run} does), without waiting for the broker. */
    void attachMqtt(IntercomApp app) {
        deviceMqtt = new DeviceMqtt(app.config(), app);
        app.setReporter(deviceMqtt);
        deviceMqtt.start();
    }

    /** A baresip phone registered as {@code user} through the call-server. */
    Baresip phone(String user, boolean autoAnswer) throws Exception {
        Baresip phone = Baresip.start(user, SIP_PASSWORD, server.sipPort(), autoAnswer,
                Baresip.Options.defaults().recordingTo(Files.createDirectories(recordingsOf(user))));
        peers.add(phone);
        phone.awaitRegistered(Duration.ofSeconds(20));
        return phone;
    }

    /** Where {@code user}'s phone writes what it sends and hears (baresip sndfile: dump-<time>-dec.wav). */
    Path recordingsOf(String user) {
        return dir.resolve("recordings-" + user);
    }

    /** A SIPp device registered as {@code user} that plays call-server's {@code scenario} (e.g. csDeviceBusy). */
    Sipp device(String user, String scenario) throws Exception {
        Sipp device = Sipp.uas(scenario, user, "udp");
        peers.add(device);
        try (Sipp reg = Sipp.uac("csRegister", user, server.sipPort(), Map.of("user", user,
                "contact_port", Integer.toString(device.port()), "instance", "00000000-0000-4000-8000-" + String.format("%012d", user.hashCode() & 0x7fffffff)))) {
            reg.awaitSuccess(Duration.ofSeconds(20));
        }
        return device;
    }

    /** Stops the station's MQTT face (before the rig stops the app). */
    void stopDoorMqtt() {
        if (deviceMqtt != null) {
            deviceMqtt.close();
            deviceMqtt = null;
        }
    }

    @Override
    public void close() {
        stopDoorMqtt();
        for (AutoCloseable peer : peers) {
            try {
                peer.close();
            } catch (Exception ignored) {
                // every peer is closed; one failing does not keep the rest running
            }
        }
        server.close();
        wakeups.close();
        broker.close();
    }

    /** The call-server's wakeup publisher, with the time each wakeup was handed to the broker. */
    static final class TimedWakeups implements WakeupPublisher {
        private final WakeupPublisher delegate;
        private final List<Long> sentAtNanos = new CopyOnWriteArrayList<>();

        TimedWakeups(WakeupPublisher delegate) {
            this.delegate = delegate;
        }

        @Override
        public CompletableFuture<Void> publishWakeup(String wakeupTopic, String payloadJson) {
            sentAtNanos.add(System.nanoTime());
            return delegate.publishWakeup(wakeupTopic, payloadJson);
        }

        List<Long> sentAtNanos() {
            return List.copyOf(sentAtNanos);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
