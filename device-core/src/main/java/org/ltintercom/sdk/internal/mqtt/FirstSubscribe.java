package org.ltintercom.sdk.internal.mqtt;

import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first SUBSCRIBE of a plain Paho client (the demo's bus watcher, test observers, benches),
 * made safe against Moquette 0.17, the call-server's embedded broker.
 *
 * <p>Moquette marks a connection as connected only when its CONNACK write has completed, on a
 * different thread from the one reading the connection. A client that subscribes at once after
 * the CONNACK can overtake that mark; Moquette then logs "SUBSCRIBE received on already closed
 * connection" and closes the socket, and Paho's subscribe fails with "Connection lost". It
 * happened about once in 60 connections here. Only the first SUBSCRIBE on a connection can
 * meet it (any later packet arrives after the mark), so only that one is retried, after a
 * reconnect with the same options. {@link MqttSession} needs none of this: it reconnects after
 * any failure.
 */
public final class FirstSubscribe {

    private static final Logger LOG = LoggerFactory.getLogger(FirstSubscribe.class);
    private static final int ATTEMPTS = 3;
    private static final long RECONNECT_WAIT_MILLIS = 5_000;

    private FirstSubscribe() {
    }

    /**
     * Subscribes {@code client} (connected with {@code options}, automatic reconnect off) to
     * {@code filter}; when the broker drops the connection in answer, reconnects and tries again,
     * {@value #ATTEMPTS} times in all. Any other failure is thrown at once.
     */
    public static IMqttToken subscribe(MqttClient client, MqttConnectOptions options, String filter, int qos,
            IMqttMessageListener listener) throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.subscribeWithResponse(filter, qos, listener);
            } catch (MqttException e) {
                if (attempt == ATTEMPTS || !droppedByBroker(e)) {
                    throw e;
                }
                LOG.warn("MQTT client {}: the broker closed the connection at the first SUBSCRIBE to {} ({}); "
                        + "reconnecting, attempt {} of {}", client.getClientId(), filter, e.getMessage(),
                        attempt + 1, ATTEMPTS);
                reconnect(client, options);
            }
        }
    }

    private static boolean droppedByBroker(MqttException e) {
        int code = e.getReasonCode();
        return code == MqttException.REASON_CODE_CONNECTION_LOST
                || code == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED;
    }

    /** Connects again once Paho has finished tearing the lost connection down. */
    private static void reconnect(MqttClient client, MqttConnectOptions options) throws MqttException {
        long deadline = System.nanoTime() + RECONNECT_WAIT_MILLIS * 1_000_000;
        while (true) {
            try {
                client.connect(options);
                return;
            } catch (MqttException e) {
                int code = e.getReasonCode();
                if (code == MqttException.REASON_CODE_CLIENT_CONNECTED) {
                    return;
                }
                boolean stillClosing = code == MqttException.REASON_CODE_CLIENT_DISCONNECTING
                        || code == MqttException.REASON_CODE_CONNECT_IN_PROGRESS;
                if (!stillClosing || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MqttException(MqttException.REASON_CODE_CLIENT_EXCEPTION, e);
            }
        }
    }
}
