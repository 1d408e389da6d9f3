package org.ltintercom.app.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.app.testing.Await;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent;
import org.ltintercom.sdk.internal.mqtt.peers.Mosquitto;
import org.ltintercom.sdk.test.LogCapture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device on a mosquitto with a password file and an ACL, as a production broker is set up. */
class DeviceMqttAclIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String T = "lt/v1/door-1/";
    /** docs/protocol.md, "Broker notes": each device gets its own subtree, its user's wakeup and its discovery documents. */
    private static final String ACL = """
            user door-1
            topic readwrite lt/v1/door-1/#
            topic read lt/v1/door-user-1/wakeup
            topic write homeassistant/+/door-1/#

            user door-2
            topic readwrite lt/v1/door-2/#

            user service
            topic readwrite lt/#
            topic read homeassistant/#
            """;
    private static final Map<String, String> USERS = Map.of("door-1", "pw-door-1", "door-2", "pw-door-2",
            "service", "pw-service");

    @TempDir
    Path dir;

    private DeviceMqtt device(Mosquitto broker, String password, RecordingControl[] control) {
        LocalConfig local = TestDevice.write(dir.resolve("etc"), TestDevice.yaml(broker.uri(),
                "username: door-1\npassword: " + password, true));
        IntercomConfig config = local.bind();
        control[0] = new RecordingControl(local, dir.resolve("state"));
        return new DeviceMqtt(config, SessionSettings.of(config).withBackoff(TestDevice.BACKOFF_MIN,
                TestDevice.BACKOFF_MAX), control[0]);
    }

    @Test
    void deviceWorksInsideItsOwnTopicsAndOtherDevicesCannotCommandIt() throws Exception {
        RecordingControl[] control = new RecordingControl[1];
        try (Mosquitto broker = Mosquitto.withPasswords(USERS, ACL);
             ServiceClient service = ServiceClient.connect(broker.uri(), "service", "pw-service");
             ServiceClient otherDevice = ServiceClient.connect(broker.uri(), "door-2", "pw-door-2");
             DeviceMqtt device = device(broker, "pw-door-1", control)) {
            service.subscribe(T + "#").subscribe("homeassistant/#");
            device.start();
            assertTrue(device.awaitConnected(WAIT), "connected with its password: " + device.sessionState());

            assertEquals("online", service.await(r -> r.topic().equals(T + "status"), WAIT).json().get("state").asText());
            assertTrue(service.await(r -> r.topic().startsWith("homeassistant/button/door-1/"), WAIT)
                    .json().has("command_topic"), "discovery documents pass the ACL");

            service.publish("lt/v1/door-1/config", "{\"version\": 3, \"settings\": {\"call\": {\"autoAnswer\": true}}}", true);
            assertEquals("applied", service.await(r -> r.topic().equals(T + "config/result"), WAIT).json()
                    .get("status").asText());
            service.publish("lt/v1/door-user-1/wakeup", Wakeups.incomingCall("w-acl", TestDevice.USER, 30_000), false);
            assertEquals("rang w-acl", control[0].nextAction());

            // another device's credentials cannot reach door-1's command topic: the broker drops it
            otherDevice.publish(T + "cmd", "{\"id\": \"intruder\", \"cmd\": \"open-door\"}", false);
            service.publish(T + "cmd", "{\"id\": \"owner\", \"cmd\": \"call\"}", false);
            JsonNode result = service.await(r -> r.topic().equals(T + "cmd/result"), WAIT).json();
            assertEquals("owner", result.get("id").asText(), "the intruder's command never arrived");
            assertEquals("call <ring plan>", control[0].nextAction());
            assertTrue(control[0].actions.isEmpty(), "nothing else ran: " + control[0].actions);
        }
    }

    @Test
    void wrongPasswordIsLoggedOnceNamingTheFieldsAndTheDeviceKeepsRetrying() throws Exception {
        RecordingControl[] control = new RecordingControl[1];
        try (Mosquitto broker = Mosquitto.withPasswords(USERS, ACL);
             LogCapture log = new LogCapture(DeviceMqtt.class);
             DeviceMqtt device = device(broker, "not-the-password", control)) {
            device.start();
            Await.condition(() -> device.sessionState().attempt() >= 3, 30_000,
                    () -> "three refused attempts, now " + device.sessionState());
            MqttSessionEvent state = device.sessionState();
            assertEquals(MqttSessionEvent.Cause.REFUSED_CREDENTIALS, state.cause(), state.toString());
            assertFalse(device.isConnected());
            long errors = log.messages().stream().filter(m -> m.startsWith("ERROR")).count();
            assertEquals(1, errors, "one clear error per failing streak, not one per retry: " + log.messages());
            String error = log.messages().stream().filter(m -> m.startsWith("ERROR")).findFirst().orElseThrow();
            assertTrue(error.contains("refused the login of user door-1"), error);
            assertTrue(error.contains("check mqtt.username and mqtt.password"), error);
            assertTrue(log.messages().stream().noneMatch(m -> m.contains("not-the-password")), "the password is never logged");
            assertTrue(control[0].connectivity.isEmpty(), "never connected, never reported connected");
        }
    }
}
