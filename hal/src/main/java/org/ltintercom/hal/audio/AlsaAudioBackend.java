package org.ltintercom.hal.audio;

import org.ltintercom.hal.time.HalClock;
import org.ltintercom.hal.time.HalScheduler;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.CaptureStream;
import org.ltintercom.sdk.spi.PlaybackStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.TargetDataLine;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The SDK's audio on ALSA through Java Sound. Each route's devices are found by name (see
 * {@link RouteDevices}); a device-watch thread ({@code lt-hal-audio-watch}) rescans the devices
 * and tells the SDK through the {@link RouteListener} when a route comes or goes (a USB card
 * unplugged and plugged back). Streams of a vanished device fail with {@code GONE}; the SDK
 * reopens them when the route listener reports the route back, and the fresh open finds the
 * card by name under whatever card number it got this time.
 *
 * <pre>
 *   SoundSystem.devices() --(every rescan)--> DeviceSelector per route --> available routes
 *   openCapture(route) --> TargetDataLine (bufferFrames x 20 ms) --> AlsaCaptureStream
 * </pre>
 */
public final class AlsaAudioBackend implements AudioBackend, RouteGains, AutoCloseable {

    /** The device watch thread's name. */
    public static final String THREAD_NAME = "lt-hal-audio-watch";

    private static final Logger log = LoggerFactory.getLogger(AlsaAudioBackend.class);

    private final AudioConfig config;
    private final Map<LTAudioRoute, RouteDevices> routes;
    private final SoundSystem sound;
    private final HalScheduler watch;
    private final Map<LTAudioRoute, Double> volumes = new EnumMap<>(LTAudioRoute.class);
    private final CaptureGains captureGains = new CaptureGains();
    private final Set<AlsaStream> openStreams = new CopyOnWriteArraySet<>();
    private volatile Set<LTAudioRoute> available = EnumSet.noneOf(LTAudioRoute.class);
    private volatile List<AudioDeviceInfo> devices = List.of();
    private volatile RouteListener listener;
    private volatile boolean bluetoothConnected;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong rescans = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong routeChanges = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong streamsOpened = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong openFailures = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong underruns = new java.util.concurrent.atomic.AtomicLong();

    public AlsaAudioBackend(AudioConfig config, SoundSystem sound, HalClock clock) {
        this.config = config;
        this.routes = config.byRoute();
        this.sound = sound;
        routes.forEach((route, devices) -> volumes.put(route, devices.volume()));
        rescan();
        log.info("audio routes available at start: {}", available);
        this.watch = new HalScheduler(THREAD_NAME, clock);
        scheduleRescan();
    }

    @Override
    public Set<LTAudioRoute> availableRoutes() {
        return available.isEmpty() ? EnumSet.noneOf(LTAudioRoute.class) : EnumSet.copyOf(available);
    }

    @Override
    public void setRouteListener(RouteListener newListener) {
        this.listener = newListener;
    }

    /** Told by the Bluetooth side: BLUETOOTH is available only while the headset is connected. */
    public void setBluetoothConnected(boolean connected) {
        bluetoothConnected = connected;
        rescan();
    }

    /** Sets a route's software gain (clamped to 0..{@value RouteDevices#MAX_GAIN}); open streams follow at once. */
    @Override
    public void setVolume(LTAudioRoute route, double gain) {
        synchronized (volumes) {
            volumes.put(route, Math.max(0, Math.min(RouteDevices.MAX_GAIN, gain)));
        }
    }

    public double volume(LTAudioRoute route) {
        synchronized (volumes) {
            return volumes.getOrDefault(route, 1.0);
        }
    }

    @Override
    public void setCaptureGain(LTAudioRoute route, double gain) {
        captureGains.set(route, gain);
    }

    @Override
    public double captureGain(LTAudioRoute route) {
        return captureGains.get(route);
    }

    public AudioStats stats() {
        return new AudioStats(rescans.get(), routeChanges.get(), streamsOpened.get(), openFailures.get(), underruns.get());
    }

