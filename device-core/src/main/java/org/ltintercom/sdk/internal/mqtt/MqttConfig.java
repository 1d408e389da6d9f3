package org.ltintercom.sdk.internal.mqtt;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of one device's MQTT session. Immutable; build it with {@link #of(String, String)}
 * and the {@code with...} methods, each of which validates its field and names it on error.
 *
 * @param brokerUri       {@code tcp://host:port} or {@code ssl://host:port}
 * @param clientId        fixed MQTT client id (the device id): a fixed id lets the broker keep the
 *                        device's session and queue QoS 1 wakeups across a short outage
 * @param username        MQTT user name, or {@code null} for anonymous
 * @param password        MQTT password, or {@code null}; never logged ({@link #toString()} masks it)
 * @param tls             TLS files for {@code ssl://}, or {@code null} to trust the JDK's CAs
 * @param keepAlive       MQTT keep-alive interval
 * @param statusTopic     retained status topic carrying the last will, or {@code null} for none
 * @param backoffMin      reconnect backoff base
 * @param backoffMax      reconnect backoff cap
 * @param offlineBuffer   publishes kept while disconnected (oldest dropped first)
 * @param operationTimeout how long one connect/subscribe/disconnect may take
 */
public record MqttConfig(String brokerUri, String clientId, String username, String password, MqttTls tls,
                         Duration keepAlive, String statusTopic, Duration backoffMin, Duration backoffMax,
                         int offlineBuffer, Duration operationTimeout) {

    /** Topic prefix of every lt-intercom topic. */
    public static final String TOPIC_ROOT = "lt/v1/";

    public MqttConfig {
        Objects.requireNonNull(brokerUri, "brokerUri");
        if (!brokerUri.startsWith("tcp://") && !brokerUri.startsWith("ssl://")) {
            throw new IllegalArgumentException("brokerUri: must start with tcp:// or ssl://, got " + brokerUri);
        }
        if (clientId == null || clientId.isBlank() || clientId.length() > 128) {
            throw new IllegalArgumentException("clientId: must be 1-128 characters");
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("password: user name and password go together");
        }
        if (tls != null && !brokerUri.startsWith("ssl://")) {
            throw new IllegalArgumentException("tls: TLS files given but brokerUri is not ssl://");
        }
        requirePositive("keepAlive", keepAlive);
        requirePositive("backoffMin", backoffMin);
        requirePositive("backoffMax", backoffMax);
        requirePositive("operationTimeout", operationTimeout);
        if (keepAlive.toSeconds() < 1 || keepAlive.toSeconds() > 65_535) {
            throw new IllegalArgumentException("keepAlive: must be 1-65535 seconds");
        }
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("backoffMax: must not be below backoffMin");
        }
        if (offlineBuffer < 0 || offlineBuffer > 10_000) {
            throw new IllegalArgumentException("offlineBuffer: must be 0-10000 messages");
        }
        if (statusTopic != null) {
            MqttTopics.requirePublishable("statusTopic", statusTopic);
        }
    }

    /** Defaults for a device: 30 s keep-alive, backoff 1 s .. 2 min, 64 buffered publishes, 10 s timeouts. */
    public static MqttConfig of(String brokerUri, String clientId) {
        return new MqttConfig(brokerUri, clientId, null, null, null, Duration.ofSeconds(30), null,
                Duration.ofSeconds(1), Duration.ofMinutes(2), 64, Duration.ofSeconds(10));
    }

    public MqttConfig withCredentials(String user, String pass) {
        return new MqttConfig(brokerUri, clientId, user, pass, tls, keepAlive, statusTopic, backoffMin, backoffMax,
                offlineBuffer, operationTimeout);
    }

    public MqttConfig withTls(MqttTls newTls) {
        return new MqttConfig(brokerUri, clientId, username, password, newTls, keepAlive, statusTopic, backoffMin,
                backoffMax, offlineBuffer, operationTimeout);
    }

    public MqttConfig withKeepAlive(Duration newKeepAlive) {
        return new MqttConfig(brokerUri, clientId, username, password, tls, newKeepAlive, statusTopic, backoffMin,
                backoffMax, offlineBuffer, operationTimeout);
    }

    /** Sets the status topic ({@code lt/v1/<deviceID>/status}) that carries the last will. */
    public MqttConfig withStatusTopic(String topic) {
        return new MqttConfig(brokerUri, clientId, username, password, tls, keepAlive, topic, backoffMin, backoffMax,
                offlineBuffer, operationTimeout);
    }

    public MqttConfig withBackoff(Duration min, Duration max) {
        return new MqttConfig(brokerUri, clientId, username, password, tls, keepAlive, statusTopic, min, max,
                offlineBuffer, operationTimeout);
    }

    public MqttConfig withOfflineBuffer(int messages) {
        return new MqttConfig(brokerUri, clientId, username, password, tls, keepAlive, statusTopic, backoffMin,
                backoffMax, messages, operationTimeout);
    }

    public MqttConfig withOperationTimeout(Duration timeout) {
        return new MqttConfig(brokerUri, clientId, username, password, tls, keepAlive, statusTopic, backoffMin,
                backoffMax, offlineBuffer, timeout);
    }

    /** The status topic of a device: {@code lt/v1/<deviceID>/status}. */
    public static String statusTopicOf(String deviceId) {
        return TOPIC_ROOT + MqttTopics.requireSegment("deviceID", deviceId) + "/status";
    }

    @Override
    public String toString() {
        return "MqttConfig[brokerUri=" + brokerUri + ", clientId=" + clientId + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", tls=" + tls + ", keepAlive=" + keepAlive
                + ", statusTopic=" + statusTopic + ", backoff=" + backoffMin + ".." + backoffMax
                + ", offlineBuffer=" + offlineBuffer + ", operationTimeout=" + operationTimeout + "]";
    }

    private static void requirePositive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + ": must be a positive duration");
        }
    }
}
