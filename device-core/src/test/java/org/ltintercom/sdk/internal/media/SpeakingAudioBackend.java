package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.io.IOException;
import java.util.Set;

/**
 * The resident's indoor unit for echo tests above the media package: its microphone speaks (espeak-ng
 * speech, looped), its speaker records what the call brings, so a test can measure how much of the
 * resident's own voice comes back from the door station.
 */
public final class SpeakingAudioBackend implements AudioBackend {
    private final short[] speech;
    private volatile RecordingPlayback speaker;

    private SpeakingAudioBackend(short[] speech) {
        this.speech = speech;
    }

    /** The resident speaking German at an active-speech RMS of 5000. */
    public static SpeakingAudioBackend resident() throws IOException, InterruptedException {
        return new SpeakingAudioBackend(SpeechSignals.speech("de", SpeechSignals.RESIDENT, 30 * 48_000, 5_000));
    }

    /** What the microphone says. */
    public short[] speech() {
        return speech.clone();
    }

    /** Frames the latest speaker stream played so far. */
    public int heardFrames() {
        RecordingPlayback s = speaker;
        return s == null ? 0 : s.frames();
    }

    /** Energy of speaker frames [from, to) relative to the resident's speech over as many samples, in dB. */
    public double heardRelativeDb(int from, int to) {
        short[] heard = speaker.frames(from, to);
        double heardEnergy = EchoCancellerTest.energy(heard, 0, heard.length);
        double spoken = EchoCancellerTest.energy(speech, from * 960, heard.length);
        return 10 * Math.log10(Math.max(heardEnergy, 1) / spoken);
    }

    @Override
    public Set<LTAudioRoute> availableRoutes() {
        return Set.of(LTAudioRoute.BUILTIN);
    }

    @Override
    public CaptureStream openCapture(LTAudioRoute route) {
        return new MediaSessionEchoTest.RecordedCapture(speech);
    }

    @Override
    public PlaybackStream openPlayback(LTAudioRoute route) {
        RecordingPlayback p = new RecordingPlayback();
        speaker = p;
        return p;
    }

    @Override
    public void setRouteListener(RouteListener listener) {
        // one fixed route
    }
}