    @Override
    public CaptureStream openCapture(LTAudioRoute route) throws AudioDeviceException {
        AudioDeviceInfo device = resolveCounted(route, true);
        try {
            TargetDataLine line = sound.openCapture(device, AudioFormats.SPI_FORMAT, bufferBytes());
            return track(new AlsaCaptureStream(route, device, line, this));
        } catch (LineUnavailableException | IllegalArgumentException e) {
            openFailures.incrementAndGet();
            throw new AudioDeviceException(route, AudioDeviceException.Reason.BUSY,
                    "capture device " + device.label() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    @Override
    public PlaybackStream openPlayback(LTAudioRoute route) throws AudioDeviceException {
        AudioDeviceInfo device = resolveCounted(route, false);
        try {
            SourceDataLine line = sound.openPlayback(device, AudioFormats.SPI_FORMAT, bufferBytes());
            return track(new AlsaPlaybackStream(route, device, line, this));
        } catch (LineUnavailableException | IllegalArgumentException e) {
            openFailures.incrementAndGet();
            throw new AudioDeviceException(route, AudioDeviceException.Reason.BUSY,
                    "playback device " + device.label() + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Rescans now (the watch does this periodically) and tells the route listener of any change. */
    public void rescan() {
        if (closed) {
            return;
        }
        Set<LTAudioRoute> before;
        Set<LTAudioRoute> now;
        rescans.incrementAndGet();
        synchronized (this) {
            List<AudioDeviceInfo> present = listDevices();
            devices = present;
            now = routesPresent(present);
            for (AlsaStream stream : openStreams) {
                if (!present.contains(stream.device()) || !now.contains(stream.route())) {
                    stream.markGone();
                }
            }
            before = available;
            available = now;
        }
        if (!before.equals(now)) {
            routeChanges.incrementAndGet();
            log.info("audio routes changed: {} -> {}", before, now);
            RouteListener current = listener;
            if (current != null) {
                try {
                    current.onAvailableRoutesChanged(availableRoutes());
                } catch (RuntimeException e) {
                    log.warn("route listener failed", e);
                }
            }
        }
    }

    private List<AudioDeviceInfo> listDevices() {
        try {
            return List.copyOf(sound.devices());
        } catch (RuntimeException e) {
            log.warn("listing sound devices failed: {}", e.toString());
            return List.of();
        }
    }

    private Set<LTAudioRoute> routesPresent(List<AudioDeviceInfo> present) {
        Set<LTAudioRoute> now = EnumSet.noneOf(LTAudioRoute.class);
        routes.forEach((route, cfg) -> {
            boolean there = DeviceSelector.capture(cfg.capture(), present).isPresent()
                    && DeviceSelector.playback(cfg.playback(), present).isPresent();
            if (there && (route != LTAudioRoute.BLUETOOTH || bluetoothConnected)) {
                now.add(route);
            }
        });
        return now;
    }

    @Override
    public void close() {
        closed = true;
        watch.close();
        openStreams.forEach(AlsaStream::close);
    }

    void countUnderrun() {
        underruns.incrementAndGet();
    }

    private AudioDeviceInfo resolveCounted(LTAudioRoute route, boolean capture) throws AudioDeviceException {
        try {
            return resolve(route, capture);
        } catch (AudioDeviceException e) {
            openFailures.incrementAndGet();
            throw e;
        }
    }

    void forget(AlsaStream stream) {
        openStreams.remove(stream);
    }

    private <S extends AlsaStream> S track(S stream) {
        streamsOpened.incrementAndGet();
        openStreams.add(stream);
        return stream;
    }

    private int bufferBytes() {
        return config.bufferFrames() * AudioFormats.FRAME_BYTES;
    }

    private AudioDeviceInfo resolve(LTAudioRoute route, boolean capture) throws AudioDeviceException {
        RouteDevices cfg = routes.get(route);
        if (cfg == null) {
            throw new AudioDeviceException(route, AudioDeviceException.Reason.MISSING,
                    "no device is configured for this route");
        }
        if (route == LTAudioRoute.BLUETOOTH && !bluetoothConnected) {
            throw new AudioDeviceException(route, AudioDeviceException.Reason.MISSING, "the headset is not connected");
        }
        rescan();
        Optional<AudioDeviceInfo> device = capture ? DeviceSelector.capture(cfg.capture(), devices)
                : DeviceSelector.playback(cfg.playback(), devices);
        return device.orElseThrow(() -> new AudioDeviceException(route, AudioDeviceException.Reason.MISSING,
                (capture ? "no capture device matches \"" + cfg.capture() : "no playback device matches \"" + cfg.playback())
                        + "\" among " + devices.size() + " sound devices"));
    }

    private void scheduleRescan() {
        watch.after(config.rescan(), () -> {
            rescan();
            if (!closed) {
                scheduleRescan();
            }
        });
    }

    /** What the backend needs to know of an open stream. */
    interface AlsaStream {
        LTAudioRoute route();

        AudioDeviceInfo device();

        void markGone();

        void close();
    }
}
