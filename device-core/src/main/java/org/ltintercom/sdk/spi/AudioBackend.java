package org.ltintercom.sdk.spi;

import org.ltintercom.sdk.call.LTAudioRoute;

import java.util.Set;

/**
 * The SDK's only view of sound hardware. {@code device-core} never opens a sound card; the
 * HAL implements this (ALSA, Bluetooth, or a simulated twin fed from WAV files) and the media
 * pipeline reads capture frames from it and writes playout frames to it, in
 * {@link AudioFrames} format.
 *
 * <pre>
 *   mic -> [HAL capture] -> CaptureStream -> encoder -> RTP -> network
 *   network -> RTP -> jitter buffer -> decoder -> PlaybackStream -> [HAL playback] -> speaker
 * </pre>
 */
public interface AudioBackend {

    /** The routes whose devices are present right now (e.g. BLUETOOTH only while a headset is connected). */
    Set<LTAudioRoute> availableRoutes();

    /** Opens the microphone of a route. A missing or busy device becomes status 101 in the SDK. */
    CaptureStream openCapture(LTAudioRoute route) throws AudioDeviceException;

    /** Opens the speaker of a route. */
    PlaybackStream openPlayback(LTAudioRoute route) throws AudioDeviceException;

    /** Registers the one listener told when {@link #availableRoutes()} changes; null removes it. */
    void setRouteListener(RouteListener listener);

    /** Told when a route appears or disappears (headset connected, USB card unplugged, ...). */
    @FunctionalInterface
    interface RouteListener {
        void onAvailableRoutesChanged(Set<LTAudioRoute> available);
    }
}
