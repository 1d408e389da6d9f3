package org.ltintercom.hal.gpio;

/**
 * One debounced button event.
 *
 * @param role     which button
 * @param gesture  what it did
 * @param atNanos  when, on the HAL clock: for PRESSED/RELEASED/SHORT_PRESS the time of the edge
 *                 that started the stable level, for LONG_PRESS/STUCK the time the threshold passed
 */
public record ButtonEvent(ButtonRole role, ButtonGesture gesture, long atNanos) {
}
