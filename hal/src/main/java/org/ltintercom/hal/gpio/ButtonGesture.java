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
    STUCK
}
