package org.ltintercom.sdk.spi;

/** 20 ms speaker frames to one route; written by exactly one media thread. */
public interface PlaybackStream extends AutoCloseable {

    /**
     * Queues one frame ({@link AudioFrames#FRAME_SAMPLES} samples) for playout without blocking for
     * longer than about one frame period. The frame may be reused by the caller after return.
     *
     * @throws AudioDeviceException if the device went away
     */
    void writeFrame(short[] frame) throws AudioDeviceException;

    /** Releases the device; idempotent. */
    @Override
    void close();
}
