package org.ltintercom.sdk.internal.media;

import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The capture stage in a synthetic door station (see {@link SyntheticRoom}): espeak-ng speech from
 * the resident comes out of the speaker, is delayed by the device, convolved with the room and
 * heard by the microphone together with the visitor and background noise.
 */
class EchoCancellerTest {
    private static final Logger log = LoggerFactory.getLogger(EchoCancellerTest.class);
    private static final int FRAME = 960;
    private static final int SECONDS = 20;
    private static final int SAMPLES = SECONDS * 48_000;

    static SpeexDsp library() {
        SpeexDsp.Availability lib = SpeexDsp.load(SpeexDsp.systemCandidates());
        assertTrue(lib.available(), "libspeexdsp1 must be installed for this test: " + lib.reason());
        return lib.dsp();
    }

    /**
     * Runs the stage tick by tick as MediaSession does (capture frame in, then the played frame out);
     * the result is aligned with {@code mic} (the stage's added latency taken out).
     */
    static short[] process(EchoCanceller stage, short[] mic, short[] far) {
        short[] out = new short[mic.length];
        short[] frame = new short[FRAME];
        short[] play = new short[FRAME];
        int shift = stage.addedLatencyFrames() * FRAME;
        for (int f = 0; f + FRAME <= mic.length; f += FRAME) {
            System.arraycopy(mic, f, frame, 0, FRAME);
            stage.processCapture(frame);
            if (f >= shift) {
                System.arraycopy(frame, 0, out, f - shift, FRAME);
            }
            System.arraycopy(far, f, play, 0, FRAME);
            stage.onPlayout(play);
        }
        return out;
    }

    static double energy(short[] s, int from, int count) {
        double e = 0;
        for (int i = from; i < from + count; i++) {
            e += (double) s[i] * s[i];
        }
        return e;
    }

    static double energy(double[] s, int from, int count) {
        double e = 0;
        for (int i = from; i < from + count; i++) {
            e += s[i] * s[i];
        }
        return e;
    }

    @Test
    void farEndSingleTalkIsCancelledByAtLeast25Decibels() throws Exception {
        SyntheticRoom room = new SyntheticRoom(45, 2, 0.5, 120, 7);
        short[] far = SpeechSignals.speech("en-us", SpeechSignals.VISITOR, SAMPLES, 6_000);
        double[] echo = room.echoOf(far);
        short[] mic = SyntheticRoom.mix(SAMPLES, echo, SyntheticRoom.noise(SAMPLES, 5, 1));
        AudioProcessingConfig config = AudioProcessingConfig.defaults().withEcho(room.delaySamples() / 48, 128);
        short[] out;
        try (EchoCanceller stage = EchoCanceller.open(config, library())) {
            assertEquals(1, stage.addedLatencyFrames(), "a 47 ms delay needs no capture buffering, only the preprocessor's frame");
            out = process(stage, mic, far);
        }
        // ERLE per 0.5 s block over frames where the far end speaks; converged when every later block reaches 25 dB
        int frames = SAMPLES / FRAME;
        int block = 25;
        int converged = -1;
        double echoAfter = 0;
        double outAfter = 0;
        for (int b = frames / block - 1; b >= 0; b--) {
            double e = 0;
            double o = 0;
            for (int f = b * block; f < (b + 1) * block; f++) {
                double ef = energy(echo, f * FRAME, FRAME);
                if (ef > FRAME * 200.0 * 200.0) {
                    e += ef;
                    o += energy(out, f * FRAME, FRAME);
                }
            }
            if (e == 0) {
                continue;
            }
            double erle = 10 * Math.log10(e / Math.max(o, 1));
            if (erle < 25) {
                break;
            }
            converged = b * block;
            echoAfter += e;
            outAfter += o;
        }
        assertTrue(converged >= 0 && converged <= frames / 2, "echo canceller did not converge to 25 dB ERLE in the first half: " + converged);
        double erle = 10 * Math.log10(echoAfter / Math.max(outAfter, 1));
        log.info("far-end single talk: converged after {} frames ({} ms), ERLE after convergence {} dB",
                converged, converged * 20, String.format("%.1f", erle));
        assertTrue(erle >= 25, "ERLE " + erle + " dB");
    }

    @Test
    void visitorSpeakingWhileResidentSpeaksIsKeptWithin6Decibels() throws Exception {
        SyntheticRoom room = new SyntheticRoom(60, 3, 0.5, 120, 11);
        short[] far = SpeechSignals.speech("en-us", SpeechSignals.VISITOR, SAMPLES, 6_000);
        short[] nearFull = SpeechSignals.speech("de", SpeechSignals.RESIDENT, SAMPLES, 3_000);
        double[] near = new double[SAMPLES];
        int dtStart = SAMPLES / 2; // the first 10 s are far-end only, so the filter has converged
        for (int i = dtStart; i < SAMPLES; i++) {
            near[i] = nearFull[i - dtStart];
        }
        short[] mic = SyntheticRoom.mix(SAMPLES, room.echoOf(far), near, SyntheticRoom.noise(SAMPLES, 5, 2));
        AudioProcessingConfig config = AudioProcessingConfig.defaults().withEcho(room.delaySamples() / 48, 128);
        short[] out;
        try (EchoCanceller stage = EchoCanceller.open(config, library())) {
            out = process(stage, mic, far);
        }
        double nearEnergy = 0;
        double outEnergy = 0;
        int frames = 0;
        for (int f = dtStart; f + FRAME <= SAMPLES; f += FRAME) {
            double e = energy(near, f, FRAME);
            if (e > FRAME * 500.0 * 500.0) {
                nearEnergy += e;
                outEnergy += energy(out, f, FRAME);
                frames++;
            }
        }
        double keptDb = 10 * Math.log10(outEnergy / nearEnergy);
        log.info("double talk: near-end level after the stage {} dB over {} frames", String.format("%+.1f", keptDb), frames);
        assertTrue(frames > 100, "near-end speech frames: " + frames);
        assertTrue(Math.abs(keptDb) <= 6, "near-end speech changed by " + keptDb + " dB in double talk");
    }

