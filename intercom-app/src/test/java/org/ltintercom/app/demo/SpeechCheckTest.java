package org.ltintercom.app.demo;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.spi.AudioFrames;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpeechCheckTest {

    private static final int RATE = AudioFrames.SAMPLE_RATE;

    /** Syllables of a 150 Hz voice with pauses, seeded. */
    private static short[] speech(long seed, int seconds) {
        Random random = new Random(seed);
        short[] out = new short[RATE * seconds];
        int at = RATE / 10;
        while (true) {
            int length = (int) (RATE * (0.1 + random.nextDouble() * 0.2));
            if (at + length >= out.length) {
                break;
            }
            for (int i = 0; i < length; i++) {
                out[at + i] = (short) (8000 * Math.sin(Math.PI * i / length) * Math.sin(2 * Math.PI * 150 * i / RATE));
            }
            at += length + (int) (RATE * (0.05 + random.nextDouble() * 0.25));
        }
        return out;
    }

    /** What a far end plays: ringback, then the speech delayed, quieter and with a little noise. */
    private static short[] received(short[] speech, int delayFrames, double gain) {
        Random noise = new Random(9);
        int ringback = RATE * 2;
        short[] out = new short[ringback + delayFrames * AudioFrames.FRAME_SAMPLES + speech.length];
        for (int i = 0; i < ringback; i++) {
            out[i] = (short) ((i / (RATE / 2)) % 2 == 0 ? 6000 * Math.sin(2 * Math.PI * 425 * i / RATE) : 0);
        }
        int start = ringback + delayFrames * AudioFrames.FRAME_SAMPLES;
        for (int i = 0; i < speech.length; i++) {
            out[start + i] = (short) (gain * speech[i] + noise.nextGaussian() * 30);
        }
        return out;
    }

    @Test
    void speechThatCameThroughDelayedAndQuieterIsHeard() {
        short[] speech = speech(1, 3);
        SpeechCheck.Result r = SpeechCheck.check(speech, received(speech, 17, 0.4));
        assertTrue(r.heard(), "correlation " + r.correlation());
        assertTrue(r.activeSeconds() > 1, "active " + r.activeSeconds());
    }

    @Test
    void ringbackAndOtherSpeechAreNotTakenForTheSpeech() {
        short[] speech = speech(1, 3);
        SpeechCheck.Result other = SpeechCheck.check(speech, received(speech(2, 3), 5, 1.0));
        assertFalse(other.heard(), "another voice matched: " + other.correlation());
        SpeechCheck.Result silence = SpeechCheck.check(speech, new short[RATE * 5]);
        assertFalse(silence.heard(), "silence matched: " + silence.correlation());
    }
}
