package org.ltintercom.callserver.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho client for the broker tests: subscribes, publishes, and hands out what arrived. */
public final class PahoProbe implements AutoCloseable {

    public record Received(String topic, String payload, boolean retained, int qos) {
    }

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private boolean subscribed;

    PahoProbe(String uri, String user, String password) throws MqttException {
        client = new MqttClient(uri, "probe-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.setTimeToWait(20_000);
        client.connect(options);
    }

    public PahoProbe(String uri) throws MqttException {
        this(uri, null, null);
    }

    /**
     * Subscribes at QoS 1; returns the granted QoS (128 = refused). Moquette 0.17 may close the
     * connection when the first SUBSCRIBE overtakes its CONNACK bookkeeping (device-core's
     * {@code FirstSubscribe} explains it); that one SUBSCRIBE is sent again on a new connection.
     */
    public int subscribe(String filter) throws MqttException {
        IMqttMessageListener record = (topic, message) -> received.add(new Received(
                topic, new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained(), message.getQos()));
        IMqttToken token;
        try {
            token = client.subscribeWithResponse(filter, 1, record);
        } catch (MqttException e) {
            if (subscribed || e.getReasonCode() != MqttException.REASON_CODE_CONNECTION_LOST) {
                throw e;
            }
            reconnect();
            token = client.subscribeWithResponse(filter, 1, record);
        }
        subscribed = true;
        return token.getGrantedQos()[0];
    }

    private void reconnect() throws MqttException {
        for (int attempt = 1; ; attempt++) {
            try {
                client.connect(options);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttException.REASON_CODE_CLIENT_DISCONNECTING || attempt == 100) {
                    throw e;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MqttException(e);
            }
        }
    }

    public void publish(String topic, String payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(retained);
        client.publish(topic, message);
    }

    /**
     * Publishes without waiting for the PUBACK: Moquette 0.17 never acknowledges a publish that
     * the ACL refuses (mosquitto acknowledges and drops it).
     */
    void publishWithoutWaiting(String topic, String payload) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        client.getTopic(topic).publish(message);
    }

    public Received next(Duration timeout) throws InterruptedException {
        Received next = received.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (next == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return next;
    }

    @Override
    public void close() throws MqttException {
        close(client);
    }

    /** Disconnects politely if it can, then closes: a broker may close first (Moquette answers DISCONNECT so). */
    public static void close(MqttClient client) throws MqttException {
        try {
            if (client.isConnected()) {
                client.disconnect(1000);
            }
        } catch (MqttException e) {
            // the connection is gone already: the client is closed anyway
        } finally {
            client.close(true);
        }
    }
}
