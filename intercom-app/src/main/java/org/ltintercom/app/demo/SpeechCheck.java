package org.ltintercom.app.demo;

import org.ltintercom.sdk.spi.AudioFrames;

/**
 * Did a recording carry a given speech signal? Compares 20 ms loudness envelopes: the source's
 * envelope (every rotation of it) is slid along the recording's and the best Pearson correlation is kept. A codec, a jitter
 * buffer or a level change keep the envelope's shape; ringback, DTMF tones and silence do not match it.
 */
final class SpeechCheck {

    /** The correlation above which the recording is taken to contain the speech. */
    static final double HEARD = 0.6;
    private static final double FLOOR_DB = -80;

    /**
     * @param correlation best envelope correlation (-1..1)
     * @param activeSeconds how much of the recording is louder than -50 dBFS
     * @param peakDbfs the loudest 20 ms of the recording
     */
    record Result(double correlation, double activeSeconds, double peakDbfs) {
        boolean heard() {
            return correlation >= HEARD;
        }
    }

    private SpeechCheck() {
    }

    /**
     * {@code source} is what a microphone played in a loop, so the far side heard some rotation of
     * it (the loop does not restart at the call); every rotation is tried at every position.
     */
    static Result check(short[] source, short[] recording) {
        double[] src = envelope(source);
        double[] rec = envelope(recording);
        int n = src.length;
        double[] twice = new double[2 * n];
        System.arraycopy(src, 0, twice, 0, n);
        System.arraycopy(src, 0, twice, n, n);
        double best = -1;
        if (n >= 10 && rec.length >= n) {
            for (int rotation = 0; rotation < n; rotation++) {
                for (int lag = 0; lag + n <= rec.length; lag++) {
                    best = Math.max(best, pearson(twice, rotation, rec, lag, n));
                }
            }
        }
        int active = 0;
        double peak = FLOOR_DB;
        for (double db : rec) {
            active += db > -50 ? 1 : 0;
            peak = Math.max(peak, db);
        }
        return new Result(best, active * AudioFrames.FRAME_MILLIS / 1000.0, peak);
    }

    /** dBFS of each 20 ms frame. */
    static double[] envelope(short[] samples) {
        int n = samples.length / AudioFrames.FRAME_SAMPLES;
        double[] env = new double[n];
        for (int f = 0; f < n; f++) {
            double sum = 0;
            for (int i = f * AudioFrames.FRAME_SAMPLES; i < (f + 1) * AudioFrames.FRAME_SAMPLES; i++) {
                sum += (double) samples[i] * samples[i];
            }
            double rms = Math.sqrt(sum / AudioFrames.FRAME_SAMPLES) / 32768.0;
            env[f] = rms <= 0 ? FLOOR_DB : Math.max(FLOOR_DB, 20 * Math.log10(rms));
        }
        return env;
    }

    private static double pearson(double[] a, int from, double[] b, int lag, int n) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < n; i++) {
            ma += a[from + i];
            mb += b[lag + i];
        }
        ma /= n;
        mb /= n;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < n; i++) {
            double da = a[from + i] - ma;
            double db = b[lag + i] - mb;
            cov += da * db;
            va += da * da;
            vb += db * db;
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }
}
