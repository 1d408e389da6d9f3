package org.ltintercom.hal.audio;

import org.ltintercom.sdk.spi.AudioFrames;

import javax.sound.sampled.AudioFormat;

/** The SPI's PCM format as a Java Sound format, and sample conversions with gain. */
public final class AudioFormats {

    /** 48 kHz, mono, signed 16-bit little-endian: {@link AudioFrames}. */
    public static final AudioFormat SPI_FORMAT =
            new AudioFormat(AudioFrames.SAMPLE_RATE, 16, AudioFrames.CHANNELS, true, false);
    /** Bytes in one 20 ms frame. */
    public static final int FRAME_BYTES = AudioFrames.FRAME_SAMPLES * 2;

    private AudioFormats() {
    }

    /** Little-endian bytes to samples, times {@code gain}, clamped to 16 bits. */
    public static void toSamples(byte[] bytes, short[] samples, double gain) {
        for (int i = 0; i < samples.length; i++) {
            int value = (bytes[2 * i] & 0xff) | (bytes[2 * i + 1] << 8);
            samples[i] = clamp(value * gain);
        }
    }

    /** Samples times {@code gain}, clamped, to little-endian bytes. */
    public static void toBytes(short[] samples, byte[] bytes, double gain) {
        for (int i = 0; i < samples.length; i++) {
            short value = clamp(samples[i] * gain);
            bytes[2 * i] = (byte) value;
            bytes[2 * i + 1] = (byte) (value >> 8);
        }
    }

    /** Applies {@code gain} in place, clamped. */
    public static void applyGain(short[] samples, double gain) {
        if (gain == 1.0) {
            return;
        }
        for (int i = 0; i < samples.length; i++) {
            samples[i] = clamp(samples[i] * gain);
        }
    }

    static short clamp(double value) {
        if (value > Short.MAX_VALUE) {
            return Short.MAX_VALUE;
        }
        if (value < Short.MIN_VALUE) {
            return Short.MIN_VALUE;
        }
        return (short) Math.round(value);
    }
}
