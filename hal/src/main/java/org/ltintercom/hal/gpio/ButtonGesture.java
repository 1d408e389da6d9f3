package org.ltintercom.hal.gpio;

/** What the debounced button did. */
public enum ButtonGesture {
    /** Went down (after debounce). Feedback only; act on {@link #SHORT_PRESS} / {@link #LONG_PRESS}. */
    PRESSED,
    /** Came up (after debounce). */
    RELEASED,
    /** Pressed and released before the long-press threshold. Reported on release. */
    SHORT_PRESS,
    /** Held past the long-press threshold; reported once while still held (the hang-up gesture). */
    LONG_PRESS,
    /** Held past the stuck limit; reported once, and nothing more until the button is released. */
    STUCK,
    /**
     * Pressed more often than a person would (a flapping contact, a wire picking up mains hum
     * through a slow debounce, a child): reported once, and presses are ignored until the input
     * has been quiet for a while, so a faulty button cannot start a storm of calls.
     */
    CHATTER
}
