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

    /**
     * Scales every pattern's brightness by {@code level} (0..1, 1 = as designed), from now on and
     * at once for the step showing now. On a PWM output the duty is scaled; an LED without PWM
     * cannot dim, so there any level above 0 shows patterns at full brightness and 0 keeps it dark
     * (night "dark mode": the pattern still changes, nothing lights).
     *
     * @throws IllegalArgumentException naming {@code ledBrightness} when outside 0..1
     */
    void setBrightness(double level);

    /** The level set by {@link #setBrightness} (1.0 until set). */
    double brightness();

    /** Output changes since start, and the worst lateness of a step against its schedule. */
    LedStats stats();

    void addListener(LedListener listener);

    void removeListener(LedListener listener);

    /** Turns the LED off and releases the pin; idempotent. */
    @Override
    void close();
}
