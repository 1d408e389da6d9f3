package org.ltintercom.hal.audio;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated sound hardware, driven the way the SDK's media thread drives a backend. */
class SimulatedAudioBackendTest {

    private final SimulatedAudioBackend sim = new SimulatedAudioBackend(EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER));

    private static short[] frameOf(int value) {
        short[] frame = new short[AudioFrames.FRAME_SAMPLES];
        java.util.Arrays.fill(frame, (short) value);
        return frame;
    }

    /**
     * What the SDK does: play on the current route; when the route listener drops it, fall back to
     * the previous route and carry on with the next frame.
     */
    private static final class MediaLoop implements AudioBackend.RouteListener {
        final AudioBackend backend;
        LTAudioRoute route;
        LTAudioRoute previous;
        PlaybackStream out;

        MediaLoop(AudioBackend backend, LTAudioRoute route) throws AudioDeviceException {
            this.backend = backend;
            this.route = route;
            this.out = backend.openPlayback(route);
            backend.setRouteListener(this);
        }

        void switchTo(LTAudioRoute next) throws AudioDeviceException {
            out.close();
            previous = route;
            route = next;
            out = backend.openPlayback(next);
        }

        @Override
        public void onAvailableRoutesChanged(Set<LTAudioRoute> available) {
            if (!available.contains(route)) {
                try {
                    switchTo(previous);
                } catch (AudioDeviceException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    @Test
    void routeSwitchMidStreamSendsTheNextFrameToTheNewRoute() throws Exception {
        MediaLoop loop = new MediaLoop(sim, LTAudioRoute.BUILTIN);
        loop.out.writeFrame(frameOf(1));
        loop.out.writeFrame(frameOf(2));
        loop.switchTo(LTAudioRoute.SPEAKER);
        loop.out.writeFrame(frameOf(3));

        assertEquals(List.of(1, 2), firstSamples(LTAudioRoute.BUILTIN));
        assertEquals(List.of(3), firstSamples(LTAudioRoute.SPEAKER));
        assertEquals(1, sim.openStreams(), "the old route's stream was closed");
    }

    @Test
    void bluetoothHeadsetDroppingMidStreamFallsBackToThePreviousRoute() throws Exception {
        sim.setRoutePresent(LTAudioRoute.BLUETOOTH, true);
        MediaLoop loop = new MediaLoop(sim, LTAudioRoute.SPEAKER);
        loop.switchTo(LTAudioRoute.BLUETOOTH);
        PlaybackStream headset = loop.out;
        loop.out.writeFrame(frameOf(7));

        sim.setRoutePresent(LTAudioRoute.BLUETOOTH, false);     // headset switched off
        AudioDeviceException gone = assertThrows(AudioDeviceException.class, () -> headset.writeFrame(frameOf(8)));
        assertEquals(AudioDeviceException.Reason.GONE, gone.reason());
        assertEquals(LTAudioRoute.SPEAKER, loop.route);
        loop.out.writeFrame(frameOf(9));

        assertEquals(List.of(7), firstSamples(LTAudioRoute.BLUETOOTH));
        assertEquals(List.of(9), firstSamples(LTAudioRoute.SPEAKER));
    }

    @Test
    void usbUnplugAndReplugTogglesTheRouteAndTellsTheListener() throws Exception {
        List<Set<LTAudioRoute>> changes = new ArrayList<>();
        sim.setRouteListener(changes::add);
        sim.setRoutePresent(LTAudioRoute.HEADPHONES, true);
        CaptureStream mic = sim.openCapture(LTAudioRoute.HEADPHONES);
        sim.setRoutePresent(LTAudioRoute.HEADPHONES, false);
        assertThrows(AudioDeviceException.class, () -> mic.readFrame(new short[AudioFrames.FRAME_SAMPLES]));
        AudioDeviceException missing = assertThrows(AudioDeviceException.class, () -> sim.openCapture(LTAudioRoute.HEADPHONES));
        assertEquals(AudioDeviceException.Reason.MISSING, missing.reason());
        sim.setRoutePresent(LTAudioRoute.HEADPHONES, true);

        assertEquals(List.of(
                EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER, LTAudioRoute.HEADPHONES),
                EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER),
                EnumSet.of(LTAudioRoute.BUILTIN, LTAudioRoute.SPEAKER, LTAudioRoute.HEADPHONES)), changes);
        try (CaptureStream again = sim.openCapture(LTAudioRoute.HEADPHONES)) {
            sim.feedCapture(LTAudioRoute.HEADPHONES, frameOf(5));
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            assertTrue(again.readFrame(frame));
            assertEquals(5, frame[0]);
        }
    }

    @Test
    void capturePlaysBackWhatWasFedAndUnderrunsWhenEmpty() throws Exception {
        short[] speech = new short[AudioFrames.FRAME_SAMPLES * 2 + 10];
        for (int i = 0; i < speech.length; i++) {
            speech[i] = (short) i;
        }
        sim.feedCapture(LTAudioRoute.BUILTIN, speech);
        short[] frame = new short[AudioFrames.FRAME_SAMPLES];
        try (CaptureStream mic = sim.openCapture(LTAudioRoute.BUILTIN)) {
            assertTrue(mic.readFrame(frame));
            assertEquals(0, frame[0]);
            assertTrue(mic.readFrame(frame));
            assertEquals(AudioFrames.FRAME_SAMPLES, frame[0]);
            assertTrue(mic.readFrame(frame));
            assertEquals(0, frame[10], "last frame padded with silence");
            assertFalse(mic.readFrame(frame), "underrun");
        }
    }

    @Test
    void microphoneGainChangedMidStreamScalesTheNextFrameAndClips() throws Exception {
        try (CaptureStream mic = sim.openCapture(LTAudioRoute.BUILTIN)) {
            sim.feedCapture(LTAudioRoute.BUILTIN, frameOf(1000));
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            assertTrue(mic.readFrame(frame));
            assertEquals(1000, frame[0], "unity until set");

            sim.setCaptureGain(LTAudioRoute.BUILTIN, 2.5);     // provisioning, while the call's stream is open
            sim.feedCapture(LTAudioRoute.BUILTIN, frameOf(1000));
            sim.feedCapture(LTAudioRoute.BUILTIN, frameOf(20_000));
            assertTrue(mic.readFrame(frame));
            assertArrayEquals(frameOf(2500), frame);
            assertTrue(mic.readFrame(frame));
            assertArrayEquals(frameOf(Short.MAX_VALUE), frame, "clipped, not wrapped");
            assertEquals(1.0, sim.captureGain(LTAudioRoute.SPEAKER), "the other route keeps its gain");
        }
    }

    @Test
    void loopbackEchoesPlaybackIntoCaptureWithTheRouteVolume() throws Exception {
        sim.setLoopback(true);
        sim.setVolume(LTAudioRoute.SPEAKER, 0.5);
        try (PlaybackStream out = sim.openPlayback(LTAudioRoute.SPEAKER);
             CaptureStream in = sim.openCapture(LTAudioRoute.SPEAKER)) {
            out.writeFrame(frameOf(1000));
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            assertTrue(in.readFrame(frame));
            assertEquals(500, frame[0]);
        }
    }

    @Test
    void playedAudioRoundTripsThroughAWavFile(@TempDir Path dir) throws Exception {
        try (PlaybackStream out = sim.openPlayback(LTAudioRoute.BUILTIN)) {
            ToneGenerator ringback = new ToneGenerator(Tone.RINGBACK);
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            for (int i = 0; i < 10; i++) {
                ringback.next(frame);
                out.writeFrame(frame);
            }
        }
        Path wav = dir.resolve("played.wav");
        sim.writePlayedWav(LTAudioRoute.BUILTIN, wav);
        assertArrayEquals(sim.playedSamples(LTAudioRoute.BUILTIN), WavFiles.read(wav));

        sim.feedCaptureFromWav(LTAudioRoute.SPEAKER, wav);      // what one station said is what the other hears
        short[] frame = new short[AudioFrames.FRAME_SAMPLES];
        try (CaptureStream mic = sim.openCapture(LTAudioRoute.SPEAKER)) {
            assertTrue(mic.readFrame(frame));
        }
        assertArrayEquals(sim.playedFrames(LTAudioRoute.BUILTIN).get(0), frame);
    }

    @Test
    void nonWavFileIsRejectedWithTheFileName(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("ring.wav");
        java.nio.file.Files.writeString(junk, "not audio");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> WavFiles.read(junk));
        assertTrue(e.getMessage().startsWith(junk.toString()), e.getMessage());
    }

    private List<Integer> firstSamples(LTAudioRoute route) {
        return sim.playedFrames(route).stream().map(f -> (int) f[0]).toList();
    }
}
