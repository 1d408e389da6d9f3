package org.ltintercom.sdk.spi;

/** 20 ms microphone frames from one route; read by exactly one media thread. */
public interface CaptureStream extends AutoCloseable {

    /**
     * Fills {@code frame} ({@link AudioFrames#FRAME_SAMPLES} samples) with the next captured frame,
     * waiting at most about one frame period.
     *
     * @return true if a frame was read; false on an underrun (the caller sends silence) or after close
     * @throws AudioDeviceException if the device went away (the SDK may reopen or switch route)
     */
    boolean readFrame(short[] frame) throws AudioDeviceException;

    /** Releases the device; idempotent. */
    @Override
    void close();
}
