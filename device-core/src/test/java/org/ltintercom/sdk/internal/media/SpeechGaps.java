package org.ltintercom.sdk.internal.media;

/**
 * Finds audible gaps in what a far side played out of a looped speech recording: stretches where the
 * recording had speech but the speaker was silent. Speech has pauses of its own between words, so the
 * played audio is first aligned to the recording (per half second, by the correlation of their 5 ms
 * level envelopes over the two seconds around it, so that one gap cannot pull the alignment onto
 * itself; the jitter buffer moves the delay while it adapts), and only windows whose source
 * and its two neighbours each side (10 ms) carry speech count.
 */
public final class SpeechGaps {
    static final int WINDOW = 240; // 5 ms at 48 kHz
    private static final int BLOCK = 100; // 0.5 s
    private static final int CONTEXT = 400; // 2 s of envelope decide a block's alignment
    private static final int SEARCH = 40; // +-200 ms delay change between blocks
    private static final int EDGE = 2;

    /** The longest gap found, where it starts in the played audio, and how well the alignment fitted. */
    public record Result(int longestGapMillis, int atMillis, double meanCorrelation) {
    }

    private SpeechGaps() {
    }

    /**
     * @param source  the recording the far microphone looped (a whole number of 5 ms windows long)
     * @param played  what the speaker played, starting anywhere after the audio began
     */
    public static Result find(short[] source, short[] played) {
        if (source.length % WINDOW != 0) {
            throw new IllegalArgumentException("source: length must be a multiple of " + WINDOW);
        }
        double[] src = envelope(source);
        double[] out = envelope(played);
        double speech = SpeechSignals.activeRms(source);
        double active = speech * 0.05;
        double silent = speech * 0.01;
        int period = src.length;
        int delay = -1;
        int run = 0;
        int longest = 0;
        int at = 0;
        double correlations = 0;
        int blocks = 0;
        for (int from = 0; from + BLOCK <= out.length; from += BLOCK) {
            int lo = delay < 0 ? 0 : delay - SEARCH;
            int hi = delay < 0 ? period - 1 : delay + SEARCH;
            double best = -2;
            for (int d = lo; d <= hi; d++) {
                double c = correlation(out, Math.max(0, Math.min(out.length - CONTEXT, from + BLOCK / 2 - CONTEXT / 2)),
                        Math.min(CONTEXT, out.length), src, Math.floorMod(d, period));
                if (c > best) {
                    best = c;
                    delay = Math.floorMod(d, period);
                }
            }
            correlations += best;
            blocks++;
            for (int j = from; j < from + BLOCK; j++) {
                if (out[j] < silent && speechAround(src, (j + delay) % period, active)) {
                    run++;
                    if (run > longest) {
                        longest = run;
                        at = j - run + 1;
                    }
                } else {
                    run = 0;
                }
            }
        }
        return new Result(longest * 5, at * 5, blocks == 0 ? 0 : correlations / blocks);
    }

    private static boolean speechAround(double[] src, int k, double active) {
        for (int e = -EDGE; e <= EDGE; e++) {
            if (src[Math.floorMod(k + e, src.length)] < active) {
                return false;
            }
        }
        return true;
    }

    /** Pearson correlation of the log envelopes of out[from, from + n) and src[from + j + d] (looped). */
    private static double correlation(double[] out, int from, int n, double[] src, int d) {
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int j = 0; j < n; j++) {
            double x = Math.log1p(out[from + j]);
            double y = Math.log1p(src[(from + j + d) % src.length]);
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        double vx = sxx - sx * sx / n;
        double vy = syy - sy * sy / n;
        return vx <= 0 || vy <= 0 ? 0 : (sxy - sx * sy / n) / Math.sqrt(vx * vy);
    }

    private static double[] envelope(short[] s) {
        double[] e = new double[s.length / WINDOW];
        for (int k = 0; k < e.length; k++) {
            e[k] = Tones.rms(s, k * WINDOW, WINDOW);
        }
        return e;
    }
}
