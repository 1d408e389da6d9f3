package org.ltintercom.hal.gpio;

import java.util.Set;

/**
 * The station's buttons: the call button and, when wired, hang-up and mute. Events are debounced,
 * classified (short, long, stuck) and delivered on one named dispatcher thread, never on the
 * GPIO driver's thread.
 */
public interface CallButton extends AutoCloseable {

    /** The buttons that are configured. */
    Set<ButtonRole> roles();

    /** Adds a listener; events arrive on the {@code lt-hal-buttons} thread. */
    void addListener(ButtonListener listener);

    void removeListener(ButtonListener listener);

    /** True while the debounced button is down (false while it is ignored as held-at-start). */
    boolean isPressed(ButtonRole role);

    /** Counters of one button since start (edges, filtered bounces, presses, ...). */
    ButtonStats stats(ButtonRole role);

    /** Stops delivering events and releases the pins; idempotent. */
    @Override
    void close();
}
