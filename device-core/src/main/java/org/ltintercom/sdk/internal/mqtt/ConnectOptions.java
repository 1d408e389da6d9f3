package org.ltintercom.sdk.internal.mqtt;

import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** Paho connect options of a device session (see docs/protocol.md, MQTT, session rules). */
final class ConnectOptions {

    private ConnectOptions() {
    }

    static MqttConnectOptions of(MqttConfig config, int qos) {
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setCleanSession(false);          // the broker queues QoS 1 wakeups across a short outage
        options.setAutomaticReconnect(false);    // MqttSession reconnects itself, with jitter
        options.setKeepAliveInterval((int) config.keepAlive().toSeconds());
        options.setConnectionTimeout((int) Math.max(1, config.operationTimeout().toSeconds()));
        options.setMaxInflight(Math.max(64, 2 * config.offlineBuffer() + 16)); // a full buffer flushes at once
        if (config.username() != null) {
            options.setUserName(config.username());
            options.setPassword(config.password().toCharArray());
        }
        if (config.statusTopic() != null) {
            options.setWill(config.statusTopic(), StatusDocument.lastWill(), qos, true);
        }
        if (config.tls() != null) {
            options.setSocketFactory(NoDelaySockets.tls(PemTls.socketFactory(config.tls())));
        } else if (config.brokerUri().startsWith("ssl://")) {
            options.setSocketFactory(NoDelaySockets.tls((javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault()));
        } else {
            options.setSocketFactory(NoDelaySockets.plain());
        }
        options.setHttpsHostnameVerificationEnabled(true);
        return options;
    }
}
