package org.ltintercom.hal.audio;

/**
 * A sound device as Java Sound lists it (one {@code Mixer.Info}), reduced to what route
 * selection needs. On Linux the name looks like {@code "Device [plughw:1,0]"} and the
 * description like {@code "Direct Audio Device: USB Audio Device, USB Audio, USB Audio"}.
 *
 * @param capture  the mixer offers a microphone line (TargetDataLine)
 * @param playback the mixer offers a speaker line (SourceDataLine)
 */
public record AudioDeviceInfo(String name, String description, boolean capture, boolean playback) {

    /** Name and description, for matching and logs. */
    public String label() {
        return name + " (" + description + ")";
    }
}
