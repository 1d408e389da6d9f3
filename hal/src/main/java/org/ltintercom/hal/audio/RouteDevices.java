package org.ltintercom.hal.audio;

import org.ltintercom.hal.ConfigCheck;
import org.ltintercom.sdk.call.LTAudioRoute;

/**
 * Which sound devices a route uses. Devices are found by a case-insensitive match against the
 * Java Sound mixer name and description, which carry ALSA's stable card names ("USB Audio
 * Device", "sndrpihifiberry", "bluealsa") - never card numbers, which change with plug order.
 *
 * @param route    the SDK route
 * @param capture  text that identifies the microphone's device
 * @param playback text that identifies the speaker's device
 * @param volume   software gain for the route, 0..4 (1 = unchanged); applied to playback
 */
public record RouteDevices(LTAudioRoute route, String capture, String playback, double volume) {

    public static final double MAX_GAIN = 4.0;

    public RouteDevices {
        ConfigCheck.required(route, "audio.routes[].route");
        String prefix = "audio.routes." + route.name().toLowerCase(java.util.Locale.ROOT);
        ConfigCheck.notBlank(capture, prefix + ".capture");
        ConfigCheck.notBlank(playback, prefix + ".playback");
        ConfigCheck.between(volume, 0.0, MAX_GAIN, prefix + ".volume");
    }
}
