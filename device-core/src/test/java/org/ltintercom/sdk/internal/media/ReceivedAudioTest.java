package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks the real-audio tests rely on tell the clip sent from other speech, and survive squeezed pauses. */
class ReceivedAudioTest {
    private static final String DOOR = "Parcel service. Please open the door, I have a delivery for you.";
    private static final String PHONE = "Guten Tag. Ich komme sofort nach unten, bitte warten Sie kurz.";

    @Test
    void theClipItselfMatchesInToneLengthAndSpeechContour() throws Exception {
        TestClip clip = TestClip.of(1000, "en", DOOR);
        ReceivedAudio heard = ReceivedAudio.of(clip, clip.copy(), TestClip.RATE, 700);
        assertEquals(TestClip.TONE_MILLIS, heard.toneMillis(), heard.toString());
        assertEquals(0, heard.toneGapMillis());
        assertTrue(heard.toneAmplitude() > 7_900, heard.toString());
        assertTrue(heard.speechCorrelation() > 0.99, heard.toString());
        assertEquals(heard.sentVoicedMillis(), heard.voicedMillis());
    }

    @Test
    void otherSpeechAfterTheSameToneDoesNotPassForTheClip() throws Exception {
        TestClip sent = TestClip.of(1000, "en", DOOR);
        TestClip other = TestClip.of(1000, "de", PHONE);
        ReceivedAudio heard = ReceivedAudio.of(sent, other.copy(), TestClip.RATE, 700);
        assertEquals(TestClip.TONE_MILLIS, heard.toneMillis());
        assertTrue(heard.speechCorrelation() < 0.8, heard.toString());
    }

    @Test
    void pausesSqueezedOutByDtxStillMatchButATruncatedClipDoesNot() throws Exception {
        TestClip clip = TestClip.of(1000, "en", DOOR);
        short[] squeezed = withoutQuietFrames(clip.copy());
        ReceivedAudio heard = ReceivedAudio.of(clip, squeezed, TestClip.RATE, 700);
        assertTrue(heard.speechCorrelation() > 0.9, heard.toString());
        assertTrue(Math.abs(heard.voicedMillis() - heard.sentVoicedMillis()) <= heard.sentVoicedMillis() * 0.15, heard.toString());

        short[] cut = Arrays.copyOf(clip.copy(), clip.samples().length - clip.speech().length / 2);
        ReceivedAudio half = ReceivedAudio.of(clip, cut, TestClip.RATE, 700);
        assertTrue(half.voicedMillis() < half.sentVoicedMillis() * 0.85, half.toString());
    }

    /** Drops every 20 ms frame whose level is under 1 % of full scale, as a receiver of a DTX stream records it. */
    private static short[] withoutQuietFrames(short[] s) {
        short[] out = new short[s.length];
        int n = 0;
        for (int f = 0; f + 960 <= s.length; f += 960) {
            if (Tones.rms(s, f, 960) > 300) {
                System.arraycopy(s, f, out, n, 960);
                n += 960;
            }
        }
        return Arrays.copyOf(out, n);
    }
}
