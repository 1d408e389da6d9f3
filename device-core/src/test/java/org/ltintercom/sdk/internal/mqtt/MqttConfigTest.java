package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MqttConfigTest {

    private static final MqttConfig BASE = MqttConfig.of("tcp://127.0.0.1:1883", "dev-1");

    @Test
    void badFieldsAreRejectedNamingTheField() {
        assertField("brokerUri", () -> MqttConfig.of("http://127.0.0.1", "dev-1"));
        assertField("clientId", () -> MqttConfig.of("tcp://127.0.0.1:1883", " "));
        assertField("password", () -> BASE.withCredentials("dev-1", null));
        assertField("backoffMax", () -> BASE.withBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertField("offlineBuffer", () -> BASE.withOfflineBuffer(-1));
        assertField("statusTopic", () -> BASE.withStatusTopic("lt/v1/+/status"));
        assertField("tls", () -> BASE.withTls(MqttTls.trusting(Path.of("/nonexistent/ca.pem"))));
        assertField("keepAlive", () -> BASE.withKeepAlive(Duration.ofMillis(10)));
        assertField("deviceID", () -> MqttConfig.statusTopicOf("a/b"));
    }

    @Test
    void passwordNeverAppearsInTheTextForm() {
        String text = BASE.withCredentials("dev-1", "s3cret-pw").toString();
        assertFalse(text.contains("s3cret-pw"), text);
        assertTrue(text.contains("dev-1"), text);
    }

    @Test
    void statusTopicFollowsTheTopicScheme() {
        assertEquals("lt/v1/dev-9/status", MqttConfig.statusTopicOf("dev-9"));
        assertEquals("lt/v1/u-9/wakeup", WakeupReceiver.wakeupTopicOf("u-9"));
    }

    @Test
    void missingTlsFilesAreReportedWhenTheSessionIsBuilt() {
        MqttConfig config = MqttConfig.of("ssl://127.0.0.1:8883", "dev-1")
                .withTls(MqttTls.trusting(Path.of("/nonexistent/ca.pem")));
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new MqttSession(config));
        assertTrue(error.getMessage().startsWith("tls.caFile"), error.getMessage());
    }

    private static void assertField(String field, Runnable build) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, build::run);
        assertTrue(error.getMessage().startsWith(field + ":"), error.getMessage());
    }
}
