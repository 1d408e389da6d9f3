package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.AudioDeviceException;

import java.time.Duration;

/**
 * What a {@link MediaSession} tells the call. Called on the call's media thread: return quickly
 * and hand anything slow to the SDK event thread.
 */
public interface MediaListener {

    /** A DTMF digit arrived (RFC 4733), reported once per key press. */
    default void onDtmf(char digit) {
    }

    /** RTP from the peer stopped for the warning time in a call that had audio. */
    default void onNoRtpWarning(Duration silentFor) {
    }

    /** RTP stayed away for the timeout: the call should end (status 204). Reported once. */
    default void onNoRtpTimeout(Duration silentFor) {
    }

    /** RTP came back after a warning. */
    default void onRtpResumed() {
    }

    /** The capture or playback device failed; the call goes on with silence until the route is switched. */
    default void onAudioDeviceError(AudioDeviceException error) {
    }

    /** The peer sent an RTCP BYE. */
    default void onRemoteBye() {
    }
}
