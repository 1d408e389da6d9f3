package org.ltintercom.hal.gpio;

import com.pi4j.io.gpio.digital.DigitalState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.hal.testing.Threads;
import org.ltintercom.hal.time.ManualClock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The call button on the Pi4J mock platform, in virtual time. */
class CallButtonOnPi4jMockTest {

    private static final int CALL_PIN = 17;
    private static final int HANG_UP_PIN = 27;
    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    private final List<ButtonEvent> events = new ArrayList<>();
    private final List<String> threads = new ArrayList<>();
    private Pi4jGpio gpio;
    private DebouncedCallButton button;

    private void start(Polarity polarity) {
        ButtonsConfig config = new ButtonsConfig(
                new ButtonConfig(CALL_PIN, polarity, Pull.AUTO, Duration.ofMillis(30)),
                new ButtonConfig(HANG_UP_PIN, polarity, Pull.AUTO, Duration.ofMillis(30)),
                null, Duration.ofMillis(1500), Duration.ofSeconds(20));
        gpio = Pi4jGpio.mock();
        button = new DebouncedCallButton(config, new Pi4jButtonInputs(gpio, config), clock);
        button.addListener(e -> {
            synchronized (events) {
                events.add(e);
                threads.add(Thread.currentThread().getName());
            }
        });
    }

    @AfterEach
    void stop() {
        if (button != null) {
            button.close();
        }
        if (gpio != null) {
            gpio.close();
        }
    }

    private void level(int pin, boolean high) {
        gpio.mockInput(pin).mockState(high ? DigitalState.HIGH : DigitalState.LOW);
        clock.settle();
    }

    private List<ButtonEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    private List<ButtonGesture> gestures() {
        return events().stream().map(ButtonEvent::gesture).toList();
    }

    private long count(ButtonGesture gesture) {
        return events().stream().filter(e -> e.gesture() == gesture).count();
    }

    @Test
    void pressThroughDebounceGivesExactlyOneShortPress() {
        start(Polarity.ACTIVE_HIGH);
        level(CALL_PIN, true);
        clock.advanceMillis(29);
        assertEquals(List.of(), events(), "nothing before the level has been stable for 30 ms");
        clock.advanceMillis(171);
        level(CALL_PIN, false);
        clock.advanceMillis(100);

        assertEquals(List.of(
                new ButtonEvent(ButtonRole.CALL, ButtonGesture.PRESSED, 0),
                new ButtonEvent(ButtonRole.CALL, ButtonGesture.SHORT_PRESS, 200 * MS),
                new ButtonEvent(ButtonRole.CALL, ButtonGesture.RELEASED, 200 * MS)), events());
    }

    @Test
    void eventsArriveOnTheDispatcherThreadNotTheGpioThread() {
        start(Polarity.ACTIVE_HIGH);
        level(CALL_PIN, true);
        clock.advanceMillis(100);
        level(CALL_PIN, false);
        clock.advanceMillis(100);

        assertEquals(3, threads.size());
        assertTrue(threads.stream().allMatch(DebouncedCallButton.THREAD_NAME::equals), threads.toString());
    }

    @Test
    void bouncingContactOnPressAndReleaseGivesOneShortPress() {
        start(Polarity.ACTIVE_HIGH);
        for (int i = 0; i < 8; i++) {           // 8 ms of contact bounce on the way down
            level(CALL_PIN, i % 2 == 0);
            clock.advanceMillis(1);
        }
        level(CALL_PIN, true);
        clock.advanceMillis(300);
        for (int i = 0; i < 6; i++) {           // and on the way up
            level(CALL_PIN, i % 2 != 0);
            clock.advanceMillis(2);
        }
        level(CALL_PIN, false);
        clock.advanceMillis(300);

        assertEquals(List.of(ButtonGesture.PRESSED, ButtonGesture.SHORT_PRESS, ButtonGesture.RELEASED), gestures());
        ButtonStats stats = button.stats(ButtonRole.CALL);
        assertEquals(1, stats.presses());
        assertTrue(stats.edges() > 10, "the bounces were seen: " + stats);
    }

    @Test
    void spikeShorterThanDebounceIsNoPress() {
        start(Polarity.ACTIVE_HIGH);
        level(CALL_PIN, true);
        clock.advanceMillis(20);
        level(CALL_PIN, false);
        clock.advanceMillis(500);

        assertEquals(List.of(), events());
        assertEquals(new ButtonStats(2, 1, 0, 0, 0), button.stats(ButtonRole.CALL));
    }

