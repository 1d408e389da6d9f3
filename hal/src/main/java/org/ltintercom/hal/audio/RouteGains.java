package org.ltintercom.hal.audio;

import org.ltintercom.sdk.call.LTAudioRoute;

/**
 * The software gains an audio backend applies per route: the speaker's volume and the
 * microphone's gain. Both take effect on open streams from their next frame, so remote
 * provisioning changes them without reopening anything.
 */
public interface RouteGains {

    /** Sets a route's playback gain, clamped to 0..{@value RouteDevices#MAX_GAIN}. */
    void setVolume(LTAudioRoute route, double gain);

    /**
     * Sets a route's microphone gain (0..4, 1 = unchanged), applied
     * with saturation: a loud sample clips at full scale, it never wraps round.
     *
     * @throws IllegalArgumentException naming the field ({@code route: ...}, {@code captureGain: ...})
     */
    void setCaptureGain(LTAudioRoute route, double gain);

    /** The route's microphone gain (1.0 until set). */
    double captureGain(LTAudioRoute route);
}
