package org.ltintercom.hil;

import org.ltintercom.sdk.spi.AudioFrames;

/** Tones to speak into the microphone and the measurements to find them in what the speaker played. */
public final class Tones {

    /** Sample rate of every frame (the SDK's audio SPI). */
    public static final int RATE = AudioFrames.SAMPLE_RATE;

    private Tones() {
    }

    /** {@code millis} of a sine at {@code hz} with peak {@code amplitude}. */
    public static short[] sine(double hz, int millis, int amplitude) {
        short[] out = new short[RATE * millis / 1000];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        }
        return out;
    }

    /** The amplitude of {@code hz} in {@code samples} (Goertzel; a full-scale sine reads about 32767). */
    public static double amplitudeAt(short[] samples, double hz) {
        if (samples.length == 0) {
            return 0;
        }
        double w = 2 * Math.PI * hz / RATE;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (short sample : samples) {
            double s0 = sample + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / samples.length;
    }

    public static double rms(short[] samples) {
        if (samples.length == 0) {
            return 0;
        }
        double sum = 0;
        for (short s : samples) {
            sum += (double) s * s;
        }
        return Math.sqrt(sum / samples.length);
    }

    /**
     * True when {@code hz} carries most of the signal: its amplitude is at least half the
     * amplitude a pure sine of the window's RMS would have (speech codecs and jitter-buffer
     * concealment smear a tone, so not "all of it").
     */
    public static boolean dominates(short[] samples, double hz) {
        double sineAmplitude = rms(samples) * Math.sqrt(2);
        return sineAmplitude > 0 && amplitudeAt(samples, hz) >= 0.5 * sineAmplitude;
    }
}
