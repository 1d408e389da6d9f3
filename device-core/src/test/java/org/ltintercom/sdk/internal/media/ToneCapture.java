package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.CaptureStream;

/** A microphone that hears a continuous sine (phase carried over frames); can be silenced. */
final class ToneCapture implements CaptureStream {
    private final double hz;
    private long sample;
    volatile boolean silent;
    volatile boolean closed;
    volatile long frames;

    ToneCapture(double hz) {
        this.hz = hz;
    }

    @Override
    public boolean readFrame(short[] frame) {
        if (closed) {
            return false;
        }
        if (silent) {
            java.util.Arrays.fill(frame, (short) 0);
        } else {
            Tones.sine(frame, frame.length, hz, 48_000, sample, 8_000);
        }
        sample += frame.length;
        frames++;
        return true;
    }

    @Override
    public void close() {
        closed = true;
    }
}
