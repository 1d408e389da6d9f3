package org.ltintercom.sdk.internal.media;

import java.util.Arrays;

/**
 * What a receiving side made of a {@link TestClip}: how long and how loud its tone arrived, and
 * whether the speech after it is this speech: the loudness contour (20 ms frames, dB) must match the
 * one sent, and there must be about as many voiced frames.
 *
 * <p>The contours are aligned first, leaving out only pauses, because a recorder that writes what
 * it decodes (baresip's sndfile, with no sound card clocking it) writes nothing for the pauses in
 * which the sender's Opus DTX sent no packets: its recording has the words in order and intact,
 * but the pauses squeezed.
 *
 * @param rate              sample rate of the received audio
 * @param receivedMillis    length of the received audio
 * @param toneStartMillis   where the tone starts in it (-1: not found)
 * @param toneMillis        20 ms frames in which the clip's tone dominates (Goertzel) in its stretch
 * @param toneGapMillis     the longest run of frames without the tone inside that stretch (at most 100 ms)
 * @param toneAmplitude     mean amplitude of the tone in its frames (sent at 8000)
 * @param speechCorrelation Pearson correlation of the sent and received loudness contours, aligned by skipping pauses
 * @param speechRms         RMS of the received voiced frames
 * @param voicedMillis      voiced frames received after the tone, in ms
 * @param sentVoicedMillis  voiced frames in the speech sent, in ms
 */
