package org.ltintercom.sdk.internal.media;

import org.ltintercom.sdk.spi.CaptureStream;

/** A microphone that hears a continuous sine (phase carried over frames), or a looped recording; can be silenced. */
final class ToneCapture implements CaptureStream {
    private final double hz;
    private final short[] signal; // null: the sine
    private long sample;
    volatile boolean silent;
    volatile boolean closed;
    volatile long frames;

    ToneCapture(double hz) {
        this.hz = hz;
        this.signal = null;
    }

    /** Hears {@code signal} (48 kHz), from its start, over and over. */
    ToneCapture(short[] signal) {
        this.hz = 0;
        this.signal = signal;
    }

    @Override
    public boolean readFrame(short[] frame) {
        if (closed) {
            return false;
        }
        if (silent) {
            java.util.Arrays.fill(frame, (short) 0);
        } else if (signal != null) {
            for (int i = 0; i < frame.length; i++) {
                frame[i] = signal[(int) ((sample + i) % signal.length)];
            }
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
