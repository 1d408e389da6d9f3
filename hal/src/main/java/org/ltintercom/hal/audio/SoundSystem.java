package org.ltintercom.hal.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import java.util.List;

/**
 * The seam between route selection and Java Sound: {@link JavaSoundSystem} on a device, a list
 * of descriptors in tests (this machine has no sound card).
 */
public interface SoundSystem {

    /** The devices present now; called again by the device watch to notice unplug / re-plug. */
    List<AudioDeviceInfo> devices();

    /** Opens and starts a microphone line with a buffer of {@code bufferBytes}. */
    TargetDataLine openCapture(AudioDeviceInfo device, AudioFormat format, int bufferBytes)
            throws LineUnavailableException;

    /** Opens and starts a speaker line with a buffer of {@code bufferBytes}. */
    SourceDataLine openPlayback(AudioDeviceInfo device, AudioFormat format, int bufferBytes)
            throws LineUnavailableException;
}
