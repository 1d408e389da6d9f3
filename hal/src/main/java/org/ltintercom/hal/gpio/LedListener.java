package org.ltintercom.hal.gpio;

/** Told of every LED output change, on the {@code lt-hal-outputs} thread. */
@FunctionalInterface
public interface LedListener {
    void onLedChanged(LedTransition transition);
}
