package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sound card for call tests: its microphone plays a sine of {@link #toneHz} or a looped recording
 * ({@link ToneCapture}), its speaker records the call's playout ({@link RecordingPlayback}) so a test
 * can ask which tone arrived. One BUILTIN route; the microphone can be made "busy" to test how calls cope.
 */
public final class ToneAudioBackend implements AudioBackend {
    private final double toneHz;
    private final short[] microphoneSignal;
    private final List<ToneCapture> captures = new CopyOnWriteArrayList<>();
    private final List<RecordingPlayback> playbacks = new CopyOnWriteArrayList<>();
    private volatile boolean microphoneBusy;

    public ToneAudioBackend(double toneHz) {
        this.toneHz = toneHz;
        this.microphoneSignal = null;
    }

    /** A microphone that hears {@code signal} (48 kHz mono, e.g. {@link SpeechSignals}) from its start, looped. */
    public ToneAudioBackend(short[] signal) {
        this.toneHz = 0;
        this.microphoneSignal = signal.clone();
    }

    /** The microphone refuses to open from now on (another process holds it). */
    public void makeMicrophoneBusy() {
        microphoneBusy = true;
    }

    @Override
    public Set<LTAudioRoute> availableRoutes() {
        return Set.of(LTAudioRoute.BUILTIN);
    }

    @Override
    public CaptureStream openCapture(LTAudioRoute route) throws AudioDeviceException {
        if (microphoneBusy) {
            throw new AudioDeviceException(route, AudioDeviceException.Reason.BUSY, "microphone held by another process");
        }
        ToneCapture c = microphoneSignal != null ? new ToneCapture(microphoneSignal) : new ToneCapture(toneHz);
        captures.add(c);
        return c;
    }

    @Override
    public PlaybackStream openPlayback(LTAudioRoute route) {
        RecordingPlayback p = new RecordingPlayback();
        playbacks.add(p);
        return p;
    }

    @Override
    public void setRouteListener(RouteListener listener) {
        // one fixed route: nothing ever changes
    }

    public int openedCaptures() {
        return captures.size();
    }

    /** True once every stream this backend opened has been closed again. */
    public boolean allStreamsClosed() {
        return captures.stream().allMatch(c -> c.closed) && playbacks.stream().allMatch(p -> p.closed);
    }

    /** Frames the latest speaker stream has played so far (0 before any). */
    public int playedFrames() {
        return playbacks.isEmpty() ? 0 : playbacks.get(playbacks.size() - 1).frames();
    }

    /** A copy of frames [from, to) the latest speaker played. */
    public short[] played(int from, int to) {
        return playbacks.get(playbacks.size() - 1).frames(from, to);
    }

    /** Frames the latest microphone has captured so far (0 before any). */
    public long capturedFrames() {
        return captures.isEmpty() ? 0 : captures.get(captures.size() - 1).frames;
    }

    /**
     * The amplitude of {@code hz} in the last {@code frames} 20 ms frames the latest speaker played
     * (0 when fewer were played).
     */
    public double recentAmplitudeAt(double hz, int frames) {
        if (playbacks.isEmpty()) {
            return 0;
        }
        RecordingPlayback p = playbacks.get(playbacks.size() - 1);
        int end = p.frames();
        if (end < frames) {
            return 0;
        }
        short[] audio = p.frames(end - frames, end);
        return Tones.amplitudeAt(audio, 0, audio.length, hz, 48_000);
    }

    /** True once the last 0.5 s played carry {@code hz} clearly, and {@code otherHz} (our own tone) far less. */
    public boolean hears(double hz, double otherHz) {
        double tone = recentAmplitudeAt(hz, 25);
        return tone > 300 && tone > 5 * recentAmplitudeAt(otherHz, 25);
    }

    /** True once the last 0.5 s played carry no {@code hz} at all. */
    public boolean silentAt(double hz) {
        return playedFrames() >= 25 && recentAmplitudeAt(hz, 25) < 50;
    }

    /** Level (RMS) of the last {@code frames} frames played. */
    public double recentLevel(int frames) {
        if (playbacks.isEmpty()) {
            return 0;
        }
        RecordingPlayback p = playbacks.get(playbacks.size() - 1);
        int end = p.frames();
        if (end < frames) {
            return 0;
        }
        short[] audio = p.frames(end - frames, end);
        return Tones.rms(audio, 0, audio.length);
    }
}
