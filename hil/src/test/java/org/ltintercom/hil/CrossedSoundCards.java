package org.ltintercom.hil;

import org.ltintercom.hal.audio.SimulatedAudioBackend;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The rig's second sound card, cabled to the app's simulated card as on the bench: what the rig plays
 * (its line out) is what the app's microphone (BUILTIN capture) hears, and what the app's speaker
 * (BUILTIN playback) plays is what the rig's line in records. Like a card, playback runs at its own
 * 20 ms frame clock, with a short buffer that drops the oldest frame when the far side stops
 * listening; capture waits for the next frame the app played.
 */
final class CrossedSoundCards implements AudioBackend, AutoCloseable {

    private static final LTAudioRoute ROUTE = LTAudioRoute.BUILTIN;
    private static final long FRAME_NANOS = TimeUnit.MILLISECONDS.toNanos(AudioFrames.FRAME_MILLIS);

    /** The line out -> mic cable: a few frames of buffer, as in a card's ring buffer. */
    private final BlockingQueue<short[]> lineOut = new ArrayBlockingQueue<>(5);
    private volatile SimulatedAudioBackend app;
    private volatile boolean closed;

    /** Plugs the cables into the app's card (each time the app starts, with its new simulated card). */
    void connect(SimulatedAudioBackend appCard) {
        lineOut.clear();
        appCard.setCaptureSource(ROUTE, lineOut::poll);
        app = appCard;
    }

    @Override
    public Set<LTAudioRoute> availableRoutes() {
        return EnumSet.of(ROUTE);
    }

    @Override
    public void setRouteListener(RouteListener listener) {
        // the rig's card is never unplugged during a run
    }

    @Override
    public CaptureStream openCapture(LTAudioRoute route) throws AudioDeviceException {
        requireRoute(route);
        return new LineIn();
    }

    @Override
    public PlaybackStream openPlayback(LTAudioRoute route) throws AudioDeviceException {
        requireRoute(route);
        return new LineOut();
    }

    private void requireRoute(LTAudioRoute route) throws AudioDeviceException {
        if (route != ROUTE || closed) {
            throw new AudioDeviceException(route, AudioDeviceException.Reason.MISSING, "the rig's card has only " + ROUTE);
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    /** The rig's line out: blocks at the card's frame clock, then the frame is on the cable. */
    private final class LineOut implements PlaybackStream {
        private long due = System.nanoTime();

        @Override
        public void writeFrame(short[] frame) {
            due += FRAME_NANOS;
            long now = System.nanoTime();
            if (due - now > 0) {
                LockSupport.parkNanos(due - now); // the card's clock: one frame per 20 ms
            } else if (now - due > 10 * FRAME_NANOS) {
                due = now; // starved for long: a real card restarts after an underrun
            }
            short[] copy = frame.clone();
            while (!lineOut.offer(copy)) {
                lineOut.poll(); // nobody listening: the oldest frame is lost, as in an overrun
            }
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    /** The rig's line in: the app's speaker output, frame by frame as the app played it. */
    private final class LineIn implements CaptureStream {
        private SimulatedAudioBackend heardFrom;
        private int heard;

        @Override
        public boolean readFrame(short[] frame) {
            SimulatedAudioBackend card = app;
            if (card != heardFrom) {
                heardFrom = card;
                heard = 0;
            }
            if (card != null) {
                List<short[]> played = card.playedFrames(ROUTE);
                if (played.size() > heard) {
                    System.arraycopy(played.get(heard++), 0, frame, 0, frame.length);
                    return true;
                }
            }
            LockSupport.parkNanos(FRAME_NANOS / 2); // nothing new on the cable yet: wait as a card would
            return false;
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
