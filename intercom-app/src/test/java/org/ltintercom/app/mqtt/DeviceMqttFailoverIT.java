package org.ltintercom.app.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.sdk.internal.mqtt.peers.Mosquitto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the broker and the fleet see when a device dies or the broker restarts. */
class DeviceMqttFailoverIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String STATUS = "lt/v1/" + TestDevice.DEVICE + "/status";

    @TempDir
    Path dir;

    @Test
    void killedDeviceProcessLeavesTheRetainedStatusOfflineThroughItsLastWill() throws Exception {
        try (Mosquitto broker = Mosquitto.anonymous();
             ServiceClient observer = ServiceClient.connect(broker.uri()).subscribe(STATUS)) {
            Path config = dir.resolve("etc/intercom.yaml");
            TestDevice.write(config.getParent(), TestDevice.yaml(broker.uri(), "", false));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    DeviceChild.class.getName(), config.toString(), dir.resolve("state").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                JsonNode online = observer.await(r -> r.topic().equals(STATUS)
                        && "online".equals(r.json().path("state").asText()), Duration.ofSeconds(60)).json();
                assertTrue(online.get("ts").asLong() > 0);

                child.destroyForcibly(); // SIGKILL: no goodbye, the broker sends the last will
                assertTrue(child.waitFor(20, TimeUnit.SECONDS));
                JsonNode will = observer.await(r -> r.topic().equals(STATUS)
                        && "offline".equals(r.json().path("state").asText()), WAIT).json();
                assertEquals("connection-lost", will.get("reason").asText(), Files.readString(dir.resolve("child.log")));
            } finally {
                child.destroyForcibly();
                child.waitFor(20, TimeUnit.SECONDS);
            }
            try (ServiceClient late = ServiceClient.connect(broker.uri()).subscribe(STATUS)) {
                ServiceClient.Received retained = late.await(r -> true, WAIT);
                assertTrue(retained.retained());
                assertEquals("offline", retained.json().get("state").asText(), "a later subscriber reads offline");
                assertEquals("connection-lost", retained.json().get("reason").asText());
            }
        }
    }

    @Test
    void brokerRestartIsFollowedByReconnectResubscribeAndOnlineAgain() throws Exception {
        try (Mosquitto broker = Mosquitto.anonymous()) {
            LocalConfig local = TestDevice.write(dir.resolve("etc"), TestDevice.yaml(broker.uri(), "", false));
            IntercomConfig config = local.bind();
            RecordingControl control = new RecordingControl(local, dir.resolve("state"));
            // the production settings (backoff 1 s .. 2 min with full jitter): the reconnect time printed is the real one
            try (DeviceMqtt device = new DeviceMqtt(config, control)) {
                device.start();
                assertTrue(device.awaitConnected(WAIT));
                assertTrue(control.nextConnectivity(WAIT));

                broker.stop();
                assertFalse(control.nextConnectivity(WAIT), "the app hears that MQTT is gone");
                long restartedAt = System.nanoTime();
                broker.start();
                assertTrue(device.awaitConnected(Duration.ofSeconds(150)), "reconnected: " + device.sessionState());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
                System.out.println("DeviceMqtt reconnect after a mosquitto restart: " + millis + " ms after the broker "
                        + "was back (" + device.stats().connects() + " connects)");
                assertTrue(control.nextConnectivity(WAIT), "the app hears that MQTT is back");

                try (ServiceClient service = ServiceClient.connect(broker.uri())) {
                    service.subscribe(STATUS).subscribe("lt/v1/door-1/cmd/result");
                    ServiceClient.Received status = service.await(r -> r.topic().equals(STATUS), WAIT);
                    assertTrue(status.retained());
                    assertEquals("online", status.json().get("state").asText(),
                            "the restarted broker (no persistence) has the status again");

                    service.publish("lt/v1/door-1/cmd", "{\"id\": \"after-restart\", \"cmd\": \"open-door\"}", false);
                    JsonNode result = service.awaitJson("lt/v1/door-1/cmd/result");
                    assertEquals("after-restart", result.get("id").asText(), "cmd re-subscribed");
                    service.publish("lt/v1/" + TestDevice.USER + "/wakeup",
                            Wakeups.incomingCall("w-after", TestDevice.USER, 30_000), false);
                    assertEquals("open-door", control.nextAction());
                    assertEquals("rang w-after", control.nextAction(), "wakeup re-subscribed");
                }
            }
        }
    }
}
