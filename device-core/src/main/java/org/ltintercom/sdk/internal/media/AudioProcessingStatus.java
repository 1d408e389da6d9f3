package org.ltintercom.sdk.internal.media;

/**
 * What the capture path of a call really does, for the device status: the configured stages may
 * be missing when libspeexdsp is not installed.
 *
 * @param state            overall state
 * @param echoCancellation true if the echo canceller runs
 * @param preprocessing    true if the preprocessor (noise/residual echo suppression, AGC) runs
 * @param detail           why processing is unavailable (empty otherwise)
 */
public record AudioProcessingStatus(State state, boolean echoCancellation, boolean preprocessing, String detail) {

    /** Overall state of the microphone processing. */
    public enum State {
        /** The configured stages run. */
        ACTIVE,
        /** Switched off in the configuration. */
        DISABLED,
        /** Configured but libspeexdsp could not be loaded: the call goes on with the raw microphone. */
        UNAVAILABLE
    }
}
