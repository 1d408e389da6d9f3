package org.ltintercom.hal.audio;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import java.util.ArrayList;
import java.util.List;

/**
 * Java Sound on ALSA. {@code AudioSystem.getMixerInfo()} re-counts the ALSA devices on every
 * call, which is what lets the device watch notice a USB card coming and going.
 */
public final class JavaSoundSystem implements SoundSystem {

    static final AudioFormat FORMAT = AudioFormats.SPI_FORMAT;

    @Override
    public List<AudioDeviceInfo> devices() {
        List<AudioDeviceInfo> devices = new ArrayList<>();
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            Mixer mixer = AudioSystem.getMixer(info);
            boolean capture = mixer.isLineSupported(new DataLine.Info(TargetDataLine.class, FORMAT));
            boolean playback = mixer.isLineSupported(new DataLine.Info(SourceDataLine.class, FORMAT));
            if (capture || playback) {
                devices.add(new AudioDeviceInfo(info.getName(), info.getDescription(), capture, playback));
            }
        }
        return devices;
    }

    @Override
    public TargetDataLine openCapture(AudioDeviceInfo device, AudioFormat format, int bufferBytes)
            throws LineUnavailableException {
        TargetDataLine line = (TargetDataLine) mixer(device).getLine(new DataLine.Info(TargetDataLine.class, format));
        line.open(format, bufferBytes);
        line.start();
        return line;
    }

    @Override
    public SourceDataLine openPlayback(AudioDeviceInfo device, AudioFormat format, int bufferBytes)
            throws LineUnavailableException {
        SourceDataLine line = (SourceDataLine) mixer(device).getLine(new DataLine.Info(SourceDataLine.class, format));
        line.open(format, bufferBytes);
        line.start();
        return line;
    }

    private static Mixer mixer(AudioDeviceInfo device) throws LineUnavailableException {
        for (Mixer.Info info : AudioSystem.getMixerInfo()) {
            if (info.getName().equals(device.name()) && info.getDescription().equals(device.description())) {
                return AudioSystem.getMixer(info);
            }
        }
        throw new LineUnavailableException(device.label() + " is gone");
    }
}
