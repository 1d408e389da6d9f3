package org.ltintercom.hal.gpio;

/**
 * One change of an LED's output.
 *
 * @param led             the LED's configured name
 * @param pattern         the pattern being shown
 * @param brightness      0..1 (0 = off)
 * @param scheduledNanos  when the pattern wanted the change, on the HAL clock
 * @param actualNanos     when it happened; {@code actual - scheduled} is the timing jitter
 */
public record LedTransition(String led, LedPattern pattern, double brightness, long scheduledNanos, long actualNanos) {

    public boolean on() {
        return brightness > 0;
    }
}
