package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.AudioFrames;

/**
 * Local dual-tone generator (DTMF feedback for {@code playTone}) at 48 kHz, mixed into the playout
 * frames by the media thread; the phase carries over between frames so the tone has no clicks.
 *
 * <pre>
 *   JitterBuffer -> decoder -> [ToneGenerator.mixInto] -> PlaybackStream
 * </pre>
 *
 * {@link #start} may be called from any thread; {@link #mixInto} from the media thread.
 */
public final class ToneGenerator {
    private static final double AMPLITUDE = 0.2 * Short.MAX_VALUE; // per tone; two tones stay below full scale

    private volatile long pending; // low: digit char, next 32 bits: millis; 0 = none
    private double lowStep;
    private double highStep;
    private double lowPhase;
    private double highPhase;
    private int samplesLeft;

    /** Plays {@code digit}'s two tones for {@code millis} ms, replacing a tone still playing. */
    public void start(char digit, int millis) {
        DtmfDigits.lowHz(digit); // validates
        if (millis <= 0 || millis > 10_000) {
            throw new IllegalArgumentException("millis: must be 1..10000, was " + millis);
        }
        pending = ((long) millis << 16) | digit;
    }

    /** Adds the tone to {@code frame} (saturating); returns true while a tone is playing. */
    public boolean mixInto(short[] frame) {
        long p = pending;
        if (p != 0) {
            pending = 0;
            char digit = (char) (p & 0xFFFF);
            lowStep = 2 * Math.PI * DtmfDigits.lowHz(digit) / AudioFrames.SAMPLE_RATE;
            highStep = 2 * Math.PI * DtmfDigits.highHz(digit) / AudioFrames.SAMPLE_RATE;
            lowPhase = 0;
            highPhase = 0;
            samplesLeft = (int) (p >>> 16) * (AudioFrames.SAMPLE_RATE / 1000);
        }
        if (samplesLeft <= 0) {
            return false;
        }
        int n = Math.min(samplesLeft, AudioFrames.FRAME_SAMPLES);
        for (int i = 0; i < n; i++) {
            double v = AMPLITUDE * (Math.sin(lowPhase) + Math.sin(highPhase));
            lowPhase += lowStep;
            highPhase += highStep;
            int mixed = frame[i] + (int) v;
            frame[i] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, mixed));
        }
        lowPhase %= 2 * Math.PI;
        highPhase %= 2 * Math.PI;
        samplesLeft -= n;
        return true;
    }
}