public record ReceivedAudio(int rate, int receivedMillis, int toneStartMillis, int toneMillis, int toneGapMillis,
                            double toneAmplitude,
                            double speechCorrelation, double speechRms, int voicedMillis, int sentVoicedMillis) {
    /** A frame is voiced when it is at most this far below the loudest frame of its section. */
    private static final double VOICED_DB = 30;
    /** Frames without the tone that may interrupt it (a concealed loss) before it counts as ended. */
    private static final int MAX_GAP = 5;

    /** Analyses {@code received} (at {@code rate}) for {@code clip}; {@code otherHz} is a tone that must not dominate. */
    public static ReceivedAudio of(TestClip clip, short[] received, int rate, double otherHz) {
        int frame = rate / 50;
        int frames = received.length / frame;
        // the tone: the stretch with the most tone frames, no gap in it longer than MAX_GAP frames
        // (speech after it has single frames near the tone's frequency; they do not belong to it)
        boolean[] tone = new boolean[frames];
        for (int f = 0; f < frames; f++) {
            double a = Tones.amplitudeAt(received, f * frame, frame, clip.toneHz(), rate);
            double other = Tones.amplitudeAt(received, f * frame, frame, otherHz, rate);
            tone[f] = a > 1_000 && a > 4 * other;
        }
        int first = -1;
        int last = -1;
        int toneFrames = 0;
        int longestGap = 0;
        for (int start = 0; start < frames; start++) {
            if (!tone[start] || start > 0 && tone[start - 1]) {
                continue;
            }
            int count = 0;
            int gap = 0;
            int widest = 0;
            int end = start;
            for (int f = start; f < frames && gap <= MAX_GAP; f++) {
                if (tone[f]) {
                    count++;
                    end = f;
                    widest = Math.max(widest, gap);
                    gap = 0;
                } else {
                    gap++;
                }
            }
            if (count > toneFrames) {
                toneFrames = count;
                first = start;
                last = end;
                longestGap = widest;
            }
        }
        double amplitude = 0;
        for (int f = Math.max(0, first); f <= last; f++) {
            amplitude += tone[f] ? Tones.amplitudeAt(received, f * frame, frame, clip.toneHz(), rate) : 0;
        }
        amplitude /= Math.max(1, toneFrames);
        int bestStart = first;
        int bestRun = last - first + 1;
        double[] sentContour = contour(clip.speech(), TestClip.RATE);
        double[] sent = voiced(sentContour);
        if (bestStart < 0) {
            return new ReceivedAudio(rate, frames * 20, -1, 0, 0, 0, -1, 0, 0, sent.length * 20);
        }
        int afterTone = (bestStart + bestRun + 1) * frame; // the frame after the tone may hold its tail
        short[] rest = Arrays.copyOfRange(received, Math.min(afterTone, received.length), received.length);
        double[] all = contour(rest, rate);
        double[] heard = voiced(all);
        double bestCorrelation = alignedCorrelation(relative(sentContour), relative(all));
        double sum = 0;
        double max = Arrays.stream(all).max().orElse(0);
        for (int f = 0; f < all.length; f++) {
            if (all[f] >= max - VOICED_DB) {
                double r = Tones.rms(rest, f * frame, frame);
                sum += r * r;
            }
        }
        return new ReceivedAudio(rate, frames * 20, bestStart * 20, toneFrames * 20, longestGap * 20, amplitude, bestCorrelation,
                Math.sqrt(sum / Math.max(1, heard.length)), heard.length * 20, sent.length * 20);
    }

    /** Loudness per 20 ms frame in dB. */
    private static double[] contour(short[] s, int rate) {
        int frame = rate / 50;
        double[] out = new double[s.length / frame];
        for (int f = 0; f < out.length; f++) {
            out[f] = 20 * Math.log10(1 + Tones.rms(s, f * frame, frame));
        }
        return out;
    }

    /** The frames within {@link #VOICED_DB} of the loudest, in order. */
    private static double[] voiced(double[] contour) {
        double max = Arrays.stream(contour).max().orElse(0);
        return Arrays.stream(contour).filter(db -> db >= max - VOICED_DB).toArray();
    }

    /** The contour in dB relative to its loudest frame, floored at -{@link #VOICED_DB}. */
    private static double[] relative(double[] contour) {
        double max = Arrays.stream(contour).max().orElse(0);
        return Arrays.stream(contour).map(db -> Math.max(db - max, -VOICED_DB)).toArray();
    }

    /**
     * Aligns the received contour to the sent one, where only quiet frames (pauses) may be left out
     * on either side and every louder frame must be matched one to one in order (the pauses a DTX
     * receiver's recorder squeezes), then correlates the matched pairs. The received contour may
     * end anywhere after the sent one is used up.
     */
    private static double alignedCorrelation(double[] sent, double[] heard) {
        int n = sent.length;
        int m = heard.length;
        double quiet = -VOICED_DB + 10;
        double[][] cost = new double[n + 1][m + 1];
        byte[][] step = new byte[n + 1][m + 1]; // 1 match, 2 skip sent, 3 skip heard
        for (double[] row : cost) {
            Arrays.fill(row, Double.POSITIVE_INFINITY);
        }
        cost[0][0] = 0;
        for (int i = 0; i <= n; i++) {
            for (int j = 0; j <= m; j++) {
                double c = cost[i][j];
                if (c == Double.POSITIVE_INFINITY) {
                    continue;
                }
                if (i < n && j < m && c + Math.abs(sent[i] - heard[j]) < cost[i + 1][j + 1]) {
                    cost[i + 1][j + 1] = c + Math.abs(sent[i] - heard[j]);
                    step[i + 1][j + 1] = 1;
                }
                if (i < n && sent[i] <= quiet && c < cost[i + 1][j]) {
                    cost[i + 1][j] = c;
                    step[i + 1][j] = 2;
                }
                if (j < m && heard[j] <= quiet && c < cost[i][j + 1]) {
                    cost[i][j + 1] = c;
                    step[i][j + 1] = 3;
                }
            }
        }
        int end = -1;
        for (int j = 0; j <= m; j++) {
            if (cost[n][j] < Double.POSITIVE_INFINITY && (end < 0 || cost[n][j] < cost[n][end])) {
                end = j;
            }
        }
        if (end < 0) {
            return -1;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int pairs = 0;
        for (int i = n, j = end; i > 0 || j > 0; ) {
            switch (step[i][j]) {
                case 1 -> {
                    x[pairs] = sent[--i];
                    y[pairs++] = heard[--j];
                }
                case 2 -> i--;
                case 3 -> j--;
                default -> throw new IllegalStateException("broken alignment at " + i + "/" + j);
            }
        }
        return pairs < 10 ? -1 : correlation(Arrays.copyOf(x, pairs), Arrays.copyOf(y, pairs));
    }

    private static double correlation(double[] x, double[] y) {
        int n = Math.min(x.length, y.length);
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(Math.max(1e-9, sxx * syy));
    }
}
