package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.sdk.internal.mqtt.SessionEvents.state;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent.Cause;
import org.ltintercom.sdk.internal.mqtt.peers.Mosquitto;

/** TLS sessions (PEM CA, PEM client certificate, PKCS#8 key) against mosquitto requiring client certificates. */
class MqttTlsIT {

    @Test
    void deviceWithItsCertificateConnectsOverTls(@TempDir Path dir) throws Exception {
        TestCertificates pki = TestCertificates.create(dir, "lt-test");
        assertTrue(Files.readString(pki.deviceKey()).contains("BEGIN PRIVATE KEY"), "openssl wrote PKCS#8");
        try (Mosquitto broker = Mosquitto.withTls(pki.caCert(), pki.brokerCert(), pki.brokerKey());
             MqttSession session = new MqttSession(MqttSessionIT.deviceConfig(broker.sslUri(), "dev-tls")
                     .withTls(new MqttTls(pki.caCert(), pki.deviceCert(), pki.deviceKey())))) {
            session.start();
            assertTrue(session.awaitConnected(MqttSessionIT.WAIT), session.state().toString());
        }
    }

    @Test
    void brokerSignedByAnotherCaIsReportedAsTlsFailure(@TempDir Path dir) throws Exception {
        TestCertificates real = TestCertificates.create(dir, "lt-real");
        TestCertificates other = TestCertificates.create(dir, "lt-other");
        SessionEvents events = new SessionEvents();
        try (Mosquitto broker = Mosquitto.withTls(real.caCert(), real.brokerCert(), real.brokerKey());
             MqttSession session = new MqttSession(MqttSessionIT.deviceConfig(broker.sslUri(), "dev-tls")
                     .withTls(new MqttTls(other.caCert(), real.deviceCert(), real.deviceKey())))) {
            session.addListener(events);
            session.start();
            MqttSessionEvent refused = events.await(e -> e.cause() == Cause.TLS_FAILED, MqttSessionIT.WAIT);
            assertTrue(refused.reason().startsWith("TLS handshake failed"), refused.reason());
            assertTrue(events.all().stream().noneMatch(state(MqttSessionEvent.State.CONNECTED)::test));
        }
    }
}
