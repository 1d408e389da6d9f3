package org.ltintercom.sdk.internal.mqtt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.internal.mqtt.peers.Mosquitto;

/** Start/stop cycles of a session leave no thread behind, Paho's included. */
class MqttSessionThreadsIT {

    @Test
    void twoStartStopCyclesLeaveNoThreadBehind() throws Exception {
        try (Mosquitto mosquitto = Mosquitto.anonymous()) {
            Set<String> before = liveThreadNames();
            for (int cycle = 1; cycle <= 2; cycle++) {
                try (MqttSession session = new MqttSession(MqttSessionIT.deviceConfig(mosquitto.uri(), "dev-cycle"))) {
                    new WakeupReceiver(session, "u-cycle", wakeup -> { }).start();
                    session.start();
                    assertTrue(session.awaitConnected(MqttSessionIT.WAIT));
                    session.publish("lt/v1/dev-cycle/event", new byte[] {'x'}, false);
                }
                // a session closed while it waits to retry an unreachable broker
                SessionEvents events = new SessionEvents();
                try (MqttSession session = new MqttSession(MqttSessionIT.deviceConfig(unusedPortUri(), "dev-cycle"))) {
                    session.addListener(events);
                    session.start();
                    events.await(SessionEvents.state(MqttSessionEvent.State.DISCONNECTED), MqttSessionIT.WAIT);
                }
            }
            assertNoThreadsBeyond(before, Duration.ofSeconds(10));
        }
    }

    static Set<String> liveThreadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Waits briefly for threads to die, then fails naming any thread that was not there before. */
    static void assertNoThreadsBeyond(Set<String> before, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> extra;
        do {
            extra = new TreeSet<>(liveThreadNames());
            extra.removeAll(before);
            if (extra.isEmpty()) {
                return;
            }
            LockSupport.parkNanos(50_000_000L);
        } while (System.nanoTime() < deadline);
        assertTrue(extra.isEmpty(), "threads left behind: " + extra);
    }

    private static String unusedPortUri() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return "tcp://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
