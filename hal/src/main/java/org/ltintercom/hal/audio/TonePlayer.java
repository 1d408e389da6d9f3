package org.ltintercom.hal.audio;

import org.ltintercom.hal.time.HalClock;
import org.ltintercom.hal.time.HalScheduler;
import org.ltintercom.sdk.call.LTAudioRoute;
import org.ltintercom.sdk.spi.AudioBackend;
import org.ltintercom.sdk.spi.AudioDeviceException;
import org.ltintercom.sdk.spi.AudioFrames;
import org.ltintercom.sdk.spi.PlaybackStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Plays ringtone, ringback, DTMF and chimes (or a WAV ringtone) on a route, one at a time,
 * paced at 20 ms frames by its own thread ({@code lt-hal-tones}) against absolute deadlines.
 * A missing or vanished speaker is logged and the tone dropped: the LED still shows the call.
 */
public final class TonePlayer implements AutoCloseable {

    /** The pacing thread's name. */
    public static final String THREAD_NAME = "lt-hal-tones";

    private static final Logger log = LoggerFactory.getLogger(TonePlayer.class);
    private static final long FRAME_NANOS = AudioFrames.FRAME_MILLIS * 1_000_000L;

    private final AudioBackend backend;
    private final HalScheduler scheduler;
    private Playing current;

    public TonePlayer(AudioBackend backend, HalClock clock) {
        this.backend = backend;
        this.scheduler = new HalScheduler(THREAD_NAME, clock);
    }

    /** Starts {@code tone} on {@code route}, replacing whatever plays. */
    public void play(Tone tone, LTAudioRoute route) {
        ToneGenerator generator = new ToneGenerator(tone);
        play(tone.name(), route, () -> {
            if (generator.finished()) {
                return null;
            }
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            generator.next(frame);
            return frame;
        });
    }

    /** Plays recorded samples (e.g. from {@link WavFiles#read}), looping if {@code repeat}. */
    public void play(String name, short[] samples, boolean repeat, LTAudioRoute route) {
        int[] at = {0};
        play(name, route, () -> {
            if (at[0] >= samples.length) {
                if (!repeat || samples.length == 0) {
                    return null;
                }
                at[0] = 0;
            }
            short[] frame = new short[AudioFrames.FRAME_SAMPLES];
            int n = Math.min(frame.length, samples.length - at[0]);
            System.arraycopy(samples, at[0], frame, 0, n);
            at[0] += n;
            return frame;
        });
    }

    /** Stops the tone that plays, if any. */
    public void stop() {
        scheduler.execute(this::stopCurrent);
    }

    /** The name of the tone playing now. */
    public Optional<String> playing() {
        String[] name = {null};
        scheduler.runAndWait(() -> name[0] = current == null ? null : current.name, Duration.ofSeconds(5));
        return Optional.ofNullable(name[0]);
    }

    @Override
    public void close() {
        scheduler.runAndWait(this::stopCurrent, Duration.ofSeconds(5));
        scheduler.close();
    }

    private void play(String name, LTAudioRoute route, Supplier<short[]> frames) {
        scheduler.execute(() -> {
            stopCurrent();
            PlaybackStream stream;
            try {
                stream = backend.openPlayback(route);
            } catch (AudioDeviceException e) {
                log.warn("tone {} not played: {}", name, e.getMessage());
                return;
            }
            Playing playing = new Playing(name, route, stream, frames);
            current = playing;
            log.debug("tone {} on {}", name, route);
            writeFrame(playing, scheduler.now());
        });
    }

    private void writeFrame(Playing playing, long dueAt) {
        if (playing != current) {
            return;
        }
        short[] frame = playing.frames.get();
        if (frame == null) {
            stopCurrent();
            return;
        }
        try {
            playing.stream.writeFrame(frame);
        } catch (AudioDeviceException e) {
            log.warn("tone {} stopped: {}", playing.name, e.getMessage());
            stopCurrent();
            return;
        }
        long next = dueAt + FRAME_NANOS;
        scheduler.at(next, () -> writeFrame(playing, next));
    }

    private void stopCurrent() {
        if (current != null) {
            current.stream.close();
            current = null;
        }
    }

    private record Playing(String name, LTAudioRoute route, PlaybackStream stream, Supplier<short[]> frames) {
    }
}
