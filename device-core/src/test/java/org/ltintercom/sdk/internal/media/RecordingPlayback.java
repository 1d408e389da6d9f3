package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.PlaybackStream;

/** A speaker that records every frame it is given (up to 120 s) for analysis. */
final class RecordingPlayback implements PlaybackStream {
    private static final int FRAME = 960;
    private final short[] audio = new short[48_000 * 120];
    private volatile int frames;
    volatile boolean closed;

    @Override
    public void writeFrame(short[] frame) {
        int f = frames;
        if ((f + 1) * FRAME <= audio.length) {
            System.arraycopy(frame, 0, audio, f * FRAME, FRAME);
            frames = f + 1;
        }
    }

    int frames() {
        return frames;
    }

    /** A copy of frames [from, to). */
    short[] frames(int from, int to) {
        return java.util.Arrays.copyOfRange(audio, from * FRAME, to * FRAME);
    }

    /** Index of the first frame (from {@code from}) whose level exceeds {@code rms}, or -1. */
    int firstLoudFrame(int from, double rms) {
        for (int f = from; f < frames; f++) {
            if (Tones.rms(audio, f * FRAME, FRAME) > rms) {
                return f;
            }
        }
        return -1;
    }

    /** The longest run of 5 ms windows below {@code rms} between frames [from, to), in ms. */
    int longestSilenceMillis(int from, int to, double rms) {
        int longest = 0;
        int run = 0;
        for (int w = from * 4; w < to * 4; w++) {
            if (Tones.rms(audio, w * 240, 240) < rms) {
                run += 5;
                longest = Math.max(longest, run);
            } else {
                run = 0;
            }
        }
        return longest;
    }

    @Override
    public void close() {
        closed = true;
    }
}
