package org.ltintercom.callserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class MqttWakeupPublisherIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void publishesTheWakeupAtQos1NotRetainedOnTheUsersTopic() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback());
             PahoProbe device = new PahoProbe(broker.uri());
             MqttWakeupPublisher publisher = new MqttWakeupPublisher(
                     MqttWakeupPublisher.Config.of(broker.uri(), "call-server"))) {
            device.subscribe("lt/v1/u-7/wakeup");
            assertTrue(publisher.awaitConnected(WAIT));
            publisher.publishIncomingCall("u-7", "{\"callID\":\"c-7\"}").get(20, TimeUnit.SECONDS);
            assertEquals(new PahoProbe.Received("lt/v1/u-7/wakeup", "{\"callID\":\"c-7\"}", false, 1),
                    device.next(WAIT));
        }
    }

    @Test
    void reconnectsAfterTheBrokerRestarts() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback());
        try (MqttWakeupPublisher publisher = new MqttWakeupPublisher(
                new MqttWakeupPublisher.Config(broker.uri(), "call-server", null, null, Duration.ofSeconds(2)))) {
            assertTrue(publisher.awaitConnected(WAIT));
            EmbeddedBroker.Config samePort = broker.config().withPort(broker.port());
            broker.close();
            ExecutionException down = assertThrows(ExecutionException.class,
                    () -> publisher.publishIncomingCall("u-7", "{}").get(20, TimeUnit.SECONDS));
            assertTrue(down.getCause() != null, "a wakeup fails while the broker is down");
            broker = EmbeddedBroker.start(samePort);
            assertTrue(publisher.awaitConnected(WAIT), "publisher reconnected");
            try (PahoProbe device = new PahoProbe(broker.uri())) {
                device.subscribe("lt/v1/u-7/wakeup");
                publisher.publishIncomingCall("u-7", "{\"callID\":\"after\"}").get(20, TimeUnit.SECONDS);
                assertEquals("{\"callID\":\"after\"}", device.next(WAIT).payload());
            }
        } finally {
            broker.close();
        }
    }

    @Test
    void badTopicOrPayloadIsRefusedNamingTheField() throws Exception {
        try (MqttWakeupPublisher publisher = new MqttWakeupPublisher(
                MqttWakeupPublisher.Config.of(unusedPortUri(), "call-server"))) {
            ExecutionException topic = assertThrows(ExecutionException.class,
                    () -> publisher.publishWakeup("lt/v1/+/wakeup", "{}").get(5, TimeUnit.SECONDS));
            assertTrue(topic.getCause().getMessage().startsWith("wakeupTopic:"), topic.getCause().getMessage());
            ExecutionException user = assertThrows(ExecutionException.class,
                    () -> publisher.publishIncomingCall("a/b", "{}").get(5, TimeUnit.SECONDS));
            assertTrue(user.getCause().getMessage().startsWith("userID:"), user.getCause().getMessage());
            ExecutionException size = assertThrows(ExecutionException.class,
                    () -> publisher.publishIncomingCall("u-1", "x".repeat(16 * 1024 + 1)).get(5, TimeUnit.SECONDS));
            assertTrue(size.getCause().getMessage().startsWith("payloadJson:"), size.getCause().getMessage());
        }
    }

    @Test
    void closedPublisherLeavesNoThreadBehind() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback())) {
            for (int cycle = 0; cycle < 2; cycle++) {
                try (MqttWakeupPublisher publisher = new MqttWakeupPublisher(
                        MqttWakeupPublisher.Config.of(broker.uri(), "call-server"))) {
                    assertTrue(publisher.awaitConnected(WAIT));
                    publisher.publishIncomingCall("u-1", "{}").get(20, TimeUnit.SECONDS);
                }
            }
            Set<String> left = Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                    .map(Thread::getName).filter(name -> name.contains("call-server") || name.startsWith("lt-wakeup"))
                    .collect(Collectors.toSet());
            assertTrue(left.isEmpty(), "publisher threads left: " + left);
        }
    }

    private static String unusedPortUri() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return "tcp://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
