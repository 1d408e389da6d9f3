package org.ltintercom.app.mqtt;

import org.ltintercom.app.config.IntercomConfig;
import org.ltintercom.app.config.Settings;
import org.ltintercom.sdk.internal.mqtt.MqttConfig;
import org.ltintercom.sdk.internal.mqtt.MqttTls;

import java.nio.file.Path;

/**
 * Maps the {@code mqtt} section of {@code intercom.yaml} onto the SDK's {@link MqttConfig}: client id
 * (default the device id), credentials, TLS files, keep-alive, and the device's status topic as
 * the carrier of the last will. Backoff, offline buffer and timeouts keep the session's defaults.
 */
public final class SessionSettings {

    private SessionSettings() {
    }

    /** The session settings for {@code config}; an invalid value fails naming its {@code mqtt.*} field. */
    public static MqttConfig of(IntercomConfig config) {
        Settings.Mqtt mqtt = config.mqtt();
        if (mqtt == null) {
            throw new IllegalArgumentException("mqtt: section is required");
        }
        try {
            MqttConfig session = MqttConfig.of(mqtt.brokerUri(), mqtt.clientId() != null ? mqtt.clientId() : config.deviceId())
                    .withKeepAlive(mqtt.keepAlive())
                    .withStatusTopic(MqttConfig.statusTopicOf(config.deviceId()));
            if (mqtt.username() != null) {
                session = session.withCredentials(mqtt.username(), mqtt.password() == null ? "" : mqtt.password().reveal());
            }
            if (mqtt.tls() != null) {
                Settings.Tls tls = mqtt.tls();
                session = session.withTls(new MqttTls(path(tls.caFile()), path(tls.certFile()), path(tls.keyFile())));
            }
            return session;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mqtt." + e.getMessage(), e);
        }
    }

    private static Path path(String file) {
        return file == null ? null : Path.of(file);
    }
}
