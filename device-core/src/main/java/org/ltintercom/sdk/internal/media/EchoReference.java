package org.ltintercom.sdk.internal.media;

import java.util.Arrays;

/**
 * The far-end audio as it was handed to the speaker, kept for the echo canceller: the playout path
 * appends every frame it writes to the {@code PlaybackStream}, the capture path reads the stretch
 * that its microphone frame can contain an echo of. Samples are numbered on the playout timeline
 * (sample {@code i} is the i-th sample ever written); in {@link MediaSession} the capture frame of
 * tick n starts at the same number as the playout frame of tick n, which is how
 * {@link AcousticCalibration} measures the delay.
 *
 * <p>Both sides run on the media thread (one tick reads the microphone, then writes the speaker),
 * so there is no locking; a ring that outlives its capacity returns silence for what it dropped.
 */
final class EchoReference {
    private final short[] ring;
    private long written;

    EchoReference(int capacitySamples) {
        this.ring = new short[capacitySamples];
    }

    /** Appends one played frame. */
    void append(short[] frame, int count) {
        for (int i = 0; i < count; i++) {
            ring[(int) ((written + i) % ring.length)] = frame[i];
        }
        written += count;
    }

    /** Samples appended so far. */
    long written() {
        return written;
    }

    /** Copies samples [start, start + count) into {@code out}; silence where none were (or are no longer) kept. */
    void read(long start, short[] out, int count) {
        for (int i = 0; i < count; i++) {
            long s = start + i;
            out[i] = s < 0 || s >= written || s < written - ring.length ? 0 : ring[(int) (s % ring.length)];
        }
    }

    /** Forgets everything played (new route: the old speaker's echo is gone). */
    void clear() {
        Arrays.fill(ring, (short) 0);
    }
}
