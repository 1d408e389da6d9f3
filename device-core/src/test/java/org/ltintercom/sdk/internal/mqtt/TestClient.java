package org.ltintercom.sdk.internal.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.IMqttMessageListener;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/** A plain Paho client playing the service or an observer in tests: publishes, and records what it receives. */
final class TestClient implements AutoCloseable {

    /** One received message. */
    record Received(String topic, String payload, boolean retained, int qos) {
    }

    private final MqttClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private boolean subscribed;

    private TestClient(String uri, String user, String password) throws MqttException {
        client = new MqttClient(uri, "test-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password.toCharArray());
        }
        client.connect(options);
    }

    static TestClient connect(String uri) throws MqttException {
        return new TestClient(uri, null, null);
    }

    static TestClient connect(String uri, String user, String password) throws MqttException {
        return new TestClient(uri, user, password);
    }

    TestClient subscribe(String filter) throws MqttException {
        IMqttMessageListener record = (topic, message) -> received.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.isRetained(), message.getQos()));
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

    /** Takes received messages until one matches; fails the test when none does before the deadline. */
    Received awaitMessage(Predicate<Received> wanted, Duration timeout) throws InterruptedException {
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

    /** The next message, or an assertion error at the deadline. */
    Received next(Duration timeout) throws InterruptedException {
        return awaitMessage(any -> true, timeout);
    }

    @Override
    public void close() throws MqttException {
        org.ltintercom.callserver.mqtt.PahoProbe.close(client);
    }
}
