package org.ltintercom.sdk.internal.media;

/** Test signal helpers: sine generation and a Goertzel detector (power of one frequency). */
final class Tones {
    private Tones() {
    }

    /** Fills {@code out} with a sine of {@code hz} at {@code rate}, starting at sample {@code start}. */
    static void sine(short[] out, int count, double hz, int rate, long start, double amplitude) {
        for (int i = 0; i < count; i++) {
            out[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * hz * (start + i) / rate));
        }
    }

    static short[] sine(int count, double hz, int rate, double amplitude) {
        short[] out = new short[count];
        sine(out, count, hz, rate, 0, amplitude);
        return out;
    }

    /** Goertzel: the amplitude (same scale as the samples) of {@code hz} in {@code samples[from, from+count)}. */
    static double amplitudeAt(short[] samples, int from, int count, double hz, int rate) {
        double w = 2 * Math.PI * hz / rate;
        double coeff = 2 * Math.cos(w);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < count; i++) {
            double s0 = samples[from + i] + coeff * s1 - s2;
            s2 = s1;
            s1 = s0;
        }
        double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
        return 2 * Math.sqrt(Math.max(0, power)) / count;
    }

    static double rms(short[] samples, int from, int count) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += (double) samples[from + i] * samples[from + i];
        }
        return Math.sqrt(sum / count);
    }

    /** The strongest of {@code candidates} (Hz) in the window. */
    static double dominant(short[] samples, int from, int count, int rate, double... candidates) {
        double best = candidates[0];
        double bestAmp = -1;
        for (double hz : candidates) {
            double a = amplitudeAt(samples, from, count, hz, rate);
            if (a > bestAmp) {
                bestAmp = a;
                best = hz;
            }
        }
        return best;
    }
}
