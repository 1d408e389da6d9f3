package org.ltintercom.hal.gpio;

/** A status LED that shows a {@link LedPattern}: the headless intercom's "screen". */
public interface StatusLed extends AutoCloseable {

    String name();

    /** Switches to {@code pattern} at once, starting from its first step. Showing the current pattern again does nothing. */
    void show(LedPattern pattern);

    /** The pattern currently shown. */
    LedPattern pattern();

    /** True when BREATHING really fades (hardware PWM); false when it falls back to blinking. */
    boolean dimmable();

    /** Output changes since start, and the worst lateness of a step against its schedule. */
    LedStats stats();

    void addListener(LedListener listener);

    void removeListener(LedListener listener);

    /** Turns the LED off and releases the pin; idempotent. */
    @Override
    void close();
}
