package org.ltintercom.hal.audio;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the device for a route from the devices present: the first whose name or description
 * contains the configured text (case-insensitive) and that offers the needed line. ALSA's
 * {@code plughw} devices win over raw {@code hw} ones, because they convert rate and channels
 * for cards that do not do 48 kHz mono natively.
 */
public final class DeviceSelector {

    private DeviceSelector() {
    }

    public static Optional<AudioDeviceInfo> capture(String match, List<AudioDeviceInfo> devices) {
        return select(match, devices, true);
    }

    public static Optional<AudioDeviceInfo> playback(String match, List<AudioDeviceInfo> devices) {
        return select(match, devices, false);
    }

    private static Optional<AudioDeviceInfo> select(String match, List<AudioDeviceInfo> devices, boolean capture) {
        String needle = match.toLowerCase(Locale.ROOT);
        return devices.stream()
                .filter(d -> capture ? d.capture() : d.playback())
                .filter(d -> (d.name() + " " + d.description()).toLowerCase(Locale.ROOT).contains(needle))
                .min(Comparator.comparingInt(DeviceSelector::preference));
    }

    private static int preference(AudioDeviceInfo device) {
        String name = device.name().toLowerCase(Locale.ROOT);
        if (name.contains("plughw")) {
            return 0;
        }
        return name.contains("[hw") ? 2 : 1;
    }
}
