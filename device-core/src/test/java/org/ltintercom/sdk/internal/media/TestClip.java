package org.ltintercom.sdk.internal.media;

import java.io.IOException;
import java.util.Arrays;

/**
 * What a peer says in the real-audio tests, at 48 kHz: 0.5 s of silence, a tone of {@link #TONE_MILLIS},
 * 0.5 s of silence, espeak-ng speech, 1 s of silence. The receiving side finds the tone by its
 * frequency (Goertzel) and measures its length, and finds the speech by the shape of its loudness
 * over time ({@link ReceivedAudio}).
 *
 * @param samples the whole clip
 * @param toneHz  frequency of the tone
 * @param speech  the speech part alone
 */
public record TestClip(short[] samples, double toneHz, short[] speech) {
    public static final int RATE = 48_000;
    public static final int TONE_MILLIS = 2_000;
    static final int LEAD_MILLIS = 500;
    static final int GAP_MILLIS = 500;
    static final int TAIL_MILLIS = 1_000;

    /** The clip with a tone of {@code toneHz} and {@code text} spoken by espeak-ng's {@code voice} (fails without espeak-ng). */
    public static TestClip of(double toneHz, String voice, String text) throws IOException, InterruptedException {
        short[] speech = SpeechSignals.speech(voice, text, SpeechSignals.synthesisedLength(voice, text), 4_000);
        int lead = RATE * LEAD_MILLIS / 1000;
        int tone = RATE * TONE_MILLIS / 1000;
        int gap = RATE * GAP_MILLIS / 1000;
        int tail = RATE * TAIL_MILLIS / 1000;
        short[] all = new short[lead + tone + gap + speech.length + tail];
        short[] sine = Tones.sine(tone, toneHz, RATE, 8_000);
        System.arraycopy(sine, 0, all, lead, tone);
        System.arraycopy(speech, 0, all, lead + tone + gap, speech.length);
        return new TestClip(all, toneHz, speech);
    }

    public int millis() {
        return samples.length * 1000 / RATE;
    }

    /** Where the speech starts in the clip, in 20 ms frames. */
    int speechStartFrame() {
        return (LEAD_MILLIS + TONE_MILLIS + GAP_MILLIS) / 20;
    }

    short[] copy() {
        return Arrays.copyOf(samples, samples.length);
    }
}
