package org.ltintercom.hal.audio;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.LTAcousticCalibration;
import org.ltintercom.sdk.LTAudioProcessing;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated twin's speaker-to-microphone coupling, driven tick by tick as a call drives it. */
class SimulatedEchoPathTest {
    private static final int FRAME = AudioFrames.FRAME_SAMPLES;
    private final SimulatedAudioBackend sim = new SimulatedAudioBackend(EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.BLUETOOTH));

    /** Reads then writes {@code frames} ticks (as the media thread does), playing one click in tick 0; returns the microphone. */
    private short[] clickAndRecord(LTAudioRoute route, int frames) throws Exception {
        short[] recorded = new short[frames * FRAME];
        try (CaptureStream mic = sim.openCapture(route); PlaybackStream speaker = sim.openPlayback(route)) {
            short[] frame = new short[FRAME];
            for (int f = 0; f < frames; f++) {
                assertTrue(mic.readFrame(frame), "a coupled microphone delivers every frame");
                System.arraycopy(frame, 0, recorded, f * FRAME, FRAME);
                java.util.Arrays.fill(frame, (short) 0);
                if (f == 0) {
                    frame[100] = 20_000;
                }
                speaker.writeFrame(frame);
            }
        }
        return recorded;
    }

    private static int firstNonZero(short[] s) {
        for (int i = 0; i < s.length; i++) {
            if (s[i] != 0) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void whatTheSpeakerPlaysReachesTheMicrophoneAfterTheDelayAtTheLevel() throws Exception {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 47, -6);
        short[] mic = clickAndRecord(LTAudioRoute.BUILTIN, 10);
        assertEquals(100 + 47 * 48, firstNonZero(mic));
        assertEquals(Math.round(20_000 * Math.pow(10, -6 / 20.0)), mic[100 + 47 * 48]);
        assertEquals(1, java.util.stream.IntStream.range(0, mic.length).filter(i -> mic[i] != 0).count(), "one echo, once");

        // a second call on the route starts a fresh timeline: same delay again
        short[] again = clickAndRecord(LTAudioRoute.BUILTIN, 10);
        assertEquals(100 + 47 * 48, firstNonZero(again));
    }

    @Test
    void theEchoIsMixedWithWhatTheMicrophoneIsFedAndOtherRoutesStayDry() throws Exception {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 20, 0);
        short[] visitor = new short[3 * FRAME];
        java.util.Arrays.fill(visitor, (short) 1_000);
        sim.feedCapture(LTAudioRoute.BUILTIN, visitor);
        short[] mic = clickAndRecord(LTAudioRoute.BUILTIN, 3);
        assertEquals(1_000, mic[99 + FRAME]);
        assertEquals(21_000, mic[100 + FRAME], "the visitor plus the click's echo");

        sim.feedCapture(LTAudioRoute.BLUETOOTH, visitor);
        short[] bluetooth = clickAndRecord(LTAudioRoute.BLUETOOTH, 3);
        assertEquals(1_000, bluetooth[100 + FRAME], "no echo path on the Bluetooth headset");

        sim.clearEchoPath(LTAudioRoute.BUILTIN);
        sim.feedCapture(LTAudioRoute.BUILTIN, visitor);
        assertEquals(1_000, clickAndRecord(LTAudioRoute.BUILTIN, 3)[100 + FRAME], "cleared");
    }

    @Test
    void impossibleDelaysAndLevelsAreRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> sim.setEchoPath(LTAudioRoute.BUILTIN, 10, -6));
        assertTrue(e.getMessage().startsWith("delayMillis: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sim.setEchoPath(LTAudioRoute.BUILTIN, 50, 12));
        assertTrue(e.getMessage().startsWith("levelDb: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sim.setEchoPath(LTAudioRoute.BUILTIN, 50, Double.NaN));
        assertTrue(e.getMessage().startsWith("levelDb: "), e.getMessage());
    }

    @Test
    void theSdksAcousticCalibrationMeasuresTheSimulatedDelayAndLevel() throws Exception {
        sim.setEchoPath(LTAudioRoute.BUILTIN, 63, -10);
        LTAcousticCalibration result = LTAudioProcessing.calibrate(sim, LTAudioRoute.BUILTIN);
        assertTrue(result.echoDetected(), result.toString());
        assertTrue(Math.abs(result.delayMillis() - 63) <= 2, result.toString());
        assertTrue(Math.abs(result.echoLevelDb() - (-10)) <= 3, result.toString());
        assertEquals(0, sim.openStreams(), "the calibration closed its streams");
    }
}
