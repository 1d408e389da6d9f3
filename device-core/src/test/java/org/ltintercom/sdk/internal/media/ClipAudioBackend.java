package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sound card for real-audio tests: its microphone says a {@link TestClip} once (then silence),
 * its speaker records everything the call plays out (up to 60 s).
 */
public final class ClipAudioBackend implements AudioBackend {
    private final TestClip clip;
    private final List<ClipCapture> captures = new CopyOnWriteArrayList<>();
    private final List<RecordingPlayback> playbacks = new CopyOnWriteArrayList<>();

    public ClipAudioBackend(TestClip clip) {
        this.clip = clip;
    }

    /** The microphone: the clip from its first frame read, then silence. */
    private static final class ClipCapture implements CaptureStream {
        private final short[] clip;
        private int position;
        volatile int frames;
        volatile boolean closed;

        ClipCapture(short[] clip) {
            this.clip = clip;
        }

        @Override
        public boolean readFrame(short[] frame) {
            if (closed) {
                return false;
            }
            java.util.Arrays.fill(frame, (short) 0);
            int n = Math.max(0, Math.min(frame.length, clip.length - position));
            System.arraycopy(clip, Math.min(position, clip.length), frame, 0, n);
            position += frame.length;
            frames++;
            return true;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Override
    public Set<LTAudioRoute> availableRoutes() {
        return Set.of(LTAudioRoute.BUILTIN);
    }

    @Override
    public CaptureStream openCapture(LTAudioRoute route) {
        ClipCapture c = new ClipCapture(clip.copy());
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
        // one fixed route
    }

    /** Frames the latest microphone has delivered (0 before any). */
    public int capturedFrames() {
        return captures.isEmpty() ? 0 : captures.get(captures.size() - 1).frames;
    }

    /** Frames the latest speaker has played (0 before any). */
    public int playedFrames() {
        return playbacks.isEmpty() ? 0 : playbacks.get(playbacks.size() - 1).frames();
    }

    /** Everything the latest speaker played, 48 kHz. */
    public short[] played() {
        if (playbacks.isEmpty()) {
            return new short[0];
        }
        RecordingPlayback p = playbacks.get(playbacks.size() - 1);
        return p.frames(0, p.frames());
    }

    public boolean allStreamsClosed() {
        return captures.stream().allMatch(c -> c.closed) && playbacks.stream().allMatch(p -> p.closed);
    }
}
