package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ltintercom.sdk.internal.mqtt.TestBroker.Kind;

/**
 * A plain client's first SUBSCRIBE when the connection is closed in answer to it (what Moquette
 * 0.17 does when the SUBSCRIBE overtakes its CONNACK bookkeeping), reproduced with a relay that
 * resets the connection at the SUBSCRIBE, in front of both real brokers.
 */
class FirstSubscribeIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aSubscribeAnsweredByAClosedConnectionIsSentAgainOnANewOne(Kind kind) throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.anonymous(kind);
             TcpCutter network = new TcpCutter(broker.uri());
             Plain watcher = new Plain(network.uri());
             TestClient service = TestClient.connect(broker.uri())) {
            network.dropNextSubscribes(1);
            IMqttToken token = FirstSubscribe.subscribe(watcher.client, watcher.options, "lt/v1/+/event", 1,
                    (topic, message) -> received.add(new String(message.getPayload(), StandardCharsets.UTF_8)));
            assertEquals(1, token.getGrantedQos()[0], "granted QoS on the second connection");
            assertTrue(watcher.client.isConnected());

            service.publish("lt/v1/dev-1/event", "{\"type\":\"ring\"}", false);
            assertEquals("{\"type\":\"ring\"}", received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aConnectionClosedAtEverySubscribeFailsAfterThreeAttempts(Kind kind) throws Exception {
        try (TestBroker broker = TestBroker.anonymous(kind);
             TcpCutter network = new TcpCutter(broker.uri());
             Plain watcher = new Plain(network.uri())) {
            network.dropNextSubscribes(3);
            MqttException failure = assertThrows(MqttException.class, () -> FirstSubscribe.subscribe(
                    watcher.client, watcher.options, "lt/v1/#", 1, (topic, message) -> { }));
            assertEquals(MqttException.REASON_CODE_CONNECTION_LOST, failure.getReasonCode(), failure.toString());

            // the relay has no drop left: a fourth attempt by the caller goes through
            FirstSubscribe.subscribe(watcher.client, watcher.options, "lt/v1/#", 1, (topic, message) -> { });
            assertTrue(watcher.client.isConnected());
        }
    }

    /** A bare Paho client with the options it connected with. */
    private static final class Plain implements AutoCloseable {
        final MqttClient client;
        final MqttConnectOptions options = new MqttConnectOptions();

        Plain(String uri) throws MqttException {
            client = new MqttClient(uri, "plain-" + UUID.randomUUID().toString().substring(0, 8), new MemoryPersistence());
            options.setCleanSession(true);
            options.setConnectionTimeout(10);
            client.setTimeToWait(WAIT.toMillis());
            client.connect(options);
        }

        @Override
        public void close() throws MqttException {
            try {
                if (client.isConnected()) {
                    client.disconnect(1000);
                }
            } finally {
                client.close(true);
            }
        }
    }
}
