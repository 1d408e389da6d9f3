package org.ltintercom.hal.audio;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/** WAV files to and from SPI samples (48 kHz mono 16-bit); other PCM formats are converted on load. */
public final class WavFiles {

    private WavFiles() {
    }

    /** Reads a WAV file (e.g. a custom ringtone), converting to 48 kHz mono 16-bit. */
    public static short[] read(Path file) throws IOException {
        try (AudioInputStream source = AudioSystem.getAudioInputStream(file.toFile());
             AudioInputStream converted = AudioSystem.getAudioInputStream(AudioFormats.SPI_FORMAT, toPcm16(source))) {
            byte[] bytes = converted.readAllBytes();
            short[] samples = new short[bytes.length / 2];
            AudioFormats.toSamples(bytes, samples, 1.0);
            return samples;
        } catch (UnsupportedAudioFileException | IllegalArgumentException e) {
            throw new IOException(file + ": not a WAV file this HAL can convert to 48 kHz mono 16-bit: " + e.getMessage(), e);
        }
    }

    /** Writes samples as a 48 kHz mono 16-bit WAV file. */
    public static void write(Path file, short[] samples) throws IOException {
        byte[] bytes = new byte[samples.length * 2];
        AudioFormats.toBytes(samples, bytes, 1.0);
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(bytes), AudioFormats.SPI_FORMAT,
                samples.length)) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, file.toFile());
        }
    }

    private static AudioInputStream toPcm16(AudioInputStream source) {
        var f = source.getFormat();
        var pcm = new javax.sound.sampled.AudioFormat(f.getSampleRate(), 16, f.getChannels(), true, false);
        if (f.matches(pcm)) {
            return source;
        }
        return AudioSystem.getAudioInputStream(pcm, source);
    }
}
