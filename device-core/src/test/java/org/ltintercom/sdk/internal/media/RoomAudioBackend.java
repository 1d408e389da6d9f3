package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A door station's sound card in a {@link SyntheticRoom}, for tests above the media package (the
 * SDK's calls, its calibration): one BUILTIN route whose microphone hears the room's echo of its
 * speaker plus a little noise. A capture stream and the playback stream opened after it share one
 * room timeline, as a call's (and a calibration's) streams do.
 */
public final class RoomAudioBackend implements AudioBackend {
    private static final int CAPACITY = 120 * 48_000;
    private final SyntheticRoom room;
    private final List<SyntheticRoom.Streams> opened = new CopyOnWriteArrayList<>();
    private volatile SyntheticRoom.Streams current;
    private long seed = 1;

    /** A room whose echo reaches the microphone {@code deviceDelayMillis} + 2 ms after playout, at -6 dB. */
    public RoomAudioBackend(int deviceDelayMillis) {
        this.room = new SyntheticRoom(deviceDelayMillis, 2, 0.5, 60, 21);
    }

    /** Playout-to-microphone delay of the first echo, in ms. */
    public int echoDelayMillis() {
        return room.delaySamples() / 48;
    }

    /** Level of the room's echo of {@code played} relative to it, in dB: what a resident hears without AEC. */
    public double echoLevelDb(short[] played) {
        return room.echoLevelDb(played);
    }

    @Override
    public Set<LTAudioRoute> availableRoutes() {
        return Set.of(LTAudioRoute.BUILTIN);
    }

    @Override
    public synchronized CaptureStream openCapture(LTAudioRoute route) {
        current = room.streams(CAPACITY, 5, seed++);
        opened.add(current);
        return current;
    }

    @Override
    public synchronized PlaybackStream openPlayback(LTAudioRoute route) {
        if (current == null || current.closed) {
            openCapture(route);
        }
        return current;
    }

    @Override
    public void setRouteListener(RouteListener listener) {
        // one fixed route
    }

    public boolean allStreamsClosed() {
        return opened.stream().allMatch(s -> s.closed);
    }
}
