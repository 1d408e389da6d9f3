package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sweep played through a synthetic door station's speaker and recorded by its microphone. */
class AcousticCalibrationTest {
    private static final int CAPACITY = AcousticCalibration.TOTAL_FRAMES * 960;

    @Test
    void findsTheBuiltInDelayWithin2MillisAndTheEchoLevel() throws Exception {
        int[][] rooms = {{30, 1}, {45, 2}, {77, 3}};
        for (int[] r : rooms) {
            SyntheticRoom room = new SyntheticRoom(r[0], r[1], 0.5, 150, r[0]);
            SyntheticRoom.Streams streams = room.streams(CAPACITY, 30, r[0]);
            AcousticCalibration.Result result = AcousticCalibration.run(streams, streams);
            int builtIn = r[0] + r[1];
            org.slf4j.LoggerFactory.getLogger(AcousticCalibrationTest.class).info("calibration, {} ms built in: {}", builtIn, result);
            assertTrue(result.echoDetected(), "room " + builtIn + " ms: " + result);
            assertTrue(Math.abs(result.delayMillis() - builtIn) <= 2, "built in " + builtIn + " ms, found " + result);
            double level = room.echoLevelDb(AcousticCalibration.sweep());
            assertTrue(Math.abs(result.echoLevelDb() - level) <= 3, "echo level " + result.echoLevelDb() + " dB, built in " + level + " dB");
            // the diffuse tail is still above -40 dB ~100 ms after the direct path
            assertTrue(result.suggestedTailMillis() >= 96 && result.suggestedTailMillis() <= 256, result.toString());
            assertFalse(streams.closed, "the caller owns the streams");
        }
    }

    @Test
    void aHeadsetRouteWithoutEchoIsReportedAsNoEcho() throws Exception {
        SyntheticRoom room = new SyntheticRoom(40, 2, 0.0, 100, 5);
        SyntheticRoom.Streams streams = room.streams(CAPACITY, 30, 5);
        AcousticCalibration.Result result = AcousticCalibration.run(streams, streams);
        assertFalse(result.echoDetected(), result.toString());
    }

    @Test
    void aMicrophoneThatDeliversNothingIsAnError() {
        PlaybackStream speaker = new RecordingPlayback();
        CaptureStream deadMic = new CaptureStream() {
            @Override
            public boolean readFrame(short[] frame) {
                return false;
            }

            @Override
            public void close() {
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> AcousticCalibration.run(speaker, deadMic));
        assertTrue(e.getMessage().startsWith("capture:"), e.getMessage());
    }

    @Test
    void calibratedDelayLetsTheCancellerConverge() throws Exception {
        SyntheticRoom room = new SyntheticRoom(64, 2, 0.5, 120, 9);
        SyntheticRoom.Streams streams = room.streams(CAPACITY, 30, 9);
        AcousticCalibration.Result result = AcousticCalibration.run(streams, streams);
        AudioProcessingConfig config = AudioProcessingConfig.defaults().withEcho(result.delayMillis(), result.suggestedTailMillis());
        assertEquals(result.delayMillis(), config.echoDelayMillis());
        int samples = 12 * 48_000;
        short[] far = SpeechSignals.speech("en-us", SpeechSignals.VISITOR, samples, 6_000);
        double[] echo = room.echoOf(far);
        short[] out;
        try (EchoCanceller stage = EchoCanceller.open(config, EchoCancellerTest.library())) {
            out = EchoCancellerTest.process(stage, SyntheticRoom.mix(samples, echo), far);
        }
        int half = samples / 2;
        double erle = 10 * Math.log10(EchoCancellerTest.energy(echo, half, samples - half)
                / EchoCancellerTest.energy(out, half, samples - half));
        assertTrue(erle >= 25, "ERLE with the calibrated settings " + erle + " dB (" + result + ")");
    }
}
