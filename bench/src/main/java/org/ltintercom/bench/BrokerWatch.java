package org.ltintercom.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.ltintercom.sdk.internal.mqtt.FirstSubscribe;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * AppBench's view of the broker: one MQTT client that records every message under {@code lt/v1/}
 * with the {@link System#nanoTime()} of its arrival, and publishes wakeups and commands as the
 * service and a fleet manager would.
 */
final class BrokerWatch implements AutoCloseable {

    /** One message, with its arrival time. */
    record Seen(long nanos, String topic, JsonNode json) {
        String field(String name) {
            JsonNode v = json == null ? null : json.get(name);
            return v == null || v.isNull() ? null : v.asText();
        }
    }

    /**
     * Paho never sets TCP_NODELAY: a publish written while the previous small write (a PUBACK) is
     * not yet acknowledged waits for the peer's delayed ACK (~40 ms on Linux). The bench's own
     * client must not add that to what it measures.
     */
    private static final class NoDelaySockets extends SocketFactory {
        private static Socket noDelay(Socket s) throws IOException {
            s.setTcpNoDelay(true);
            return s;
        }

        @Override
        public Socket createSocket() throws IOException {
            return noDelay(new Socket());
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(new Socket(host, port, local, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return noDelay(new Socket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
            return noDelay(new Socket(host, port, local, localPort));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final MqttClient client;
    private final List<Seen> seen = new ArrayList<>();

    BrokerWatch(String brokerUri) throws MqttException {
        client = new MqttClient(brokerUri, "lt-appbench-" + UUID.randomUUID().toString().substring(0, 8),
                new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        options.setSocketFactory(new NoDelaySockets());
        client.connect(options);
        FirstSubscribe.subscribe(client, options, "lt/v1/#", 1, (topic, message) -> {
            long at = System.nanoTime();
            JsonNode json;
            try {
                json = message.getPayload().length == 0 ? null : JSON.readTree(message.getPayload());
            } catch (IOException e) {
                json = null;
            }
            synchronized (seen) {
                seen.add(new Seen(at, topic, json));
                seen.notifyAll();
            }
        });
    }

    /** The first message that arrived at or after {@code sinceNanos} and matches, or empty after {@code timeout}. */
    Optional<Seen> await(long sinceNanos, Duration timeout, Predicate<Seen> test) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            int checked = 0;
            while (true) {
                for (; checked < seen.size(); checked++) {
                    Seen s = seen.get(checked);
                    if (s.nanos() >= sinceNanos && test.test(s)) {
                        return Optional.of(s);
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

    /** Forgets what was seen (between phases, so the list does not grow over thousands of calls). */
    void clear() {
        synchronized (seen) {
            seen.clear();
        }
    }

    /** A status document of {@code deviceId} whose field {@code name} is {@code value}. */
    static Predicate<Seen> status(String deviceId, String name, String value) {
        return s -> s.topic().equals("lt/v1/" + deviceId + "/status") && value.equalsIgnoreCase(s.field(name));
    }

    void publish(String topic, Map<String, Object> body) throws MqttException {
        client.publish(topic, json(body), 1, false);
    }

    /** Sends {@code cmd} to the device and waits for its result; empty when none came within {@code timeout}. */
    Optional<Seen> command(String deviceId, String cmd, Map<String, Object> args, Duration timeout)
            throws MqttException, InterruptedException {
        String id = "bench-" + UUID.randomUUID();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("cmd", cmd);
        body.put("args", args);
        long sent = System.nanoTime();
        publish("lt/v1/" + deviceId + "/cmd", body);
        return await(sent, timeout, s -> s.topic().equals("lt/v1/" + deviceId + "/cmd/result") && id.equals(s.field("id")));
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("message: not serialisable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) {
                client.disconnect(2_000);
            }
            client.close(true);
        } catch (MqttException e) {
            // the broker goes away with the bench's call-server; nothing to keep
        }
    }
}
