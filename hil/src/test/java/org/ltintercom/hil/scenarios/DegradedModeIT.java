package org.ltintercom.hil.scenarios;

import org.junit.jupiter.api.Test;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hil.LedPatternReader;
import org.ltintercom.hil.SignalTimeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ltintercom.hil.scenarios.DeviceConfigs.deadPort;
import static org.ltintercom.hil.scenarios.DeviceConfigs.doorStation;
import static org.ltintercom.hil.scenarios.DeviceConfigs.secrets;

/**
 * The door station when calls cannot be made: its service and broker are down (nothing listens on
 * their ports). A visitor must still get an answer, and the ring must not be lost.
 */
public class DegradedModeIT extends RigScenario {

    /** The error chime's three falling notes (hal Tone.ERROR_CHIME). */
    static final double[] CHIME_NOTES = {880, 660, 440};
    /** Well above codec and rounding noise, far below the chime's level. */
    static final double AUDIBLE = 500;

    /** Starts the station with its service and broker down (nothing listens on their port). */
    public static void startOffline(org.ltintercom.hil.Rig rig) {
        int dead = deadPort();
        rig.startApp(doorStation(DeviceConfigs.DEVICE_ID, "uuid-door-1", "http://127.0.0.1:" + dead,
                "tcp://127.0.0.1:" + dead, "flat-1"), secrets("demo-license", "4711"));
    }

    private void startOffline() {
        startOffline(rig);
    }

    @Test
    void buttonWhileUnregisteredChimesShowsTheErrorPatternAndQueuesTheEvent(ScenarioTimings timings) throws Exception {
        long started = System.nanoTime();
        startOffline();
        // registering (SLOW_BLINK) or sign-in failed (ERROR): whatever the station shows while it cannot call
        LedPattern before = LedPatternReader.awaitAny(rig.statusLed(), started, rig.patience());
        assertTrue(before != LedPattern.ON, "a station that cannot call must not look ready");
        long pressed = System.nanoTime();
        rig.clickCallButton();

        long chime = rig.speaker().awaitHeard(CHIME_NOTES[0], AUDIBLE, pressed, rig.patience());
        timings.record("button -> chime", pressed, chime);
        // that all three notes play is ErrorChimePendingIT (on main the chime is cut short)

        long error = LedPatternReader.await(rig.statusLed(), LedPattern.ERROR, pressed, rig.patience());
        if (before != LedPattern.ERROR) {
            timings.record("button -> ERROR LED", pressed, error);
        }

        rig.statusLed().await("the press queued as an event", rig.patience(), t -> rig.app().pendingEvents().size() == 1);
        Path saved = dir.resolve("device/state/pending-events.json");
        String events = Files.readString(saved);
        assertTrue(events.contains("\"type\":\"button-pressed-offline\""), events);
        assertTrue(events.contains("\"reason\":\"sip-unregistered\"") || events.contains("\"reason\":\"network-down\""), events);

        // the error pattern is a signal, not a new state: after its show time the LED shows what the
        // station's state calls for, as before the press
        long shown = Math.max(error, pressed) + org.ltintercom.app.behaviour.DegradedMode.ERROR_SHOW_TIME.toNanos();
        rig.statusLed().await("the error show time over", rig.patience(), t -> System.nanoTime() > shown);
        rig.statusLed().await("the LED shows the presenter's pattern again", rig.patience(), t -> LedPatternReader
                .recognise(t, shown, System.nanoTime()).filter(p -> p == rig.app().hardware().presenter().ledPattern()).isPresent());
        assertFalse(rig.relay().edges().stream().anyMatch(SignalTimeline.Edge::high), "the door stayed locked");
    }

    @Test
    void secondPressWhileOfflineChimesAgainAndQueuesBothInOrder(ScenarioTimings timings) throws Exception {
        startOffline();
        long first = System.nanoTime();
        rig.clickCallButton();
        long chime1 = rig.speaker().awaitHeard(CHIME_NOTES[0], AUDIBLE, first, rig.patience());
        rig.statusLed().await("first press queued", rig.patience(), t -> rig.app().pendingEvents().size() == 1);

        long second = System.nanoTime();
        rig.clickCallButton();
        // the first chime's 880 Hz note lasts 150 ms: listen for the second chime after it. Only its
        // start is asserted (any sound): on main a chime may be cut after a few frames (ErrorChimePendingIT)
        long after = Math.max(second, chime1 + 250_000_000L);
        rig.speaker().await("a second chime", rig.patience(), r -> r.level(after, System.nanoTime()) > AUDIBLE / 4);
        rig.statusLed().await("second press queued", rig.patience(), t -> rig.app().pendingEvents().size() == 2);
        LedPatternReader.await(rig.statusLed(), LedPattern.ERROR, second, rig.patience());

        String events = Files.readString(dir.resolve("device/state/pending-events.json"));
        List<Long> at = new com.fasterxml.jackson.databind.ObjectMapper().readTree(events).path("events")
                .findValues("at").stream().map(n -> n.asLong()).toList();
        assertEquals(2, at.size(), events);
        assertTrue(at.get(0) <= at.get(1), "oldest first: " + events);
    }

    @Test
    void stoppingTheAppLeavesTheLedDarkAndTheDoorLocked() {
        startOffline();
        long pressed = System.nanoTime();
        rig.clickCallButton();
        LedPatternReader.await(rig.statusLed(), LedPattern.ERROR, pressed, rig.patience());
        rig.stopApp();
        assertFalse(rig.statusLed().level(), "LED dark after stop: " + SignalTimeline.describe(rig.statusLed().edges()));
        assertFalse(rig.relay().level(), "relay released after stop");
    }
}
