package org.ltintercom.sdk.internal.media;

/**
 * Converts 20 ms frames between the SPI's 48 kHz and G.711's 8 kHz with a polyphase windowed-sinc
 * low-pass FIR (144 taps, Blackman window, cut-off 3.5 kHz), so that content above 4 kHz is
 * removed before decimation instead of folding back into the voice band as sample dropping would.
 *
 * <pre>
 *   capture 48k -> [Resampler.down] -> 8k -> G.711 encode -> RTP
 *   RTP -> G.711 decode -> 8k -> [Resampler.up] -> 48k -> playback
 * </pre>
 *
 * Stateful (keeps the filter history across frames): one instance per direction, one thread.
 */
public final class Resampler {
    public static final int FACTOR = 6;
    static final int TAPS = 144;
    private static final double CUTOFF_HZ = 3_500;
    private static final float[] KERNEL = design();

    private final boolean down;
    private final float[] work;
    private final int history;

    private Resampler(boolean down) {
        this.down = down;
        this.history = down ? TAPS - 1 : TAPS / FACTOR - 1;
        int frame = down ? 960 : 160;
        this.work = new float[history + frame];
    }

    /** A 48 kHz -> 8 kHz converter (960 samples in, 160 out). */
    public static Resampler down48to8() {
        return new Resampler(true);
    }

    /** An 8 kHz -> 48 kHz converter (160 samples in, 960 out). */
    public static Resampler up8to48() {
        return new Resampler(false);
    }

    /**
     * Converts {@code count} input samples (a multiple of 6 when downsampling) into {@code out};
     * returns the number of output samples.
     */
    public int process(short[] in, int count, short[] out) {
        if (count + history > work.length) {
            throw new IllegalArgumentException("count: at most " + (work.length - history) + ", was " + count);
        }
        for (int i = 0; i < count; i++) {
            work[history + i] = in[i];
        }
        int produced = down ? decimate(count, out) : interpolate(count, out);
        System.arraycopy(work, count, work, 0, history);
        return produced;
    }

    /** Clears the filter history (after a gap, so old audio does not ring into new). */
    public void reset() {
        java.util.Arrays.fill(work, 0f);
    }

    private int decimate(int count, short[] out) {
        int outputs = count / FACTOR;
        for (int i = 0; i < outputs; i++) {
            int newest = history + FACTOR * i + FACTOR - 1;
            float acc = 0;
            for (int j = 0; j < TAPS; j++) {
                acc += KERNEL[j] * work[newest - j];
            }
            out[i] = saturate(acc);
        }
        return outputs;
    }

    private int interpolate(int count, short[] out) {
        int perPhase = TAPS / FACTOR;
        for (int i = 0; i < count; i++) {
            int newest = history + i;
            for (int p = 0; p < FACTOR; p++) {
                float acc = 0;
                for (int t = 0; t < perPhase; t++) {
                    acc += KERNEL[p + FACTOR * t] * work[newest - t];
                }
                out[FACTOR * i + p] = saturate(acc * FACTOR);
            }
        }
        return count * FACTOR;
    }

    private static short saturate(float v) {
        int r = Math.round(v);
        return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, r));
    }

    private static float[] design() {
        double fc = CUTOFF_HZ / 48_000;
        double mid = (TAPS - 1) / 2.0;
        double[] h = new double[TAPS];
        double sum = 0;
        for (int n = 0; n < TAPS; n++) {
            double x = n - mid;
            double sinc = x == 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
            double w = 0.42 - 0.5 * Math.cos(2 * Math.PI * n / (TAPS - 1)) + 0.08 * Math.cos(4 * Math.PI * n / (TAPS - 1));
            h[n] = sinc * w;
            sum += h[n];
        }
        float[] k = new float[TAPS];
        for (int n = 0; n < TAPS; n++) {
            k[n] = (float) (h[n] / sum);
        }
        return k;
    }
}
