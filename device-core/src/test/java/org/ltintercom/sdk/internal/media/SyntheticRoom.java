package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.util.Random;

/**
 * A door station's echo path built in the test: the device's playout-to-capture delay, then the
 * room impulse response (direct path, two wall reflections, an exponentially decaying diffuse tail).
 * Sample i written to the speaker appears in the microphone at i + {@link #delaySamples()}.
 */
final class SyntheticRoom {
    private static final int RATE = 48_000;
    private final double[] ir;
    private final int firstTap;

    /**
     * @param deviceDelayMillis buffering between speaker and microphone (ALSA periods)
     * @param directMillis      acoustic direct path, speaker to microphone
     * @param directGain        gain of the direct path (0.5 = -6 dB coupling)
     * @param rt60Millis        reverberation time of the diffuse tail
     */
    SyntheticRoom(int deviceDelayMillis, int directMillis, double directGain, int rt60Millis, long seed) {
        Random random = new Random(seed);
        firstTap = (deviceDelayMillis + directMillis) * RATE / 1000;
        int tail = rt60Millis * RATE / 1000;
        ir = new double[firstTap + tail];
        ir[firstTap] = directGain;
        ir[firstTap + 7 * RATE / 1000] = -0.35 * directGain;
        ir[firstTap + 13 * RATE / 1000] = 0.2 * directGain;
        double decayPerSample = Math.log(1000) / tail; // -60 dB over rt60
        for (int k = 2 * RATE / 1000; k < tail; k++) {
            ir[firstTap + k] += 0.08 * directGain * random.nextGaussian() * Math.exp(-decayPerSample * k);
        }
    }

    /** Playout-to-capture delay of the first arrival, in samples. */
    int delaySamples() {
        return firstTap;
    }

    /** The level of the echo of {@code played} relative to {@code played}, in dB (in the signal's band). */
    double echoLevelDb(short[] played) {
        double[] echo = echoOf(java.util.Arrays.copyOf(played, played.length + ir.length));
        double e = 0;
        double p = 0;
        for (double v : echo) {
            e += v * v;
        }
        for (short v : played) {
            p += (double) v * v;
        }
        return 10 * Math.log10(e / p);
    }

    /** The echo of {@code played} as the microphone hears it (FFT convolution, same length). */
    double[] echoOf(short[] played) {
        int n = Fft.size(played.length + ir.length);
        double[] xr = new double[n];
        double[] xi = new double[n];
        double[] hr = new double[n];
        double[] hi = new double[n];
        for (int i = 0; i < played.length; i++) {
            xr[i] = played[i];
        }
        System.arraycopy(ir, 0, hr, 0, ir.length);
        Fft.transform(xr, xi, false);
        Fft.transform(hr, hi, false);
        for (int k = 0; k < n; k++) {
            double re = xr[k] * hr[k] - xi[k] * hi[k];
            xi[k] = xr[k] * hi[k] + xi[k] * hr[k];
            xr[k] = re;
        }
        Fft.transform(xr, xi, true);
        return java.util.Arrays.copyOf(xr, played.length);
    }

    /** White noise of the given RMS. */
    static double[] noise(int samples, double rms, long seed) {
        Random random = new Random(seed);
        double[] out = new double[samples];
        for (int i = 0; i < samples; i++) {
            out[i] = rms * random.nextGaussian();
        }
        return out;
    }

    /** Sums signals into 16-bit samples (saturating). */
    static short[] mix(int samples, double[]... parts) {
        short[] out = new short[samples];
        for (int i = 0; i < samples; i++) {
            double v = 0;
            for (double[] p : parts) {
                v += p[i];
            }
            out[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
        }
        return out;
    }

    static double[] asDouble(short[] s) {
        double[] out = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i];
        }
        return out;
    }

    /**
     * The room's speaker and microphone as SPI streams, for code that plays and records tick by tick:
     * each capture frame holds the echo of what was written so far plus noise.
     */
    Streams streams(int capacitySamples, double noiseRms, long seed) {
        return new Streams(capacitySamples, noiseRms, seed);
    }

    final class Streams implements PlaybackStream, CaptureStream {
        private final short[] played;
        private final Random random;
        private final double noiseRms;
        private int written;
        private int read;
        volatile boolean closed;

        private Streams(int capacity, double noiseRms, long seed) {
            this.played = new short[capacity];
            this.noiseRms = noiseRms;
            this.random = new Random(seed);
        }

        @Override
        public void writeFrame(short[] frame) {
            System.arraycopy(frame, 0, played, written, frame.length);
            written += frame.length;
        }

        @Override
        public boolean readFrame(short[] frame) {
            for (int i = 0; i < frame.length; i++) {
                int s = read + i;
                double v = noiseRms * random.nextGaussian();
                for (int k = firstTap; k < ir.length && s - k >= 0; k++) {
                    if (s - k < written && ir[k] != 0) {
                        v += ir[k] * played[s - k];
                    }
                }
                frame[i] = (short) Math.max(-32768, Math.min(32767, Math.round(v)));
            }
            read += frame.length;
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
