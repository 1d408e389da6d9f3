package org.ltintercom.hal.gpio;

/**
 * Counters of one button since start, for the status topic and the benchmark.
 *
 * @param edges       raw level changes seen on the pin
 * @param filtered    settle checks that found the level back where it was (bounce or spike)
 * @param presses     debounced presses (PRESSED)
 * @param longPresses LONG_PRESS events
 * @param stuck       STUCK reports
 */
public record ButtonStats(long edges, long filtered, long presses, long longPresses, long stuck) {
}
