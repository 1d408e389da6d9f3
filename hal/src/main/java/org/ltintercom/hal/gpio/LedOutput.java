package org.ltintercom.hal.gpio;

/** Where a {@link PatternLed} puts its brightness: a digital pin, a PWM channel, or nowhere (simulator). */
public interface LedOutput extends AutoCloseable {

    /** True if {@link #set} can dim; otherwise any brightness above 0.5 is on. */
    boolean dimmable();

    /** Applies a brightness 0..1 (polarity is the output's business). */
    void set(double brightness);

    @Override
    void close();

    /** No hardware: the simulated twin, whose LED is seen through listeners only. */
    static LedOutput none(boolean dimmable) {
        return new LedOutput() {
            @Override
            public boolean dimmable() {
                return dimmable;
            }

            @Override
            public void set(double brightness) {
            }

            @Override
            public void close() {
            }
        };
    }
}
