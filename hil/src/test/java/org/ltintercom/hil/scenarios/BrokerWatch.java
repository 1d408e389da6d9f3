package org.ltintercom.hil.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A fleet manager's view of the station: a Paho client subscribed to {@code lt/v1/<deviceID>/#},
 * recording every status document, event and result with the time it arrived, and publishing
 * config messages. Keeps a persistent session, so it misses nothing over a broker restart.
 */
final class BrokerWatch implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One message as received. */
    record Seen(String topic, JsonNode body, long atNanos) {
    }

    private final String deviceId;
    private final MqttClient client;
    private final List<Seen> seen = new ArrayList<>();
    private Exception lastReconnectFailure;
    private volatile boolean closed;

    BrokerWatch(String brokerUri, String deviceId) throws MqttException {
        this.deviceId = deviceId;
        this.client = new MqttClient(brokerUri, "lt-hil-watch", new MemoryPersistence());
        client.setTimeToWait(5000); // a connect or subscribe that never gets its answer must not hang the watch
        MqttConnectOptions options = new MqttConnectOptions();
        // a persistent session on a broker that keeps sessions over a restart: whatever the station
        // publishes while the watch is still reconnecting is queued for it, not lost to a race
        options.setCleanSession(false);
        options.setAutomaticReconnect(false); // Paho's own got stuck in "Connect already in progress" (32110)
        options.setConnectionTimeout(5);
        client.setCallback(new org.eclipse.paho.client.mqttv3.MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
            }

            @Override
            public void connectionLost(Throwable cause) {
                // never block Paho's callback thread: reconnect from a thread of our own
                Thread again = new Thread(() -> reconnect(options), "lt-hil-watch-reconnect");
                again.setDaemon(true);
                again.start();
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) throws IOException {
                byte[] payload = message.getPayload();
                JsonNode body = payload.length == 0 ? JSON.nullNode() : JSON.readTree(new String(payload, StandardCharsets.UTF_8));
                synchronized (seen) {
                    seen.add(new Seen(topic, body, System.nanoTime()));
                    seen.notifyAll();
                }
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        connectAndSubscribe(options);
    }

    /**
     * Connects; subscribes only when the broker has no session for the watch (a first start, or a
     * broker that lost it): re-subscribing to a kept session would deliver the retained messages
     * again, and a scenario would take an old retained status for a new one.
     */
    private void connectAndSubscribe(MqttConnectOptions options) throws MqttException {
        IMqttToken connected = client.connectWithResult(options);
        if (!connected.getSessionPresent()) {
            client.subscribe("lt/v1/" + deviceId + "/#", 1);
        }
    }

    /** The broker restarts at once in some scenarios and stays away in others: try every 200 ms until closed. */
    private void reconnect(MqttConnectOptions options) {
        while (!closed) {
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
            try {
                if (client.isConnected()) {
                    return;
                }
                connectAndSubscribe(options);
                synchronized (seen) {
                    lastReconnectFailure = null;
                }
                return;
            } catch (MqttException e) {
                synchronized (seen) {
                    lastReconnectFailure = e;
                }
            }
        }
    }

    List<Seen> on(String subtopic) {
        String topic = "lt/v1/" + deviceId + "/" + subtopic;
        synchronized (seen) {
            return seen.stream().filter(s -> s.topic().equals(topic)).toList();
        }
    }

    /** Events of {@code type} on the event topic so far. */
    List<Seen> events(String type) {
        return on("event").stream().filter(s -> type.equals(s.body().path("type").asText())).toList();
    }

    Optional<JsonNode> lastStatus() {
        List<Seen> statuses = on("status");
        return statuses.isEmpty() ? Optional.empty() : Optional.of(statuses.get(statuses.size() - 1).body());
    }

    /** Waits until {@code condition} holds on what was received; re-checked on every message. */
    void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            while (!condition.getAsBoolean()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("broker: not within " + timeout.toMillis() + " ms: " + what + "; seen "
                            + seen.stream().map(s -> s.topic() + " " + s.body()).toList()
                            + "; watch " + (client.isConnected() ? "connected" : "not connected")
                            + (lastReconnectFailure == null ? "" : ", last reconnect failed: " + lastReconnectFailure));
                }
                try {
                    seen.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted waiting for " + what, e);
                }
            }
        }
    }

    /** Waits for a status document matching {@code condition}; returns when it arrived. */
    long awaitStatus(String what, Predicate<JsonNode> condition, Duration timeout) {
        await("status " + what, timeout, () -> lastStatus().filter(condition).isPresent());
        List<Seen> statuses = on("status");
        return statuses.get(statuses.size() - 1).atNanos();
    }

    /** Waits for the {@code n}-th event of {@code type} (1-based); returns it. */
    Seen awaitEvent(String type, int n, Duration timeout) {
        await(n + " event(s) " + type, timeout, () -> events(type).size() >= n);
        return events(type).get(n - 1);
    }

    void publish(String subtopic, String payload, boolean retained) throws MqttException {
        client.publish("lt/v1/" + deviceId + "/" + subtopic, payload.getBytes(StandardCharsets.UTF_8), 1, retained);
    }

    @Override
    public void close() throws MqttException {
        closed = true;
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
        } finally {
            client.close(true);
        }
    }
}
