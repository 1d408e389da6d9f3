package org.ltintercom.hal.gpio;

/** The door opener: a relay that is pulsed to release the strike. Off at start and at shutdown. */
public interface DoorRelay extends AutoCloseable {

    /**
     * Energises the relay for the configured pulse. While a pulse is running, another call
     * extends it (up to the configured maximum) instead of stacking a second pulse.
     */
    void pulse();

    /** True while the relay is energised. */
    boolean isEnergised();

    void addListener(RelayListener listener);

    /** De-energises the relay and releases the pin; idempotent. */
    @Override
    void close();

    /** Told of every relay change, on the {@code lt-hal-outputs} thread. */
    @FunctionalInterface
    interface RelayListener {
        void onRelayChanged(boolean energised, long atNanos);
    }
}
