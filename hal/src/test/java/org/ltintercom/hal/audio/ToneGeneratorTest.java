package org.ltintercom.hal.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated tones carry the frequencies and cadences they promise. */
class ToneGeneratorTest {

    @ParameterizedTest
    @CsvSource({"1,697,1209", "5,770,1336", "9,852,1477", "0,941,1336", "*,941,1209", "#,941,1477", "D,941,1633"})
    void dtmfKeyIsItsTwoGridFrequencies(char key, double low, double high) {
        ToneGenerator generator = new ToneGenerator(Tone.dtmf(key));
        short[] frame = FakeSoundSystem.frame();
        generator.next(frame);
        generator.next(frame);                         // 20..40 ms: inside the 100 ms tone

        double lowPower = Goertzel.power(frame, low);
        double highPower = Goertzel.power(frame, high);
        double otherPower = Goertzel.power(frame, 2500);   // far from every DTMF frequency
        assertTrue(lowPower > 100 * otherPower, "low tone present");
        assertTrue(highPower > 100 * otherPower, "high tone present");
    }

    @Test
    void dtmfRejectsANonKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Tone.dtmf('x'));
        assertTrue(e.getMessage().startsWith("key: "));
    }

    @Test
    void ringbackIsOneSecondOf425HzThenFourSecondsOfSilenceAndRepeats() {
        ToneGenerator generator = new ToneGenerator(Tone.RINGBACK);
        short[] frame = FakeSoundSystem.frame();
        int toneFrames = 0;
        int silentFrames = 0;
        for (int i = 0; i < 250; i++) {                // one 5 s cycle
            generator.next(frame);
            if (Goertzel.silent(frame)) {
                silentFrames++;
            } else {
                assertTrue(Goertzel.power(frame, 425) > 100 * Goertzel.power(frame, 1000));
                toneFrames++;
            }
        }
        assertEquals(50, toneFrames);
        assertEquals(200, silentFrames);
        generator.next(frame);
        assertFalse(Goertzel.silent(frame), "the cadence repeats");
        assertFalse(generator.finished());
    }

    @Test
    void errorChimePlaysOnceThenIsSilent() {
        ToneGenerator generator = new ToneGenerator(Tone.ERROR_CHIME);
        short[] frame = FakeSoundSystem.frame();
        int frames = Tone.ERROR_CHIME.cycleMillis() / 20;
        for (int i = 0; i < frames; i++) {
            generator.next(frame);
        }
        assertTrue(generator.finished());
        generator.next(frame);
        assertTrue(Goertzel.silent(frame));
    }
}
