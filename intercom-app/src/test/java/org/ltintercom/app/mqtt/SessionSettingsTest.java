package org.ltintercom.app.mqtt;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.internal.mqtt.MqttConfig;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionSettingsTest {

    @TempDir
    Path dir;

    @Test
    void mqttSectionBecomesTheSessionSettingsWithTheStatusTopicAsLastWill() {
        MqttConfig session = SessionSettings.of(TestDevice.write(dir, TestDevice.yaml("ssl://127.0.0.1:8883", """
                clientId: door-1-client
                username: door-1
                password: s3cret
                keepAlive: 45s
                tls: {caFile: /etc/lt-intercom/ca.pem, certFile: /etc/lt-intercom/door.pem, keyFile: /etc/lt-intercom/door.key}
                """, false)).bind());
        assertEquals("ssl://127.0.0.1:8883", session.brokerUri());
        assertEquals("door-1-client", session.clientId());
        assertEquals("door-1", session.username());
        assertEquals("s3cret", session.password());
        assertEquals(Duration.ofSeconds(45), session.keepAlive());
        assertEquals("lt/v1/door-1/status", session.statusTopic());
        assertEquals(Path.of("/etc/lt-intercom/ca.pem"), session.tls().caFile());
        assertEquals(Path.of("/etc/lt-intercom/door.key"), session.tls().clientKeyFile());
        assertTrue(session.toString().contains("password=***") && !session.toString().contains("s3cret"));
    }

    @Test
    void defaultsAreTheDeviceIdAsClientIdAndNoCredentials() {
        MqttConfig session = SessionSettings.of(TestDevice.write(dir, TestDevice.yaml("tcp://127.0.0.1:1883", "", false)).bind());
        assertEquals("door-1", session.clientId());
        assertNull(session.username());
        assertNull(session.tls());
        assertEquals(Duration.ofSeconds(30), session.keepAlive());
    }

    @Test
    void tlsFilesWithAPlainTcpBrokerAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SessionSettings.of(
                TestDevice.write(dir, TestDevice.yaml("tcp://127.0.0.1:1883", "tls: {caFile: /ca.pem}", false)).bind()));
        assertEquals("mqtt.tls: TLS files given but brokerUri is not ssl://", e.getMessage());
    }
}
