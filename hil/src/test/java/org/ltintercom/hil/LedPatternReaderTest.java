package org.ltintercom.hil;

import org.junit.jupiter.api.Test;
import org.ltintercom.hal.gpio.LedPattern;
import org.ltintercom.hal.gpio.LedPattern.LedStep;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The patterns as the HAL defines them, played onto a timeline with some lateness, are recognised. */
class LedPatternReaderTest {

    private static final long MS = 1_000_000L;
    private static final long T0 = 1_000_000 * MS;

    /** Plays {@code pattern} for {@code millis} after 2 s dark, each step {@code lateMs} late every other time. */
    private static SignalTimeline play(LedPattern pattern, long millis, long lateMs) {
        SignalTimeline t = new SignalTimeline("led", false, T0);
        long at = T0 + 2000 * MS;
        List<LedStep> steps = pattern.steps(false);
        int i = 0;
        while (at < T0 + (2000 + millis) * MS) {
            LedStep step = steps.get(i % steps.size());
            t.record(step.brightness() >= 0.5, at + (i % 2 == 0 ? lateMs * MS : 0));
            if (step.millis() == 0) {
                break;
            }
            at += step.millis() * MS;
            i++;
        }
        return t;
    }

    private static Optional<LedPattern> seen(SignalTimeline t, long millis) {
        return LedPatternReader.recognise(t, T0, T0 + (2000 + millis) * MS);
    }

    @Test
    void everyBlinkingPatternIsRecognisedDespiteLateSteps() {
        for (LedPattern p : List.of(LedPattern.ERROR, LedPattern.DOUBLE_BLINK, LedPattern.SLOW_BLINK,
                LedPattern.FAST_BLINK, LedPattern.BREATHING)) {
            for (long late : new long[] {0, 25}) {
                assertEquals(Optional.of(p), seen(play(p, 5000, late), 5000), p + " with steps " + late + " ms late");
            }
        }
    }

    @Test
    void steadyLevelsAreOnAndOffOnlyOnceHeldLongerThanAnyBlink() {
        SignalTimeline on = play(LedPattern.ON, 3000, 0);
        assertEquals(Optional.of(LedPattern.ON), seen(on, 3000));
        assertEquals(Optional.empty(), seen(on, 500), "half a second lit could still be a slow blink");
        assertEquals(Optional.of(LedPattern.OFF), seen(new SignalTimeline("led", false, T0), 0));
    }

    @Test
    void errorStartIsTheFirstFlashOfItsRun() {
        SignalTimeline t = play(LedPattern.ERROR, 4500, 0);
        long start = LedPatternReader.patternStart(t, LedPattern.ERROR, T0, T0 + 6500 * MS);
        assertEquals(T0 + 2000 * MS, start);
    }

    @Test
    void aFlashThatContinuesTheIdleOnStartsOneFlashBeforeItEnds() {
        // the idle LED is ON; 20 ms after the window opens the station starts ringing. FAST_BLINK
        // begins with a 125 ms flash, so the LED shows no edge until that flash ends
        SignalTimeline t = new SignalTimeline("led", true, T0);
        long window = T0 + 1000 * MS;
        long ring = window + 20 * MS;
        for (int i = 1; i < 16; i++) {
            t.record(i % 2 == 0, ring + i * 125 * MS);
        }
        long start = LedPatternReader.patternStart(t, LedPattern.FAST_BLINK, window, ring + 2000 * MS);
        assertEquals(ring, start);
    }
}
