package org.ltintercom.app.systemd;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.app.testing.Await;
import org.ltintercom.app.testing.FakeTimers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SdNotifyTest {

    @TempDir
    Path dir;

    private static String receive(UnixDatagramSocket receiver) {
        return Await.value(receiver::poll, 5000, "a notify datagram");
    }

    @Test
    void readyStatusWatchdogAndStoppingArriveAsDatagramsOnAPathSocket() {
        String path = dir.resolve("notify.sock").toString();
        try (UnixDatagramSocket receiver = UnixDatagramSocket.open();
             SdNotify notify = SdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", path))) {
            receiver.bind(path);
            assertTrue(notify.enabled());
            notify.ready("running");
            assertEquals("READY=1\nSTATUS=running", receive(receiver));
            notify.watchdog();
            assertEquals("WATCHDOG=1", receive(receiver));
            notify.stopping();
            assertEquals("STOPPING=1\nSTATUS=stopping", receive(receiver));
        }
    }

    @Test
    void abstractSocketNamesStartingWithAtAreUnderstood() {
        String name = "@lt-intercom-test-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        try (UnixDatagramSocket receiver = UnixDatagramSocket.open(); SdNotify notify = SdNotify.to(name)) {
            receiver.bind(name);
            notify.status("hello");
            assertEquals("STATUS=hello", receive(receiver));
        }
    }

    @Test
    void withoutNotifySocketEverythingIsANoOp() {
        try (SdNotify notify = SdNotify.fromEnvironment(Map.of())) {
            assertFalse(notify.enabled());
            notify.ready("x"); // must not throw
        }
    }

    @Test
    void readyIsSentOnlyOnceEveryConditionIsTrue() {
        String path = dir.resolve("n.sock").toString();
        FakeTimers timers = new FakeTimers();
        try (UnixDatagramSocket receiver = UnixDatagramSocket.open(); SdNotify notify = SdNotify.to(path)) {
            receiver.bind(path);
            Readiness readiness = new Readiness(notify, timers, Duration.ofSeconds(90),
                    Readiness.AUDIO_OPEN, Readiness.SIP_REGISTERED, Readiness.MQTT_CONNECTED);
            java.util.concurrent.atomic.AtomicInteger readyActions = new java.util.concurrent.atomic.AtomicInteger();
            readiness.whenReady(readyActions::incrementAndGet);
            assertEquals("STATUS=starting: waiting for audio-open, sip-registered, mqtt-connected", receive(receiver));
            readiness.set(Readiness.AUDIO_OPEN, true);
            readiness.set(Readiness.SIP_REGISTERED, true);
            assertEquals("STATUS=starting: waiting for sip-registered, mqtt-connected", receive(receiver));
            assertEquals("STATUS=starting: waiting for mqtt-connected", receive(receiver));
            assertFalse(readiness.ready());
            readiness.set(Readiness.MQTT_CONNECTED, true);
            assertEquals("READY=1\nSTATUS=running", receive(receiver));
            assertEquals(1, readyActions.get(), "the ready action runs with READY=1");
            readiness.set(Readiness.SIP_REGISTERED, false);
            assertEquals("STATUS=degraded: waiting for sip-registered", receive(receiver));
            timers.advanceSeconds(100);
            assertEquals(1, readyActions.get(), "and only once");
            assertEquals(Optional.empty(), receiver.poll(), "no second READY");
        }
    }

    @Test
    void afterTheGraceTimeReadyIsSentDegradedSoSystemdDoesNotKillAnOfflineDoorbell() {
        String path = dir.resolve("g.sock").toString();
        FakeTimers timers = new FakeTimers();
        try (UnixDatagramSocket receiver = UnixDatagramSocket.open(); SdNotify notify = SdNotify.to(path)) {
            receiver.bind(path);
            Readiness readiness = new Readiness(notify, timers, Duration.ofSeconds(90), Readiness.AUDIO_OPEN,
                    Readiness.SIP_REGISTERED);
            java.util.concurrent.atomic.AtomicInteger readyActions = new java.util.concurrent.atomic.AtomicInteger();
            readiness.whenReady(readyActions::incrementAndGet);
            receive(receiver);
            readiness.set(Readiness.AUDIO_OPEN, true);
            receive(receiver);
            timers.advanceSeconds(90);
            assertEquals("READY=1\nSTATUS=degraded: waiting for sip-registered", receive(receiver));
            assertEquals(1, readyActions.get(), "a degraded READY=1 runs it too");
        }
    }

    @Test
    void watchdogPingsOnlyWhileTheEventLoopBeats() {
        String path = dir.resolve("w.sock").toString();
        AtomicLong now = new AtomicLong();
        try (UnixDatagramSocket receiver = UnixDatagramSocket.open(); SdNotify notify = SdNotify.to(path)) {
            receiver.bind(path);
            Watchdog watchdog = new Watchdog(notify, Duration.ofSeconds(10), now::get);
            now.addAndGet(Duration.ofSeconds(5).toNanos());
            assertTrue(watchdog.pingIfHealthy());
            assertEquals("WATCHDOG=1", receive(receiver));
            now.addAndGet(Duration.ofSeconds(5).toNanos()); // 10 s without a heartbeat: the loop is stuck
            assertFalse(watchdog.pingIfHealthy());
            assertEquals(Optional.empty(), receiver.poll());
            watchdog.heartbeat();
            assertTrue(watchdog.pingIfHealthy());
            assertEquals("WATCHDOG=1", receive(receiver));
        }
    }

    @Test
    void watchdogIntervalComesFromTheEnvironmentOnlyForThisProcess() {
        assertEquals(Optional.of(Duration.ofSeconds(30)), Watchdog.intervalFrom(Map.of("WATCHDOG_USEC", "30000000"), 42));
        assertEquals(Optional.empty(), Watchdog.intervalFrom(Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42));
        assertEquals(Optional.empty(), Watchdog.intervalFrom(Map.of(), 42));
    }

    @Test
    void watchdogThreadPingsAndStopsWithoutLeavingAThread() {
        String path = dir.resolve("t.sock").toString();
        Set<String> before = Await.threadNames();
        try (UnixDatagramSocket receiver = UnixDatagramSocket.open(); SdNotify notify = SdNotify.to(path)) {
            receiver.bind(path);
            for (int cycle = 0; cycle < 2; cycle++) {
                Watchdog watchdog = new Watchdog(notify, Duration.ofMillis(200), System::nanoTime);
                watchdog.start();
                watchdog.heartbeat();
                assertEquals("WATCHDOG=1", receive(receiver));
                watchdog.close();
                Await.noNewThreads(before);
                while (receiver.poll().isPresent()) {
                    // drain pings sent before close
                }
            }
        }
    }
}
