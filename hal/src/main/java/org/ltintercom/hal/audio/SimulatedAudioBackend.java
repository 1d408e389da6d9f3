package org.ltintercom.hal.audio;

import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The simulated twin of the sound hardware: routes are plugged and unplugged from code,
 * capture is fed frames (from a test, a WAV file or a tone source) and playback is recorded per
 * route. With loopback on, what a route plays comes back as its capture (an in-memory echo). An
 * echo path ({@link #setEchoPath}) couples a route's speaker to its microphone like a door station's
 * box, with a delay and a level, for echo cancellation and acoustic calibration tests and the
 * hardware-in-loop rig.
 */
public final class SimulatedAudioBackend implements AudioBackend, RouteGains {

    private static final Logger log = LoggerFactory.getLogger(SimulatedAudioBackend.class);

    private final Set<LTAudioRoute> present = EnumSet.noneOf(LTAudioRoute.class);
    private final Map<LTAudioRoute, BlockingQueue<short[]>> captureQueues = new EnumMap<>(LTAudioRoute.class);
    private final Map<LTAudioRoute, Supplier<short[]>> captureSources = new EnumMap<>(LTAudioRoute.class);
    private final Map<LTAudioRoute, List<short[]>> played = new EnumMap<>(LTAudioRoute.class);
    private final Map<LTAudioRoute, Double> volumes = new EnumMap<>(LTAudioRoute.class);
    private final Map<LTAudioRoute, SimulatedEchoPath> echoPaths = new EnumMap<>(LTAudioRoute.class);
    private final List<SimStream> open = new ArrayList<>();
    private final CaptureGains captureGains = new CaptureGains();
    private volatile RouteListener listener;
    private volatile boolean loopback;

    /** Starts with {@code routes} plugged in. */
    public SimulatedAudioBackend(Set<LTAudioRoute> routes) {
        for (LTAudioRoute route : LTAudioRoute.values()) {
            captureQueues.put(route, new LinkedBlockingQueue<>());
            played.put(route, new ArrayList<>());
            volumes.put(route, 1.0);
        }
        present.addAll(routes);
    }

    @Override
    public synchronized Set<LTAudioRoute> availableRoutes() {
        return present.isEmpty() ? EnumSet.noneOf(LTAudioRoute.class) : EnumSet.copyOf(present);
    }

    @Override
    public void setRouteListener(RouteListener newListener) {
        listener = newListener;
    }

    /** Plugs a route in or out (USB card, Bluetooth headset); open streams of an unplugged route fail with GONE. */
    public void setRoutePresent(LTAudioRoute route, boolean isPresent) {
        Set<LTAudioRoute> now;
        synchronized (this) {
            boolean changed = isPresent ? present.add(route) : present.remove(route);
            if (!changed) {
                return;
            }
            if (!isPresent) {
                open.stream().filter(s -> s.route == route).forEach(s -> s.gone = true);
            }
            now = availableRoutes();
        }
        log.info("simulated audio: {} {}", route, isPresent ? "plugged in" : "unplugged");
        RouteListener current = listener;
        if (current != null) {
            current.onAvailableRoutesChanged(now);
        }
    }

    /** Queues samples (any length; cut into 20 ms frames, the last one padded with silence) as a route's microphone input. */
    public void feedCapture(LTAudioRoute route, short[] samples) {
        for (int at = 0; at < samples.length; at += AudioFrames.FRAME_SAMPLES) {
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            System.arraycopy(samples, at, frame, 0, Math.min(frame.length, samples.length - at));
            captureQueues.get(route).add(frame);
        }
    }

    /** Queues a WAV file (converted to 48 kHz mono 16-bit) as a route's microphone input. */
    public void feedCaptureFromWav(LTAudioRoute route, java.nio.file.Path wav) throws java.io.IOException {
        feedCapture(route, WavFiles.read(wav));
    }

    /** Writes everything played to a route so far as a WAV file. */
    public void writePlayedWav(LTAudioRoute route, java.nio.file.Path wav) throws java.io.IOException {
        WavFiles.write(wav, playedSamples(route));
    }

    /** A source asked for a frame whenever the capture queue is empty (e.g. a tone or a looping WAV). */
    public synchronized void setCaptureSource(LTAudioRoute route, Supplier<short[]> source) {
        captureSources.put(route, source);
    }

    /** Echo playback into capture, per route. */
    public void setLoopback(boolean on) {
        loopback = on;
    }

    /**
     * From now on, what {@code route} plays reaches its microphone {@code delayMillis} later (20..1000,
     * counted from when the route's playback stream opens) at {@code levelDb} (-60..+6 dB), mixed with
     * what the microphone is fed; without fed input the microphone delivers the echo alone at once.
     *
     * @throws IllegalArgumentException naming the field ({@code delayMillis: ...}, {@code levelDb: ...})
     */
    public synchronized void setEchoPath(LTAudioRoute route, int delayMillis, double levelDb) {
        echoPaths.put(route, new SimulatedEchoPath(delayMillis, levelDb));
        log.info("simulated audio: {} speaker couples into its microphone after {} ms at {} dB", route, delayMillis, levelDb);
    }

    /** The route's speaker no longer reaches its microphone. */
    public synchronized void clearEchoPath(LTAudioRoute route) {
        echoPaths.remove(route);
    }

    private synchronized SimulatedEchoPath echoPath(LTAudioRoute route) {
        return echoPaths.get(route);
    }

    @Override
    public synchronized void setVolume(LTAudioRoute route, double gain) {
        volumes.put(route, Math.max(0, Math.min(RouteDevices.MAX_GAIN, gain)));
    }

    @Override
    public void setCaptureGain(LTAudioRoute route, double gain) {
        captureGains.set(route, gain);
    }

    @Override
    public double captureGain(LTAudioRoute route) {
        return captureGains.get(route);
    }

    /** Every frame played to a route so far (after the route's volume), oldest first. */
    public List<short[]> playedFrames(LTAudioRoute route) {
        synchronized (played) {
            return List.copyOf(played.get(route));
        }
    }

    /** Everything played to a route, as one sample array (e.g. to write a WAV file). */
    public short[] playedSamples(LTAudioRoute route) {
        List<short[]> frames = playedFrames(route);
        short[] all = new short[frames.size() * AudioFrames.FRAME_SAMPLES];
        for (int i = 0; i < frames.size(); i++) {
            System.arraycopy(frames.get(i), 0, all, i * AudioFrames.FRAME_SAMPLES, AudioFrames.FRAME_SAMPLES);
        }
        return all;
    }

    public void clearPlayed() {
        synchronized (played) {
            played.values().forEach(List::clear);
        }
    }

    /** Streams open now. */
    public synchronized int openStreams() {
        return open.size();
    }

    @Override
    public synchronized CaptureStream openCapture(LTAudioRoute route) throws AudioDeviceException {
        requirePresent(route);
        SimCapture stream = new SimCapture(route);
        open.add(stream);
        return stream;
    }

    @Override
    public synchronized PlaybackStream openPlayback(LTAudioRoute route) throws AudioDeviceException {
        requirePresent(route);
        SimulatedEchoPath echo = echoPaths.get(route);
        if (echo != null) {
            echo.restart();
        }
        SimPlayback stream = new SimPlayback(route);
        open.add(stream);
        return stream;
    }

    private void requirePresent(LTAudioRoute route) throws AudioDeviceException {
        if (!present.contains(route)) {
            throw new AudioDeviceException(route, AudioDeviceException.Reason.MISSING, "simulated route is unplugged");
        }
    }

    private synchronized Supplier<short[]> source(LTAudioRoute route) {
        return captureSources.get(route);
    }

    private synchronized double volume(LTAudioRoute route) {
        return volumes.get(route);
    }

    private synchronized void closed(SimStream stream) {
        open.remove(stream);
    }

    private abstract class SimStream implements AutoCloseable {
        final LTAudioRoute route;
        volatile boolean gone;
        volatile boolean closed;

        SimStream(LTAudioRoute route) {
            this.route = route;
        }

        void checkFrame(short[] frame) throws AudioDeviceException {
            if (frame.length != AudioFrames.FRAME_SAMPLES) {
                throw new IllegalArgumentException("frame: must hold " + AudioFrames.FRAME_SAMPLES
                        + " samples, has " + frame.length);
            }
            if (gone) {
                throw new AudioDeviceException(route, AudioDeviceException.Reason.GONE, "simulated route was unplugged");
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                closed(this);
            }
        }
    }

    private final class SimCapture extends SimStream implements CaptureStream {
        SimCapture(LTAudioRoute route) {
            super(route);
        }

        @Override
        public boolean readFrame(short[] frame) throws AudioDeviceException {
            checkFrame(frame);
            if (closed) {
                return false;
            }
            SimulatedEchoPath echo = echoPath(route);
            short[] next = captureQueues.get(route).poll();
            if (next == null) {
                Supplier<short[]> source = source(route);
                if (source != null) {
                    next = source.get();
                } else if (echo != null) {
                    next = new short[frame.length]; // a coupled microphone always hears the room
                } else {
                    try {
                        next = captureQueues.get(route).poll(AudioFrames.FRAME_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
            if (next == null) {
                return false;
            }
            System.arraycopy(next, 0, frame, 0, frame.length);
            if (echo != null) {
                echo.addTo(frame);
            }
            AudioFormats.applyGain(frame, captureGains.get(route)); // the preamp amplifies room and echo alike
            return true;
        }
    }

    private final class SimPlayback extends SimStream implements PlaybackStream {
        SimPlayback(LTAudioRoute route) {
            super(route);
        }

        @Override
        public void writeFrame(short[] frame) throws AudioDeviceException {
            checkFrame(frame);
            if (closed) {
                return;
            }
            short[] copy = Arrays.copyOf(frame, frame.length);
            AudioFormats.applyGain(copy, volume(route));
            synchronized (played) {
                played.get(route).add(copy);
            }
            if (loopback) {
                captureQueues.get(route).add(Arrays.copyOf(copy, copy.length));
            }
            SimulatedEchoPath echo = echoPath(route);
            if (echo != null) {
                echo.played(copy);
            }
        }
    }
}
