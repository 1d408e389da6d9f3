package org.ltintercom.hal.gpio;

import java.util.ArrayList;
import java.util.List;

/**
 * What a status LED shows. Each pattern is a list of steps (brightness for a duration) that
 * repeats; OFF and ON are a single step held forever.
 *
 * <table>
 *   <caption>Patterns and what the intercom uses them for</caption>
 *   <tr><td>OFF</td><td>not started / shut down</td></tr>
 *   <tr><td>ON</td><td>registered and idle; also a call in progress</td></tr>
 *   <tr><td>SLOW_BLINK</td><td>registering (1 Hz: 500 ms on, 500 ms off)</td></tr>
 *   <tr><td>FAST_BLINK</td><td>incoming call ringing (4 Hz: 125 ms on, 125 ms off)</td></tr>
 *   <tr><td>DOUBLE_BLINK</td><td>calling out (two 120 ms flashes, then 760 ms dark)</td></tr>
 *   <tr><td>BREATHING</td><td>call on hold (2 s sine fade on a PWM pin; elsewhere 1.8 s on, 0.2 s off)</td></tr>
 *   <tr><td>ERROR</td><td>registration failed / hardware fault (three 100 ms flashes, 1 s dark)</td></tr>
 * </table>
 */
public enum LedPattern {
    OFF(false, step(0, 0)),
    ON(false, step(1, 0)),
    SLOW_BLINK(true, step(1, 500), step(0, 500)),
    FAST_BLINK(true, step(1, 125), step(0, 125)),
    DOUBLE_BLINK(true, step(1, 120), step(0, 120), step(1, 120), step(0, 760)),
    BREATHING(true, breathingSteps()),
    ERROR(true, step(1, 100), step(0, 100), step(1, 100), step(0, 100), step(1, 100), step(0, 1000));

    /** Steps of the breathing fade; 40 x 50 ms = one 2 s breath. */
    static final int BREATH_STEPS = 40;
    static final int BREATH_STEP_MILLIS = 50;
    private static final List<LedStep> BREATHING_WITHOUT_PWM = List.of(step(1, 1800), step(0, 200));

    private final boolean repeating;
    private final List<LedStep> steps;

    LedPattern(boolean repeating, LedStep... steps) {
        this(repeating, List.of(steps));
    }

    LedPattern(boolean repeating, List<LedStep> steps) {
        this.repeating = repeating;
        this.steps = steps;
    }

    public boolean repeating() {
        return repeating;
    }

    /** The steps to play on an output with ({@code pwm}) or without dimming. */
    public List<LedStep> steps(boolean pwm) {
        return this == BREATHING && !pwm ? BREATHING_WITHOUT_PWM : steps;
    }

    private static LedStep step(double brightness, long millis) {
        return new LedStep(brightness, millis);
    }

    private static List<LedStep> breathingSteps() {
        List<LedStep> steps = new ArrayList<>(BREATH_STEPS);
        for (int i = 0; i < BREATH_STEPS; i++) {
            double phase = 2 * Math.PI * i / BREATH_STEPS;
            // squared to look linear to the eye (perceived brightness is far from linear in duty)
            double level = (1 - Math.cos(phase)) / 2;
            steps.add(new LedStep(Math.round(level * level * 1000) / 1000.0, BREATH_STEP_MILLIS));
        }
        return List.copyOf(steps);
    }

    /** One step of a pattern: a brightness (0 = off, 1 = full) held for {@code millis} (0 = forever). */
    public record LedStep(double brightness, long millis) {
    }
}
