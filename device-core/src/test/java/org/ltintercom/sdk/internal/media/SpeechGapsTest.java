package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gap finder the lossy-call IT relies on: it must see holes in speech, and not the speaker's own pauses. */
class SpeechGapsTest {
    private static final int SECONDS = 8;

    private static short[] source() throws Exception {
        return SpeechSignals.speech("en", SpeechSignals.VISITOR, 48_000 * SECONDS, 3_000);
    }

    /** The source looped, started {@code offset} samples in, with the delay growing by 20 ms after 3 s. */
    private static short[] playedFrom(short[] source, int offset, int seconds) {
        short[] out = new short[48_000 * seconds];
        int shift = 0;
        for (int i = 0; i < out.length; i++) {
            if (i == 48_000 * 3) {
                shift = 960; // a jitter buffer growing by one frame of silence
            }
            int k = i - shift;
            out[i] = k < 48_000 * 3 || i >= 48_000 * 3 + 960 ? source[Math.floorMod(offset + k, source.length)] : 0;
        }
        return out;
    }

    @Test
    void speechWithItsOwnPausesAndAShiftingDelayHasNoGap() throws Exception {
        short[] source = source();
        SpeechGaps.Result r = SpeechGaps.find(source, playedFrom(source, 48_000 * 5 + 1234, 12));
        assertTrue(r.longestGapMillis() <= 25, r.toString());
        assertTrue(r.meanCorrelation() > 0.8, r.toString());
    }

    @Test
    void aHoleInsideAWordIsFound() throws Exception {
        short[] source = source();
        short[] played = playedFrom(source, 4321, 12);
        // find a stretch of 80 ms of loud speech in the played audio after the delay change and cut 60 ms of it
        int hole = -1;
        for (int w = 48_000 * 5 / 240; hole < 0 && w + 16 < played.length / 240; w++) {
            boolean loud = true;
            for (int k = 0; k < 16 && loud; k++) {
                loud = Tones.rms(played, (w + k) * 240, 240) > 1_000;
            }
            if (loud) {
                hole = (w + 2) * 240;
            }
        }
        assertTrue(hole > 0, "no loud stretch in the speech");
        java.util.Arrays.fill(played, hole, hole + 48 * 60, (short) 0);
        SpeechGaps.Result r = SpeechGaps.find(source, played);
        assertTrue(r.longestGapMillis() >= 50, r.toString());
        assertEquals(hole / 48 / 5 * 5, r.atMillis(), 15, r.toString());
    }
}