    @Test
    void longPressIsReportedOnceWhileHeldAndIsNotAlsoAShortPress() {
        start(Polarity.ACTIVE_HIGH);
        level(CALL_PIN, true);
        clock.advanceMillis(1499);
        assertEquals(0, count(ButtonGesture.LONG_PRESS));
        clock.advanceMillis(1);
        assertEquals(List.of(ButtonGesture.PRESSED, ButtonGesture.LONG_PRESS), gestures());
        assertEquals(1500 * MS, events().get(1).atNanos());
        clock.advanceMillis(3000);
        level(CALL_PIN, false);
        clock.advanceMillis(100);

        assertEquals(List.of(ButtonGesture.PRESSED, ButtonGesture.LONG_PRESS, ButtonGesture.RELEASED), gestures());
    }

    @Test
    void stuckButtonIsReportedOnceAndIgnoredUntilReleased() {
        start(Polarity.ACTIVE_HIGH);
        level(CALL_PIN, true);
        clock.advance(Duration.ofMinutes(5));

        assertEquals(List.of(ButtonGesture.PRESSED, ButtonGesture.LONG_PRESS, ButtonGesture.STUCK), gestures());
        assertEquals(20_000 * MS, events().get(2).atNanos());

        level(CALL_PIN, false);
        clock.advanceMillis(100);
        assertEquals(0, count(ButtonGesture.SHORT_PRESS), "release after stuck is no press");

        level(CALL_PIN, true);                   // a repaired button works again
        clock.advanceMillis(100);
        level(CALL_PIN, false);
        clock.advanceMillis(100);
        assertEquals(1, count(ButtonGesture.SHORT_PRESS));
    }

    @Test
    void buttonHeldThroughStartIsIgnoredUntilReleased() {
        start(Polarity.ACTIVE_LOW);              // the mock pin starts low = pressed for an active-low button
        assertFalse(button.isPressed(ButtonRole.CALL));
        clock.advance(Duration.ofSeconds(60));
        assertEquals(List.of(), events(), "no call, no stuck report for a button held at start");

        level(CALL_PIN, true);                   // released
        clock.advanceMillis(100);
        assertEquals(List.of(), events());

        level(CALL_PIN, false);                  // a real press now
        clock.advanceMillis(100);
        assertTrue(button.isPressed(ButtonRole.CALL));
        level(CALL_PIN, true);
        clock.advanceMillis(100);
        assertEquals(List.of(ButtonGesture.PRESSED, ButtonGesture.SHORT_PRESS, ButtonGesture.RELEASED), gestures());
    }

    @Test
    void flappingInputIsReportedOnceAsChatterAndCannotStormCalls() {
        start(Polarity.ACTIVE_HIGH);
        for (int i = 0; i < 50; i++) {           // a press every 200 ms for 10 s: slower than any debounce
            level(CALL_PIN, true);
            clock.advanceMillis(100);
            level(CALL_PIN, false);
            clock.advanceMillis(100);
        }
        assertEquals(ButtonsConfig.DEFAULT_CHATTER_PRESSES, count(ButtonGesture.SHORT_PRESS));
        assertEquals(1, count(ButtonGesture.CHATTER));

        clock.advance(Duration.ofSeconds(10));   // quiet again
        level(CALL_PIN, true);
        clock.advanceMillis(100);
        level(CALL_PIN, false);
        clock.advanceMillis(100);
        assertEquals(ButtonsConfig.DEFAULT_CHATTER_PRESSES + 1, count(ButtonGesture.SHORT_PRESS), "armed again");
    }

    @Test
    void hangUpButtonReportsItsOwnRole() {
        start(Polarity.ACTIVE_HIGH);
        level(HANG_UP_PIN, true);
        clock.advanceMillis(100);
        level(HANG_UP_PIN, false);
        clock.advanceMillis(100);

        assertEquals(Set.of(ButtonRole.HANG_UP), events().stream().map(ButtonEvent::role).collect(java.util.stream.Collectors.toSet()));
        assertEquals(1, count(ButtonGesture.SHORT_PRESS));
    }

    @Test
    void startingAndStoppingTwiceLeavesNoThreadBehind() {
        Set<String> before = Threads.allThreads();
        for (int round = 0; round < 2; round++) {
            start(Polarity.ACTIVE_HIGH);
            level(CALL_PIN, true);
            clock.advanceMillis(100);
            level(CALL_PIN, false);
            clock.advanceMillis(100);
            button.close();
            gpio.close();
        }
        button = null;
        gpio = null;
        assertEquals(2, count(ButtonGesture.SHORT_PRESS));
        Threads.awaitNoNewThreads(before);
    }
}
