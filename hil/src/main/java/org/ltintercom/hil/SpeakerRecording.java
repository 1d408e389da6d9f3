package org.ltintercom.hil;

import org.ltintercom.sdk.spi.AudioFrames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What the intercom's speaker played, as 20 ms frames (48 kHz mono) each stamped with the monotonic
 * time the rig heard it. Asks "which tone, how loud, since when" and waits on such questions.
 */
public final class SpeakerRecording {

    /** One frame and when it was heard. */
    private record Frame(short[] samples, long atNanos) {
    }

    /** Frames of a window judged at once: 100 ms resolves tones 10 Hz apart, short enough for timings. */
    public static final int WINDOW_FRAMES = 5;

    private final List<Frame> frames = new ArrayList<>();

    /** Adds a frame heard at {@code atNanos}. */
    public synchronized void append(short[] frame, long atNanos) {
        if (frame.length != AudioFrames.FRAME_SAMPLES) {
            throw new IllegalArgumentException("frame: must hold " + AudioFrames.FRAME_SAMPLES + " samples, has " + frame.length);
        }
        frames.add(new Frame(frame.clone(), atNanos));
        notifyAll();
    }

    public synchronized int frameCount() {
        return frames.size();
    }

    /** The samples of the frames heard in {@code [fromNanos, toNanos)}. */
    public synchronized short[] samples(long fromNanos, long toNanos) {
        List<Frame> in = frames.stream().filter(f -> f.atNanos() >= fromNanos && f.atNanos() < toNanos).toList();
        short[] out = new short[in.size() * AudioFrames.FRAME_SAMPLES];
        for (int i = 0; i < in.size(); i++) {
            System.arraycopy(in.get(i).samples(), 0, out, i * AudioFrames.FRAME_SAMPLES, AudioFrames.FRAME_SAMPLES);
        }
        return out;
    }

    /** The amplitude (0..32767) of {@code hz} in what was heard in {@code [fromNanos, toNanos)}. */
    public double amplitudeAt(double hz, long fromNanos, long toNanos) {
        return Tones.amplitudeAt(samples(fromNanos, toNanos), hz);
    }

    /** The RMS level of what was heard in {@code [fromNanos, toNanos)}. */
    public double level(long fromNanos, long toNanos) {
        return Tones.rms(samples(fromNanos, toNanos));
    }

    /**
     * The time of the first 100 ms window at or after {@code fromNanos} in which {@code hz} is at
     * least {@code minAmplitude} and stands out of the window ({@link Tones#dominates}).
     */
    public synchronized Optional<Long> firstHeard(double hz, double minAmplitude, long fromNanos) {
        int first = 0;
        while (first < frames.size() && frames.get(first).atNanos() < fromNanos) {
            first++;
        }
        for (int i = first; i + WINDOW_FRAMES <= frames.size(); i++) {
            short[] window = new short[WINDOW_FRAMES * AudioFrames.FRAME_SAMPLES];
            for (int k = 0; k < WINDOW_FRAMES; k++) {
                System.arraycopy(frames.get(i + k).samples(), 0, window, k * AudioFrames.FRAME_SAMPLES, AudioFrames.FRAME_SAMPLES);
            }
            if (Tones.amplitudeAt(window, hz) >= minAmplitude && Tones.dominates(window, hz)) {
                return Optional.of(frames.get(i).atNanos());
            }
        }
        return Optional.empty();
    }

    /** Waits until the speaker has played {@code hz} (see {@link #firstHeard}); returns when it first did. */
    public long awaitHeard(double hz, double minAmplitude, long fromNanos, Duration timeout) {
        await(hz + " Hz at amplitude >= " + minAmplitude, timeout, r -> r.firstHeard(hz, minAmplitude, fromNanos).isPresent());
        return firstHeard(hz, minAmplitude, fromNanos).orElseThrow();
    }

    /** Waits until {@code condition} holds, re-checked at every new frame. */
    public synchronized void await(String what, Duration timeout, Predicate<SpeakerRecording> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(this)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("speaker: not within " + timeout.toMillis() + " ms: " + what + " ("
                        + frames.size() + " frames heard)");
            }
            try {
                wait(Math.max(1, Math.min(100, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("speaker: interrupted while waiting for " + what, e);
            }
        }
    }
}
