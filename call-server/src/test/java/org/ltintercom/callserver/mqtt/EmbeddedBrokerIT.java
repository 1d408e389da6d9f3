package org.ltintercom.callserver.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedBrokerIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void deliversQos1MessagesOnAFreeLoopbackPort() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback());
             PahoProbe device = new PahoProbe(broker.uri());
             PahoProbe service = new PahoProbe(broker.uri())) {
            assertTrue(broker.uri().startsWith("tcp://127.0.0.1:"), broker.uri());
            assertTrue(broker.port() > 0);
            assertEquals(1, device.subscribe("lt/v1/u-1/wakeup"));
            service.publish("lt/v1/u-1/wakeup", "{\"callID\":\"c-1\"}", false);
            PahoProbe.Received wakeup = device.next(WAIT);
            assertEquals(new PahoProbe.Received("lt/v1/u-1/wakeup", "{\"callID\":\"c-1\"}", false, 1), wakeup);
            assertEquals(2, broker.connectedClients());
        }
    }

    @Test
    void passwordsAreCheckedAndAWrongOneIsRefused() throws Exception {
        EmbeddedBroker.Config config = EmbeddedBroker.Config.loopback().withUsers(Map.of("dev-1", "right-pass"));
        try (EmbeddedBroker broker = EmbeddedBroker.start(config)) {
            MqttException wrong = assertThrows(MqttException.class, () -> new PahoProbe(broker.uri(), "dev-1", "nope"));
            assertTrue(wrong.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || wrong.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, wrong.toString());
            MqttException anonymous = assertThrows(MqttException.class, () -> new PahoProbe(broker.uri()));
            assertTrue(anonymous.getReasonCode() == MqttException.REASON_CODE_FAILED_AUTHENTICATION
                    || anonymous.getReasonCode() == MqttException.REASON_CODE_NOT_AUTHORIZED, anonymous.toString());
            new PahoProbe(broker.uri(), "dev-1", "right-pass").close();
            assertFalse(config.toString().contains("right-pass"), "passwords never appear in the text form");
        }
    }

    @Test
    void aclKeepsEachUserToTheirTopics() throws Exception {
        EmbeddedBroker.Config config = EmbeddedBroker.Config.loopback()
                .withUsers(Map.of("dev-1", "p1", "service", "ps"))
                .withAcl(Map.of("dev-1", List.of("lt/v1/dev-1/#"), "service", List.of("lt/#")));
        try (EmbeddedBroker broker = EmbeddedBroker.start(config);
             PahoProbe device = new PahoProbe(broker.uri(), "dev-1", "p1");
             PahoProbe service = new PahoProbe(broker.uri(), "service", "ps")) {
            assertEquals(0x80, device.subscribe("lt/v1/dev-2/cmd"), "subscription outside the ACL is refused");
            assertEquals(1, device.subscribe("lt/v1/dev-1/cmd"));
            assertEquals(1, service.subscribe("lt/v1/+/event"));
            device.publishWithoutWaiting("lt/v1/dev-2/event", "forged");
            device.publish("lt/v1/dev-1/event", "own", false);
            assertEquals("lt/v1/dev-1/event", service.next(WAIT).topic(), "the forged event was delivered");
        }
    }

    @Test
    void retainedWakeupsAreNotKeptButRetainedStatusIs() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback());
             PahoProbe service = new PahoProbe(broker.uri())) {
            service.publish("lt/v1/u-1/wakeup", "{\"callID\":\"stale\"}", true);
            service.publish("lt/v1/dev-1/status", "{\"state\":\"online\"}", true);
            try (PahoProbe late = new PahoProbe(broker.uri())) {
                late.subscribe("lt/v1/dev-1/status");
                assertEquals("{\"state\":\"online\"}", late.next(WAIT).payload(), "retained status is kept");
                awaitNoRetainedWakeup(broker, service);
            }
        }
    }

    /** The purge runs just after the publish; a late subscriber must then find no retained wakeup. */
    private static void awaitNoRetainedWakeup(EmbeddedBroker broker, PahoProbe service) throws Exception {
        try (PahoProbe device = new PahoProbe(broker.uri())) {
            device.subscribe("lt/v1/u-1/wakeup");
            service.publish("lt/v1/u-1/wakeup", "{\"callID\":\"fresh\"}", false);
            assertEquals("{\"callID\":\"fresh\"}", device.next(WAIT).payload(), "a retained wakeup was replayed");
        }
    }

    @Test
    void persistsOnlyIntoItsDataDirectory(@TempDir Path dataDir) throws Exception {
        Set<String> workingDirBefore = listing(Path.of(System.getProperty("user.dir")));
        try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback().withDataDir(dataDir));
             PahoProbe service = new PahoProbe(broker.uri())) {
            service.publish("lt/v1/dev-1/status", "{\"state\":\"online\"}", true);
        }
        try (EmbeddedBroker memoryOnly = EmbeddedBroker.start(EmbeddedBroker.Config.loopback());
             PahoProbe service = new PahoProbe(memoryOnly.uri())) {
            service.publish("lt/v1/dev-1/status", "{\"state\":\"online\"}", true);
        }
        assertFalse(listing(dataDir).isEmpty(), "the persistent broker wrote its store into the data dir");
        assertEquals(workingDirBefore, listing(Path.of(System.getProperty("user.dir"))),
                "nothing was written into the working directory");
    }

    @Test
    void twoStartStopCyclesLeaveNoThreadBehind() throws Exception {
        Set<String> before = liveThreadNames();
        for (int cycle = 0; cycle < 2; cycle++) {
            try (EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Config.loopback());
                 PahoProbe client = new PahoProbe(broker.uri())) {
                client.subscribe("lt/v1/dev-1/cmd");
                client.publish("lt/v1/dev-1/cmd", "selftest", false);
                client.next(WAIT);
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Set<String> extra;
        do {
            extra = new TreeSet<>(liveThreadNames());
            extra.removeAll(before);
            LockSupport.parkNanos(50_000_000L);
        } while (!extra.isEmpty() && System.nanoTime() < deadline);
        assertTrue(extra.isEmpty(), "threads left behind: " + extra);
    }

    private static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(Path::getFileName).map(Path::toString).collect(Collectors.toCollection(TreeSet::new));
        }
    }

}
