package org.ltintercom.app.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.ltintercom.sdk.internal.mqtt.FirstSubscribe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The other end of the device's topics in tests: a plain Paho client playing the service, an
 * operator or Home Assistant. Publishes, and records what arrives on its subscriptions.
 */
final class ServiceClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One received message. */
    record Received(String topic, String payload, boolean retained) {
        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON on " + topic + ": " + payload, e);
            }
        }
    }

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private boolean subscribed;

    private ServiceClient(String uri, String user, String password) throws MqttException {
        client = new MqttClient(uri, "svc-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.setTimeToWait(20_000);
        client.connect(options);
    }

    static ServiceClient connect(String uri) throws MqttException {
        return new ServiceClient(uri, null, null);
    }

    static ServiceClient connect(String uri, String user, String password) throws MqttException {
        return new ServiceClient(uri, user, password);
    }

    ServiceClient subscribe(String filter) throws MqttException {
        IMqttMessageListener record = (topic, message) -> received.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained()));
        if (subscribed) {
            client.subscribe(filter, 1, record);
        } else {
            FirstSubscribe.subscribe(client, options, filter, 1, record);
            subscribed = true;
        }
        return this;
    }

    void publish(String topic, String payload, boolean retained) throws MqttException {
        publish(topic, payload.getBytes(StandardCharsets.UTF_8), retained);
    }

    void publish(String topic, byte[] payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload);
        message.setQos(1);
        message.setRetained(retained);
        client.publish(topic, message);
    }

    /** Takes received messages until one matches; fails when none does before the deadline. */
    Received await(Predicate<Received> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Received> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            Received next = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
            if (next == null) {
                throw new AssertionError("no matching message within " + timeout + ", got only " + skipped);
            }
            if (wanted.test(next)) {
                return next;
            }
            skipped.add(next);
        }
    }

    /** The next message on {@code topic}, as JSON. */
    JsonNode awaitJson(String topic) throws InterruptedException {
        return await(r -> r.topic().equals(topic), Duration.ofSeconds(20)).json();
    }

    /** Everything received so far and not yet taken. */
    List<Received> drain() {
        List<Received> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2000);
            }
        } catch (MqttException e) {
            // closing anyway
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            // nothing left to release
        }
    }
}
