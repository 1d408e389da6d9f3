package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ltintercom.sdk.internal.mqtt.TestBroker.Kind;

/** The wakeup envelope rules against real brokers: retained, oversized and non-UTF-8 wakeups never ring. */
class WakeupReceiverIT {

    private static final long WAIT_MILLIS = MqttSessionIT.WAIT.toMillis();

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retainedOversizedAndNonUtf8WakeupsAreDroppedAndValidOnesDelivered(Kind kind) throws Exception {
        BlockingQueue<String> wakeups = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.anonymous(kind);
             TestClient service = TestClient.connect(broker.uri());
             MqttSession session = new MqttSession(MqttSessionIT.deviceConfig(broker.uri(), "dev-wake"))) {
            service.publish("lt/v1/u-wake/wakeup", "{\"callID\":\"stale-retained\"}", true);
            WakeupReceiver receiver = new WakeupReceiver(session, "u-wake", wakeups::add);
            assertEquals("lt/v1/u-wake/wakeup", receiver.topic());
            receiver.start();
            session.start();
            assertTrue(session.awaitConnected(MqttSessionIT.WAIT));

            service.publish("lt/v1/u-wake/wakeup", jsonOfSize(WakeupReceiver.MAX_PAYLOAD_BYTES + 1), false);
            service.publish("lt/v1/u-wake/wakeup", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}, false);
            byte[] largestAllowed = jsonOfSize(WakeupReceiver.MAX_PAYLOAD_BYTES);
            service.publish("lt/v1/u-wake/wakeup", largestAllowed, false);
            service.publish("lt/v1/u-wake/wakeup", "{\"callID\":\"fresh\"}", false);

            String first = wakeups.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(first != null && first.length() == largestAllowed.length && first.startsWith("{\"pad\""),
                    "first delivered wakeup is the 16 KiB one, got " + (first == null ? null
                            : first.substring(0, Math.min(40, first.length()))));
            assertEquals("{\"callID\":\"fresh\"}", wakeups.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
            // mosquitto replays the retained wakeup with RETAIN set and the receiver drops it; the
            // embedded broker clears retained wakeups, so there is nothing to replay
            int retainedDrops = broker.flagsRetainedReplays() ? 1 : 0;
            assertEquals(new WakeupReceiver.Stats(2, retainedDrops, 1, 1), receiver.stats());
            assertTrue(wakeups.isEmpty(), "nothing else was delivered: " + wakeups);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closedReceiverNoLongerDeliversWakeups(Kind kind) throws Exception {
        BlockingQueue<String> wakeups = new LinkedBlockingQueue<>();
        BlockingQueue<String> control = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.anonymous(kind);
             TestClient service = TestClient.connect(broker.uri());
             MqttSession session = new MqttSession(MqttSessionIT.deviceConfig(broker.uri(), "dev-stop"))) {
            WakeupReceiver receiver = new WakeupReceiver(session, "u-stop", wakeups::add);
            receiver.start();
            session.subscribe("lt/v1/dev-stop/cmd", message -> control.add(new String(message.payload(), StandardCharsets.UTF_8)));
            session.start();
            assertTrue(session.awaitConnected(MqttSessionIT.WAIT));
            receiver.close();
            // a subscribe acknowledged after the unsubscribe proves the broker processed the unsubscribe
            session.subscribe("lt/v1/dev-stop/cmd2", message -> control.add("cmd2")).get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
            service.publish("lt/v1/u-stop/wakeup", "{\"callID\":\"late\"}", false);
            service.publish("lt/v1/dev-stop/cmd", "selftest", false);
            assertEquals("selftest", control.poll(WAIT_MILLIS, TimeUnit.MILLISECONDS));
            assertTrue(wakeups.isEmpty(), "wakeup delivered after close: " + wakeups);
        }
    }

    private static byte[] jsonOfSize(int bytes) {
        byte[] json = new byte[bytes];
        Arrays.fill(json, (byte) 'x');
        byte[] head = "{\"pad\":\"".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(head, 0, json, 0, head.length);
        json[bytes - 2] = '"';
        json[bytes - 1] = '}';
        return json;
    }
}
