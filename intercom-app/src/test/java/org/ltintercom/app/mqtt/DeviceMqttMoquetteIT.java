package org.ltintercom.app.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.LocalConfig;
import org.ltintercom.callserver.mqtt.EmbeddedBroker;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The round trip on the call-server's embedded Moquette broker (the demo's broker). */
class DeviceMqttMoquetteIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String T = "lt/v1/door-1/";

    @TempDir
    Path dir;

    @Test
    void commandsProvisioningAndWakeupsWorkOnTheEmbeddedBroker() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback())) {
            LocalConfig local = TestDevice.write(dir.resolve("etc"), TestDevice.yaml(broker.uri(), "", false));
            IntercomConfig config = local.bind();
            RecordingControl control = new RecordingControl(local, dir.resolve("state"));
            try (ServiceClient service = ServiceClient.connect(broker.uri());
                 DeviceMqtt device = new DeviceMqtt(config, SessionSettings.of(config)
                         .withBackoff(TestDevice.BACKOFF_MIN, TestDevice.BACKOFF_MAX), control)) {
                service.subscribe(T + "cmd/result").subscribe(T + "config/result").subscribe(T + "status");
                device.start();
                assertTrue(device.awaitConnected(WAIT));
                assertEquals("online", service.await(r -> r.topic().equals(T + "status"), WAIT).json()
                        .get("state").asText());

                service.publish(T + "cmd", "{\"id\": \"m1\", \"cmd\": \"dtmf\", \"args\": {\"keys\": \"4711\"}}", false);
                assertTrue(service.awaitJson(T + "cmd/result").get("ok").asBoolean());
                assertEquals("dtmf 4711", control.nextAction());

                service.publish(T + "cmd", "{\"id\": \"m2\", \"cmd\": \"dtmf\"}", false);
                assertEquals("args.keys: is required: 1-32 DTMF keys (0-9 * # A-D)",
                        service.awaitJson(T + "cmd/result").get("error").asText());

                service.publish(T + "config", "{\"version\": 2, \"settings\": {\"volumes\": {\"speaker\": 2.0}}}", true);
                assertEquals("applied", service.awaitJson(T + "config/result").get("status").asText());
                assertEquals(2.0, control.applied.get(0).volumes().speaker());

                service.publish("lt/v1/" + TestDevice.USER + "/wakeup",
                        Wakeups.incomingCall("w-moq", TestDevice.USER, 30_000), false);
                assertEquals("rang w-moq", control.nextAction());
            }
        }
    }
}
