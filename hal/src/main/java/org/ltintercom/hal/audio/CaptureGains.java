package org.ltintercom.hal.audio;

import org.ltintercom.sdk.call.LTAudioRoute;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The microphone's software gain per route (1 = unchanged, up to {@value #MAX_GAIN} = +12 dB of
 * boost). Capture streams read it for every frame, so a change made while a call's stream is open
 * (remote provisioning) reaches the very next frame; the media thread never takes a lock for it.
 */
final class CaptureGains {

    /** The highest capture gain: +12 dB, as far as a quiet MEMS microphone sensibly goes before noise dominates. */
    static final double MAX_GAIN = 4.0;

    private final AtomicLongArray gains = new AtomicLongArray(LTAudioRoute.values().length);

    CaptureGains() {
        for (int i = 0; i < gains.length(); i++) {
            gains.set(i, Double.doubleToLongBits(1.0));
        }
    }

    /** @throws IllegalArgumentException naming {@code route} or {@code captureGain} */
    void set(LTAudioRoute route, double gain) {
        if (route == null) {
            throw new IllegalArgumentException("route: required");
        }
        if (!(gain >= 0.0 && gain <= MAX_GAIN)) { // also rejects NaN
            throw new IllegalArgumentException("captureGain: must be between 0.0 and " + MAX_GAIN + ", was " + gain);
        }
        gains.set(route.ordinal(), Double.doubleToLongBits(gain));
    }

    double get(LTAudioRoute route) {
        return Double.longBitsToDouble(gains.get(route.ordinal()));
    }
}
