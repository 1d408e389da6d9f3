package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.sdk.internal.mqtt.SessionEvents.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent.Cause;
import org.ltintercom.sdk.internal.mqtt.MqttSessionEvent.State;
import org.ltintercom.sdk.internal.mqtt.TestBroker.Kind;

/** One device session against real brokers: Debian mosquitto and the call-server's embedded Moquette. */
class MqttSessionIT {

    static final Duration WAIT = Duration.ofSeconds(20);

    static MqttConfig deviceConfig(String uri, String deviceId) {
        return MqttConfig.of(uri, deviceId)
                .withStatusTopic(MqttConfig.statusTopicOf(deviceId))
                .withBackoff(Duration.ofMillis(50), Duration.ofSeconds(1))
                .withKeepAlive(Duration.ofSeconds(5))
                .withOperationTimeout(Duration.ofSeconds(5));
    }

    /** Waits for the first CONNECTED event and returns the index after it, to look for later events. */
    static int connected(SessionEvents events) throws InterruptedException {
        events.await(state(State.CONNECTED), WAIT);
        return events.size();
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void connectingPublishesRetainedOnlineStatus(Kind kind) throws Exception {
        try (TestBroker broker = TestBroker.anonymous(kind);
             MqttSession session = new MqttSession(deviceConfig(broker.uri(), "dev-online"))) {
            session.setStatusFields(Map.of("app", "door-station"));
            session.start();
            assertTrue(session.awaitConnected(WAIT), "connected");
            try (TestClient observer = TestClient.connect(broker.uri()).subscribe("lt/v1/dev-online/status")) {
                TestClient.Received status = observer.next(WAIT); // replayed to a later subscriber: retained
                assertEquals(broker.flagsRetainedReplays(), status.retained(), status.toString());
                assertTrue(status.payload().contains("\"state\":\"online\""), status.payload());
                assertTrue(status.payload().contains("\"app\":\"door-station\""), status.payload());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void droppedConnectionLeavesRetainedOfflineWillAndReconnectPublishesOnline(Kind kind) throws Exception {
        try (TestBroker broker = TestBroker.anonymous(kind);
             TcpCutter network = new TcpCutter(broker.uri());
             MqttSession session = new MqttSession(deviceConfig(network.uri(), "dev-will"));
             TestClient observer = TestClient.connect(broker.uri())) {
            SessionEvents events = new SessionEvents();
            session.addListener(events);
            session.start();
            int mark = connected(events);
            observer.subscribe("lt/v1/dev-will/status");
            observer.awaitMessage(m -> m.payload().contains("online"), WAIT);

            network.cut();
            TestClient.Received will = observer.awaitMessage(m -> m.payload().contains("offline"), WAIT);
            assertTrue(will.payload().contains("connection-lost"), will.payload());
            MqttSessionEvent lost = events.await(mark, 1, state(State.DISCONNECTED), WAIT);
            assertEquals(Cause.CONNECTION_LOST, lost.cause(), lost.toString());
            try (TestClient late = TestClient.connect(broker.uri()).subscribe("lt/v1/dev-will/status")) {
                TestClient.Received retained = late.next(WAIT);
                // Moquette 0.17 sends the will live only and keeps the old retained status
                assertEquals(broker.retainsWill(), retained.payload().contains("offline"), retained.toString());
                assertEquals(broker.flagsRetainedReplays(), retained.retained(), retained.toString());
            }

            network.reconnect();
            events.await(mark, 1, state(State.CONNECTED), WAIT);
            observer.awaitMessage(m -> m.payload().contains("\"state\":\"online\""), WAIT);
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cleanCloseLeavesShutdownStatusInsteadOfTheWill(Kind kind) throws Exception {
        try (TestBroker broker = TestBroker.anonymous(kind)) {
            MqttSession session = new MqttSession(deviceConfig(broker.uri(), "dev-bye"));
            session.start();
            assertTrue(session.awaitConnected(WAIT));
            session.close();
            assertEquals(State.CLOSED, session.state().state());
            try (TestClient late = TestClient.connect(broker.uri()).subscribe("lt/v1/dev-bye/status")) {
                TestClient.Received retained = late.next(WAIT);
                assertTrue(retained.payload().contains("\"reason\":\"shutdown\""), retained.payload());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void brokerRestartReconnectsResubscribesAndDeliversTheNextWakeup(Kind kind) throws Exception {
        BlockingQueue<String> wakeups = new LinkedBlockingQueue<>();
        try (TestBroker broker = TestBroker.anonymous(kind);
             MqttSession session = new MqttSession(deviceConfig(broker.uri(), "dev-restart"))) {
            SessionEvents events = new SessionEvents();
            session.addListener(events);
            WakeupReceiver receiver = new WakeupReceiver(session, "u-restart", wakeups::add);
            receiver.start();
            session.start();
            int mark = connected(events);
            broker.restart();
            events.await(mark, 1, state(State.DISCONNECTED), WAIT);
            events.await(mark, 1, state(State.CONNECTED), WAIT);

            try (TestClient service = TestClient.connect(broker.uri())) {
                service.publish("lt/v1/u-restart/wakeup", "{\"callID\":\"after-restart\"}", false);
            }
            assertEquals("{\"callID\":\"after-restart\"}", wakeups.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(session.stats().connects() >= 2, session.stats().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void offlineBufferKeepsTheNewestPublishesAndFlushesThemInOrderAfterReconnect(Kind kind) throws Exception {
        try (TestBroker broker = TestBroker.anonymous(kind);
             TcpCutter network = new TcpCutter(broker.uri());
             MqttSession session = new MqttSession(deviceConfig(network.uri(), "dev-buf").withOfflineBuffer(5));
             TestClient observer = TestClient.connect(broker.uri()).subscribe("lt/v1/dev-buf/event")) {
            SessionEvents events = new SessionEvents();
            session.addListener(events);
            session.start();
            int mark = connected(events);
            network.cut();
            events.await(mark, 1, state(State.DISCONNECTED), WAIT);
            for (int i = 1; i <= 8; i++) {
                session.publish("lt/v1/dev-buf/event", ("e" + i).getBytes(StandardCharsets.UTF_8), false);
            }
            MqttSessionStats whileDown = session.stats();
            assertEquals(5, whileDown.queued(), whileDown.toString());
            assertEquals(3, whileDown.dropped(), whileDown.toString());

            network.reconnect();
            List<String> delivered = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                delivered.add(observer.next(WAIT).payload());
            }
            assertEquals(List.of("e4", "e5", "e6", "e7", "e8"), delivered);
            assertEquals(0, session.stats().queued());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void wrongPasswordIsReportedAsRefusedCredentialsAndRetriedWithBackoff(Kind kind) throws Exception {
        try (TestBroker broker = TestBroker.secured(kind, Map.of("dev-1", "right-pass"),
                Map.of("dev-1", List.of("lt/v1/dev-1/#")));
             MqttSession session = new MqttSession(
                     deviceConfig(broker.uri(), "dev-1").withCredentials("dev-1", "wrong-pass"))) {
            SessionEvents events = new SessionEvents();
            session.addListener(events);
            session.start();
            MqttSessionEvent first = events.await(0, 1, e -> e.cause() == Cause.REFUSED_CREDENTIALS, WAIT);
            MqttSessionEvent second = events.await(0, 2, e -> e.cause() == Cause.REFUSED_CREDENTIALS, WAIT);
            assertEquals(State.DISCONNECTED, first.state());
            assertTrue(first.reason().contains("refused the credentials"), first.reason());
            assertFalse(first.reason().contains("wrong-pass"), "the password never appears in a reason");
            assertEquals(first.attempt() + 1, second.attempt(), "each refusal counts as a further attempt");
            assertTrue(second.nextRetry().compareTo(Duration.ofSeconds(1)) <= 0, "retry delay is capped");
            assertFalse(session.isConnected());
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void rightCredentialsConnectAndTopicsOutsideTheAclAreNotDelivered(Kind kind) throws Exception {
        Map<String, String> users = Map.of("dev-1", "right-pass", "service", "service-pass");
        Map<String, List<String>> acl = Map.of(
                "dev-1", List.of("lt/v1/dev-1/#", "lt/v1/u-1/wakeup"),
                "service", List.of("lt/#"));
        BlockingQueue<String> wakeups = new LinkedBlockingQueue<>();
        List<MqttInbound> outside = new CopyOnWriteArrayList<>();
        try (TestBroker broker = TestBroker.secured(kind, users, acl);
             MqttSession session = new MqttSession(
                     deviceConfig(broker.uri(), "dev-1").withCredentials("dev-1", "right-pass"));
             TestClient service = TestClient.connect(broker.uri(), "service", "service-pass")) {
            new WakeupReceiver(session, "u-1", wakeups::add).start();
            session.subscribe("lt/v1/u-2/wakeup", outside::add);
            session.start();
            assertTrue(session.awaitConnected(WAIT));

            service.publish("lt/v1/u-2/wakeup", "{\"callID\":\"not-yours\"}", false);
            service.publish("lt/v1/u-1/wakeup", "{\"callID\":\"yours\"}", false);
            assertEquals("{\"callID\":\"yours\"}", wakeups.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertTrue(outside.isEmpty(), "a wakeup outside the device's ACL was delivered: " + outside);

            service.subscribe("lt/v1/+/event");
            session.publish("lt/v1/dev-2/event", "forged".getBytes(StandardCharsets.UTF_8), false);
            session.publish("lt/v1/dev-1/event", "own".getBytes(StandardCharsets.UTF_8), false);
            TestClient.Received first = service.next(WAIT);
            assertEquals("lt/v1/dev-1/event", first.topic(), "the device's publish outside its ACL reached the service");
        }
    }
}
