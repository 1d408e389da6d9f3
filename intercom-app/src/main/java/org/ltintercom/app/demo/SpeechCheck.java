package org.ltintercom.app.demo;

import org.ltintercom.sdk.spi.AudioFrames;

/**
 * Did a recording carry a given speech signal? Compares 20 ms loudness envelopes: the source's
 * envelope is slid along the recording's and the best Pearson correlation is kept. A codec, a jitter
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

    static Result check(short[] source, short[] recording) {
        double[] src = trimSilence(envelope(source));
        double[] rec = envelope(recording);
        double best = -1;
        if (src.length >= 10 && rec.length >= src.length) {
            for (int lag = 0; lag + src.length <= rec.length; lag++) {
                best = Math.max(best, pearson(src, rec, lag));
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

    /** The source without its leading and trailing silence (a looped file is heard back to back). */
    private static double[] trimSilence(double[] env) {
        int from = 0;
        int to = env.length;
        while (from < to && env[from] < -50) {
            from++;
        }
        while (to > from && env[to - 1] < -50) {
            to--;
        }
        return java.util.Arrays.copyOfRange(env, from, to);
    }

    private static double pearson(double[] a, double[] b, int lag) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[lag + i];
        }
        ma /= a.length;
        mb /= a.length;
        double cov = 0;
        double va = 0;
        double vb = 0;
        for (int i = 0; i < a.length; i++) {
            double da = a[i] - ma;
            double db = b[lag + i] - mb;
            cov += da * db;
            va += da * da;
            vb += db * db;
        }
        return va == 0 || vb == 0 ? 0 : cov / Math.sqrt(va * vb);
    }
}
