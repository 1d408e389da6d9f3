package org.ltintercom.hal.gpio;

import java.util.Set;

/**
 * Raw, undebounced button levels: the Pi4J pins on a Pi (or the Pi4J mock), or levels set
 * from code in the simulator. {@link DebouncedCallButton} turns them into events.
 */
public interface ButtonInputs extends AutoCloseable {

    /** Receives raw level changes on whatever thread the driver uses. */
    @FunctionalInterface
    interface EdgeSink {
        void onLevel(ButtonRole role, boolean active);
    }

    Set<ButtonRole> roles();

    /** The current raw level, polarity applied (true = the button reads pressed). */
    boolean isActive(ButtonRole role);

    /** Starts reporting level changes to {@code sink}. */
    void start(EdgeSink sink);

    @Override
    void close();
}
