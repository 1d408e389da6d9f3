package org.ltintercom.hal.gpio;

/**
 * Counters of one LED since start.
 *
 * @param transitions     output changes applied
 * @param maxLatenessNanos the latest a step was applied after its scheduled time (timing jitter)
 */
public record LedStats(long transitions, long maxLatenessNanos) {
}