    @Test
    void stationaryStreetNoiseIsReducedBy10DecibelsWhileTheVisitorSpeaks() throws Exception {
        short[] speech = SpeechSignals.speech("en-us", SpeechSignals.VISITOR, SAMPLES, 3_000);
        double[] noise = SyntheticRoom.noise(SAMPLES, 300, 3);
        short[] mic = SyntheticRoom.mix(SAMPLES, SyntheticRoom.asDouble(speech), noise);
        short[] out;
        try (EchoCanceller stage = EchoCanceller.open(AudioProcessingConfig.defaults(), library())) {
            out = process(stage, mic, new short[SAMPLES]);
        }
        double noiseIn = 0;
        double noiseOut = 0;
        double speechIn = 0;
        double speechOut = 0;
        int pauses = 0;
        for (int f = 100 * FRAME; f + FRAME <= SAMPLES; f += FRAME) { // after 2 s of noise estimation
            double s = Tones.rms(speech, f, FRAME);
            if (s < 30) {
                noiseIn += energy(noise, f, FRAME);
                noiseOut += energy(out, f, FRAME);
                pauses++;
            } else if (s > 1_500) {
                speechIn += energy(mic, f, FRAME);
                speechOut += energy(out, f, FRAME);
            }
        }
        double reduction = 10 * Math.log10(noiseIn / Math.max(noiseOut, 1));
        double speechChange = 10 * Math.log10(speechOut / speechIn);
        log.info("noise suppression: {} dB over {} pause frames; speech frames changed by {} dB",
                String.format("%.1f", reduction), pauses, String.format("%+.1f", speechChange));
        assertTrue(pauses > 20, "pause frames: " + pauses);
        assertTrue(reduction >= 10, "noise reduced by only " + reduction + " dB");
        assertTrue(Math.abs(speechChange) <= 6, "speech changed by " + speechChange + " dB");
    }

    @Test
    void shortEchoDelayBuffersTheMicrophoneOneFrame() {
        AudioProcessingConfig aecOnly = new AudioProcessingConfig(true, 15, 128, false, false, false, SpeexDsp.systemCandidates());
        try (EchoCanceller stage = EchoCanceller.open(aecOnly, library())) {
            assertEquals(1, stage.addedLatencyFrames(), "15 ms: the echo arrives before its frame was played");
        }
        try (EchoCanceller stage = EchoCanceller.open(aecOnly.withEcho(30, 128), library())) {
            assertEquals(0, stage.addedLatencyFrames(), "30 ms: the reference is there in time");
        }
        try (EchoCanceller stage = EchoCanceller.open(AudioProcessingConfig.defaults().withEcho(30, 128), library())) {
            assertEquals(1, stage.addedLatencyFrames(), "the preprocessor's overlap-add frame");
        }
    }

    @Test
    void nativeStatesAreFreedExactlyOnce() {
        SpeexDsp dsp = library();
        EchoCanceller stage = EchoCanceller.open(AudioProcessingConfig.defaults(), dsp);
        assertEquals(2, dsp.liveStates(), "echo state and preprocessor");
        stage.processCapture(new short[FRAME]);
        stage.onPlayout(new short[FRAME]);
        stage.reset();
        stage.close();
        stage.close();
        assertEquals(0, dsp.liveStates());
        assertEquals(2, dsp.destroyedStates());
        short[] frame = Tones.sine(FRAME, 440, 48_000, 8_000);
        short[] copy = frame.clone();
        stage.processCapture(frame);
        assertTrue(java.util.Arrays.equals(copy, frame), "a closed stage passes audio through");
    }

    @Test
    void missingLibraryLeavesTheMicrophoneUntouchedAndSaysWhy() {
        AudioProcessingConfig config = AudioProcessingConfig.defaults().withLibrary(java.util.List.of("/nonexistent/a/libspeexdsp.so.1"));
        try (EchoCanceller stage = EchoCanceller.open(config)) {
            assertEquals(AudioProcessingStatus.State.UNAVAILABLE, stage.status().state());
            assertTrue(stage.status().detail().contains("libspeexdsp1"), stage.status().detail());
            short[] frame = Tones.sine(FRAME, 440, 48_000, 8_000);
            short[] copy = frame.clone();
            stage.processCapture(frame);
            stage.onPlayout(frame);
            assertTrue(java.util.Arrays.equals(copy, frame));
        }
        try (EchoCanceller stage = EchoCanceller.open(AudioProcessingConfig.off())) {
            assertEquals(AudioProcessingStatus.State.DISABLED, stage.status().state());
        }
    }

    @Test
    void badSettingsNameTheField() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AudioProcessingConfig.defaults().withEcho(-5, 128));
        assertTrue(e.getMessage().startsWith("echoDelayMillis"), e.getMessage());
        e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> AudioProcessingConfig.defaults().withEcho(40, 5));
        assertTrue(e.getMessage().startsWith("echoTailMillis"), e.getMessage());
    }
}
