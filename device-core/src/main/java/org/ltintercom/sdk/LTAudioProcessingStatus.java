package org.ltintercom.sdk;

/**
 * What the microphone processing of calls really does on this device, for its status page (an
 * lt-intercom addition, {@link LTSDK#getAudioProcessingStatus()}): the configured stages are missing
 * when libspeexdsp is not installed, and calls then send the raw microphone.
 *
 * @param state            overall state
 * @param echoCancellation true if calls run the echo canceller
 * @param preprocessing    true if calls run residual echo / noise suppression or AGC
 * @param detail           why processing is unavailable (every library path tried); empty otherwise
 */
public record LTAudioProcessingStatus(State state, boolean echoCancellation, boolean preprocessing, String detail) {

    /** Overall state of the microphone processing. */
    public enum State {
        /** The configured stages run in every call. */
        ACTIVE,
        /** Switched off in {@link LTSDKOptions}, or the SDK was not initialised yet. */
        DISABLED,
        /** Configured, but libspeexdsp could not be loaded: calls go on without echo cancellation. */
        UNAVAILABLE
    }

    /** One line for a device status or the log. */
    public String describe() {
        return switch (state) {
            case ACTIVE -> "active (echo cancellation " + (echoCancellation ? "on" : "off") + ", suppression/AGC "
                    + (preprocessing ? "on" : "off") + ")";
            case DISABLED -> "disabled" + (detail.isEmpty() ? "" : " (" + detail + ")");
            case UNAVAILABLE -> "unavailable: " + detail;
        };
    }
}
