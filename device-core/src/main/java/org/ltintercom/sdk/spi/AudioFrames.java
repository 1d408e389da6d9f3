package org.ltintercom.sdk.spi;

/**
 * The one PCM format that crosses the audio SPI: 48 kHz, mono, signed 16-bit, 20 ms frames.
 * Whatever the sound card does natively, the HAL converts to and from this.
 */
public final class AudioFrames {
    public static final int SAMPLE_RATE = 48_000;
    public static final int CHANNELS = 1;
    public static final int FRAME_MILLIS = 20;
    /** Samples (= 16-bit values) in one frame. */
    public static final int FRAME_SAMPLES = SAMPLE_RATE / 1000 * FRAME_MILLIS;

    private AudioFrames() {
    }
}
