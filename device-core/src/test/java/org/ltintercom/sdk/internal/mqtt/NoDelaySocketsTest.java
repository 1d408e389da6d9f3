package org.ltintercom.sdk.internal.mqtt;

import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLSocketFactory;
import java.net.Socket;

import static org.junit.jupiter.api.Assertions.assertTrue;

class NoDelaySocketsTest {

    @Test
    void plainAndTlsSocketsHaveNagleOff() throws Exception {
        try (Socket plain = NoDelaySockets.plain().createSocket()) {
            assertTrue(plain.getTcpNoDelay(), "plain socket");
        }
        SSLSocketFactory tls = NoDelaySockets.tls((SSLSocketFactory) SSLSocketFactory.getDefault());
        try (Socket secure = tls.createSocket()) {
            assertTrue(secure.getTcpNoDelay(), "TLS socket");
        }
    }

    @Test
    void everyDeviceSessionUsesThem() {
        assertTrue(ConnectOptions.of(MqttConfig.of("tcp://127.0.0.1:1883", "d-1"), 1).getSocketFactory()
                .getClass().getName().contains("NoDelaySockets"));
        assertTrue(ConnectOptions.of(MqttConfig.of("ssl://127.0.0.1:8883", "d-1"), 1).getSocketFactory()
                instanceof SSLSocketFactory);
    }
}
