package org.ltintercom.hal.gpio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.hal.time.HalScheduler;
import org.ltintercom.hal.time.ManualClock;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Status LED patterns on the Pi4J mock platform, with exact virtual-time timestamps. */
class StatusLedOnPi4jMockTest {

    private static final long MS = 1_000_000L;

    private final ManualClock clock = new ManualClock();
    private final Pi4jGpio gpio = Pi4jGpio.mock();
    private final HalScheduler outputs = new HalScheduler("lt-hal-outputs", clock);
    private final LedTimeline timeline = new LedTimeline();
    private PatternLed led;

    private PatternLed led(int pin, Polarity polarity, boolean dimmable) {
        led = new PatternLed("status", new Pi4jLedOutput(gpio, new LedConfig("status", pin, polarity, dimmable)), outputs);
        led.addListener(timeline);
        return led;
    }

    @AfterEach
    void stop() {
        if (led != null) {
            led.close();
        }
        outputs.close();
        gpio.close();
    }

    /** (time in ms, on/off) pairs of a pattern's transitions. */
    private List<String> onOff(LedPattern pattern) {
        return timeline.of(pattern).stream()
                .map(t -> t.scheduledNanos() / MS + (t.on() ? ":on" : ":off")).toList();
    }

    @Test
    void slowBlinkTogglesEveryHalfSecondOnThePin() {
        led(22, Polarity.ACTIVE_HIGH, false);
        List<Boolean> pin = new ArrayList<>();
        gpio.watchMockOutput(22, pin::add);
        led.show(LedPattern.SLOW_BLINK);
        clock.advanceMillis(2000);

        assertEquals(List.of("0:on", "500:off", "1000:on", "1500:off", "2000:on"), onOff(LedPattern.SLOW_BLINK));
        assertEquals(List.of(true, false, true, false, true), pin);
        assertTrue(timeline.transitions().stream().allMatch(t -> t.actualNanos() == t.scheduledNanos()),
                "in virtual time every step lands exactly when scheduled");
    }

    @Test
    void activeLowLedPullsThePinLowWhenOn() {
        led(22, Polarity.ACTIVE_LOW, false);
        assertTrue(gpio.mockOutputHigh(22), "dark at start");
        led.show(LedPattern.ON);
        clock.settle();
        assertFalse(gpio.mockOutputHigh(22));
    }

    @Test
    void doubleBlinkFlashesTwiceThenPauses() {
        led(22, Polarity.ACTIVE_HIGH, false);
        clock.advanceMillis(70);                         // patterns start when shown, not at clock zero
        led.show(LedPattern.DOUBLE_BLINK);
        clock.advanceMillis(1120);

        assertEquals(List.of("70:on", "190:off", "310:on", "430:off", "1190:on"), onOff(LedPattern.DOUBLE_BLINK));
    }

    @Test
    void errorPatternIsThreeFlashesAndALongPause() {
        led(22, Polarity.ACTIVE_HIGH, false);
        led.show(LedPattern.ERROR);
        clock.advanceMillis(1500);

        assertEquals(List.of("0:on", "100:off", "200:on", "300:off", "400:on", "500:off", "1500:on"),
                onOff(LedPattern.ERROR));
    }

    @Test
    void breathingFadesThroughPwmDutyOnAPwmPin() {
        led(18, Polarity.ACTIVE_HIGH, true);
        assertTrue(led.dimmable());
        List<Float> duties = new ArrayList<>();
        led.addListener(t -> duties.add(gpio.mockPwmDuty(18)));
        led.show(LedPattern.BREATHING);
        clock.advanceMillis(1000);                        // half a breath: dark -> full

        assertTrue(duties.size() >= LedPattern.BREATH_STEPS / 2 - 1, "about one change per 50 ms step: " + duties);
        for (int i = 1; i < duties.size(); i++) {
            assertTrue(duties.get(i) >= duties.get(i - 1), "rising during the first half: " + duties);
        }
        assertEquals(100f, duties.get(duties.size() - 1), 0.01f);
    }

