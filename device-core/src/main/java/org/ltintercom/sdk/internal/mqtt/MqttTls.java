package org.ltintercom.sdk.internal.mqtt;

import java.nio.file.Path;

/**
 * TLS files of an {@code ssl://} MQTT session, all PEM (the format mosquitto and OpenSSL write).
 *
 * @param caFile         PEM certificates the broker's certificate must chain to, or {@code null} for
 *                       the JDK's default trust store
 * @param clientCertFile PEM client certificate (chain, leaf first), or {@code null} for no client certificate
 * @param clientKeyFile  the client's private key as unencrypted PKCS#8 PEM ({@code BEGIN PRIVATE KEY},
 *                       RSA or EC); required exactly when {@code clientCertFile} is given
 */
public record MqttTls(Path caFile, Path clientCertFile, Path clientKeyFile) {

    public MqttTls {
        if ((clientCertFile == null) != (clientKeyFile == null)) {
            throw new IllegalArgumentException("clientKeyFile: client certificate and key go together");
        }
    }

    /** TLS that checks the broker against the given CA file and presents no client certificate. */
    public static MqttTls trusting(Path caFile) {
        return new MqttTls(caFile, null, null);
    }
}
