package org.ltintercom.app.demo;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.ltintercom.sdk.internal.json.Json;
import org.ltintercom.sdk.internal.json.JsonNode;
import org.ltintercom.sdk.internal.mqtt.FirstSubscribe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The demo's window on the devices: one MQTT client that sees everything under {@code lt/v1/}
 * (status, events, wakeups, command results) and sends commands as the fleet manager would.
 */
final class DemoBus implements AutoCloseable {

    /** One message seen, with the demo clock's milliseconds. */
    record Seen(long atMillis, String topic, String payload, JsonNode json) {
        String field(String name) {
            JsonNode v = json == null ? null : json.get(name);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    private final MqttClient client;
    private final long startNanos;
    private final List<Seen> seen = new ArrayList<>();
    private final Consumer<Seen> onMessage;

    DemoBus(String brokerUri, long startNanos, Consumer<Seen> onMessage) throws MqttException {
        this.startNanos = startNanos;
        this.onMessage = onMessage;
        client = new MqttClient(brokerUri, "lt-demo-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        client.connect(options);
        FirstSubscribe.subscribe(client, options, "lt/v1/#", 1, (topic, message) -> {
            String payload = new String(message.getPayload(), StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = payload.isEmpty() ? null : Json.parse(payload);
            } catch (java.io.IOException e) {
                json = null;
            }
            Seen s = new Seen(now(), topic, payload, json);
            synchronized (seen) {
                seen.add(s);
                seen.notifyAll();
            }
            this.onMessage.accept(s);
        });
    }

    long now() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The first message (already seen or yet to come) matching {@code test}, or empty after {@code timeout}. */
    Optional<Seen> await(Duration timeout, Predicate<Seen> test) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            int checked = 0;
            while (true) {
                for (; checked < seen.size(); checked++) {
                    if (test.test(seen.get(checked))) {
                        return Optional.of(seen.get(checked));
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                seen.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** A status message of {@code deviceId} whose field {@code name} is {@code value}. */
    static Predicate<Seen> status(String deviceId, String name, String value) {
        return s -> s.topic().equals("lt/v1/" + deviceId + "/status") && value.equalsIgnoreCase(s.field(name));
    }

    /** An event of {@code deviceId} of the given type. */
    static Predicate<Seen> event(String deviceId, String type) {
        return s -> s.topic().equals("lt/v1/" + deviceId + "/event") && type.equals(s.field("type"));
    }

    /** Sends a command and waits for its result ({@code cmd/result} with the same id). */
    Optional<Seen> command(String deviceId, String cmd, Map<String, Object> args, Duration timeout)
            throws MqttException, InterruptedException {
        String id = "demo-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("cmd", cmd);
        body.put("args", args);
        byte[] payload;
        try {
            payload = Json.write(body).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("args: not serialisable: " + e.getMessage(), e);
        }
        client.publish("lt/v1/" + deviceId + "/cmd", payload, 1, false);
        return await(timeout, s -> s.topic().equals("lt/v1/" + deviceId + "/cmd/result") && id.equals(s.field("id")));
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker is going away with the demo; nothing to keep
        }
    }
}