    @Test
    void breathingBlinksSlowlyOnAPinWithoutPwm() {
        led(22, Polarity.ACTIVE_HIGH, true);             // dimmable asked, but GPIO22 has no hardware PWM
        assertFalse(led.dimmable());
        led.show(LedPattern.BREATHING);
        clock.advanceMillis(2000);

        assertEquals(List.of("0:on", "1800:off", "2000:on"), onOff(LedPattern.BREATHING));
    }

    @Test
    void switchingPatternRestartsFromTheFirstStepAtOnce() {
        led(22, Polarity.ACTIVE_HIGH, false);
        led.show(LedPattern.FAST_BLINK);
        clock.advanceMillis(300);
        led.show(LedPattern.ON);
        clock.advanceMillis(1000);

        assertEquals(List.of("0:on", "125:off", "250:on"), onOff(LedPattern.FAST_BLINK));
        assertEquals(List.of("300:on"), onOff(LedPattern.ON));
    }

    @Test
    void brightnessChangedMidPatternScalesTheStepShowingNowAndEveryLaterStepOnPwm() {
        led(18, Polarity.ACTIVE_HIGH, true);
        led.show(LedPattern.SLOW_BLINK);
        clock.advanceMillis(200);                         // in the first "on" half
        led.setBrightness(0.25);
        clock.advanceMillis(1300);

        List<String> levels = timeline.of(LedPattern.SLOW_BLINK).stream()
                .map(t -> t.scheduledNanos() / MS + ":" + t.brightness()).toList();
        assertEquals(List.of("0:1.0", "200:0.25", "500:0.0", "1000:0.25", "1500:0.0"), levels);
        led.show(LedPattern.ON);
        clock.settle();
        assertEquals(25f, gpio.mockPwmDuty(18), 0.01f, "the PWM duty carries the level");
        assertEquals(0.25, led.brightness());
    }

    @Test
    void ledWithoutPwmKeepsFullBrightnessWhenDimmedAndGoesDarkAtZero() {
        led(22, Polarity.ACTIVE_HIGH, false);
        List<Boolean> pin = new ArrayList<>();
        gpio.watchMockOutput(22, pin::add);
        led.show(LedPattern.ON);
        clock.settle();
        led.setBrightness(0.3);                           // cannot dim: a dark LED would tell nobody anything
        clock.settle();
        assertTrue(gpio.mockOutputHigh(22));
        led.setBrightness(0.0);                           // dark mode
        clock.settle();
        assertFalse(gpio.mockOutputHigh(22));
        led.show(LedPattern.FAST_BLINK);
        clock.advanceMillis(500);
        assertTrue(timeline.of(LedPattern.FAST_BLINK).stream().noneMatch(LedTransition::on), "dark mode stays dark");
        led.setBrightness(1.0);                           // morning: the step showing now (an "on" one) lights at once
        clock.settle();
        assertTrue(gpio.mockOutputHigh(22));
        assertEquals(List.of(true, false), pin.subList(0, 2), "0.3 changed nothing on the pin, 0 switched it off");
    }

    @Test
    void brightnessOutsideZeroToOneIsRefusedNamingTheField() {
        led(18, Polarity.ACTIVE_HIGH, true);
        led.setBrightness(0.5);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> led.setBrightness(1.5));
        assertEquals("ledBrightness: must be between 0.0 and 1.0, was 1.5", e.getMessage());
        assertEquals(0.5, led.brightness(), "the previous level stays");
    }

    @Test
    void ledIsOffAfterShutdown() {
        led(22, Polarity.ACTIVE_HIGH, false);
        List<Boolean> pin = new ArrayList<>();
        gpio.watchMockOutput(22, pin::add);
        led.show(LedPattern.ON);
        clock.settle();
        led.close();

        assertEquals(List.of(true, false), pin);
        LedTransition last = timeline.transitions().get(timeline.transitions().size() - 1);
        assertEquals(0.0, last.brightness());
        assertEquals(LedPattern.OFF, led.pattern());
    }
}
