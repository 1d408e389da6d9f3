package org.ltintercom.hal.audio;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ltintercom.hal.testing.Threads;
import org.ltintercom.hal.time.ManualClock;
import org.ltintercom.sdk.call.LTAudioRoute;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tones paced at 20 ms in virtual time onto the simulated speaker. */
class TonePlayerTest {

    private final ManualClock clock = new ManualClock();
    private final SimulatedAudioBackend sim = new SimulatedAudioBackend(EnumSet.of(LTAudioRoute.SPEAKER));
    private TonePlayer player = new TonePlayer(sim, clock);

    @AfterEach
    void stop() {
        player.close();
    }

    @Test
    void ringbackWritesOneFrameEvery20Ms() {
        player.play(Tone.RINGBACK, LTAudioRoute.SPEAKER);
        clock.advanceMillis(1000);

        assertEquals(51, sim.playedFrames(LTAudioRoute.SPEAKER).size(), "frames at 0, 20, ..., 1000 ms");
        assertEquals(Optional.of("ringback"), player.playing());
    }

    @Test
    void stoppingClosesTheSpeakerStream() {
        player.play(Tone.RINGTONE, LTAudioRoute.SPEAKER);
        clock.advanceMillis(100);
        player.stop();
        clock.advanceMillis(100);

        assertEquals(6, sim.playedFrames(LTAudioRoute.SPEAKER).size());
        assertEquals(0, sim.openStreams());
        assertEquals(Optional.empty(), player.playing());
    }

    @Test
    void oneShotChimeEndsByItself() {
        player.play(Tone.ERROR_CHIME, LTAudioRoute.SPEAKER);
        clock.advanceMillis(2000);

        assertEquals(Tone.ERROR_CHIME.cycleMillis() / 20, sim.playedFrames(LTAudioRoute.SPEAKER).size());
        assertEquals(0, sim.openStreams());
    }

    @Test
    void missingSpeakerDropsTheToneWithoutFailing() {
        player.play(Tone.RINGTONE, LTAudioRoute.HEADPHONES);
        clock.advanceMillis(100);
        assertEquals(Optional.empty(), player.playing());

        player.play(Tone.RINGTONE, LTAudioRoute.SPEAKER);       // still works afterwards
        clock.advanceMillis(100);
        assertEquals(Optional.of("ringtone"), player.playing());
        sim.setRoutePresent(LTAudioRoute.SPEAKER, false);       // unplugged mid-tone
        clock.advanceMillis(100);
        assertEquals(Optional.empty(), player.playing());
    }

    @Test
    void wavRingtoneLoops() {
        short[] samples = new short[1200];                         // 25 ms
        java.util.Arrays.fill(samples, (short) 42);
        player.play("custom", samples, true, LTAudioRoute.SPEAKER);
        clock.advanceMillis(100);
        assertTrue(sim.playedFrames(LTAudioRoute.SPEAKER).stream().allMatch(f -> f[0] == 42));
        assertEquals(6, sim.playedFrames(LTAudioRoute.SPEAKER).size());
    }

    @Test
    void startingAndStoppingTwiceLeavesNoThread() {
        player.close();
        Set<String> before = Threads.allThreads();
        for (int i = 0; i < 2; i++) {
            TonePlayer p = new TonePlayer(sim, clock);
            p.play(Tone.RINGBACK, LTAudioRoute.SPEAKER);
            clock.advanceMillis(40);
            p.close();
        }
        Threads.awaitNoNewThreads(before);
        player = new TonePlayer(sim, clock);
    }
}
